// The console's actions (src/actions) against the real server, set up as the console sets them up
// (use-actions.ts): the real clock, the acting user from the port's info (read at each use), a ledger and an audit log in a
// temporary folder.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../../../src/actions/audit.js';
import { SuspendLedger } from '../../../src/actions/ledger.js';
import { actor } from '../../../src/actions/plan-common.js';
import { planAction, rebuildPlan, runAction } from '../../../src/actions/registry.js';
import { realClock } from '../../../src/actions/run-defaults.js';
import type {
  ActionContext,
  ActionId,
  ActionOptions,
  ActionOutcome,
  ActionPlan,
} from '../../../src/actions/types.js';
import type { ObjectRef } from '../../../src/flux/types.js';
import type { ClusterPort } from '../../../src/kube/port.js';

export interface ActionRig {
  readonly ctx: ActionContext;
  readonly audit: AuditLog;
  plan(
    action: ActionId,
    targets: readonly ObjectRef[],
    options?: Partial<ActionOptions>,
  ): Promise<ActionPlan>;
  run(plan: ActionPlan): Promise<ActionOutcome>;
  auditLines(): Record<string, unknown>[];
}

export function actionRig(
  port: ClusterPort,
  options: { readonly timeoutMs?: number; readonly user?: string } = {},
): ActionRig {
  const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-real-actions-'));
  const audit = new AuditLog({ path: join(dir, 'audit.log') });
  const ctx: ActionContext = {
    port,
    readonly: false,
    clock: realClock,
    // Read at each use, as use-actions.ts does: the port learns who the server says we are after it opened.
    get user() {
      return options.user ?? actor(port.info, {});
    },
    timeoutMs: options.timeoutMs ?? 30_000,
    pollMs: 500,
    ledger: new SuspendLedger(),
    keyLabel: (action) => (action === 'resume' ? 'u' : undefined),
  };
  return {
    ctx,
    audit,
    async plan(action, targets, more = {}) {
      const draft = await planAction(action, targets, ctx);
      return Object.keys(more).length === 0 ? draft : rebuildPlan(draft, ctx, { ...draft.options, ...more });
    },
    run: (plan) => runAction(plan, ctx, () => {}, audit),
    auditLines() {
      let text = '';
      try {
        text = readFileSync(audit.path, 'utf8');
      } catch {
        return [];
      }
      return text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    },
  };
}
