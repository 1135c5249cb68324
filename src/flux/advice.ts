// One line of the runbook's advice (docs/runbook.md) for a failing object, and the action that carries it
// out. The text names actions, never keys: the UI formats keys from its key table.
import { blockedBy, type DependencyGraph } from './graph.js';
import { isHelmLockMessage } from './helm.js';
import { kindInfo } from './kinds.js';
import { supportsWithSource } from './reconcile.js';
import { formatDuration, parseTime } from './time.js';
import type { ObjectKey, StatusRow } from './types.js';

export type AdviceAction =
  | 'reconcile'
  | 'reconcileWithSource'
  | 'resume'
  | 'rollback'
  | 'clearLock'
  | 'fixChain'
  | 'gotoRoot';

export interface Advice {
  readonly text: string;
  readonly action?: AdviceAction;
  /** For gotoRoot and fixChain: the object to go to / start from. */
  readonly target?: ObjectKey;
}

export interface AdviceContext {
  readonly graph: DependencyGraph;
  readonly rows: ReadonlyMap<ObjectKey, StatusRow>;
  /** ms since the epoch; without it, advice that depends on how long something failed is not given. */
  readonly now?: number;
}

/**
 * The runbook's escalation (docs/runbook.md): a Git source unreachable for longer than this needs the network
 * checked.
 */
export const GIT_ESCALATION_MS = 30 * 60_000;

type Rule = (row: StatusRow, ctx: AdviceContext) => Advice | undefined;

function describe(row: StatusRow): string {
  return `${row.ref.kind} ${row.ref.namespace}/${row.ref.name}`;
}

function messages(row: StatusRow): string[] {
  return [row.message, ...row.conditions.map((c) => c.message)];
}

const failing = (row: StatusRow) => row.health === 'Failed' || row.health === 'Stalled';

const helmLock: Rule = (row) => {
  if (row.ref.kind !== 'HelmRelease' || !messages(row).some(isHelmLockMessage)) return undefined;
  const note = row.suspended
    ? 'it is suspended, so helm-controller will not unlock it'
    : 'helm-controller ≥ v0.37 unlocks it by itself unless the HelmRelease is suspended';
  return {
    text: `Helm release is locked by a pending operation: clear the lock (delete the pending release Secret), then reconcile — ${note}`,
    action: 'clearLock',
  };
};

const suspended: Rule = (row) => {
  if (!row.suspended) return undefined;
  const by = row.suspendedBy ? ` by ${row.suspendedBy}` : '';
  const why = row.suspendReason ? ` (${row.suspendReason})` : '';
  const helm =
    row.ref.kind === 'HelmRelease'
      ? ' once Git is fixed — on resume helm-controller upgrades to the revision in Git'
      : '';
  return { text: `Suspended${by}${why}: resume it to let Flux reconcile again${helm}`, action: 'resume' };
};

const waiting: Rule = (row, { graph, rows }) => {
  if (row.health !== 'Waiting') return undefined;
  const missing = graph.missing(row.key);
  if (missing.length > 0) {
    const first = missing[0];
    const names = first ? `${first.kind} ${first.namespace}/${first.name}` : '';
    const more = missing.length > 1 ? ` and ${missing.length - 1} more` : '';
    return { text: `Depends on ${names}${more}, which does not exist: create it or fix spec.dependsOn` };
  }
  const roots = graph.rootCauses(row.key);
  const cycle = graph.cycles().find((c) => c.includes(row.key));
  if (cycle) return { text: `Dependency cycle: ${cycle.join(' → ')} — break it in spec.dependsOn` };
  const rootKey = roots[0];
  if (rootKey === undefined || rootKey === row.key) {
    return { text: 'Its dependencies are ready now: reconcile it', action: 'reconcile' };
  }
  const root = rows.get(rootKey) ?? graph.row(rootKey);
  const more = roots.length > 1 ? ` (and ${roots.length - 1} more)` : '';
  const catchingUp =
    root?.health === 'Waiting' || root?.health === 'Reconciling' || root?.health === 'Pending';
  if (!root || catchingUp) {
    // The root only waits for a requeue: nothing is broken any more, the chain just has to catch up.
    const where = root ? describe(root) : rootKey;
    return {
      text: `Dependencies recovered up to ${where}${more}: fix the chain from there`,
      action: 'fixChain',
      target: rootKey,
    };
  }
  const reason = root.reason ? `: ${root.reason}` : '';
  return {
    text: `The chain's root is ${describe(root)}${more} (${root.health}${reason}): fix it first, then fix the chain`,
    action: 'gotoRoot',
    target: rootKey,
  };
};

const helmRetriesExhausted: Rule = (row) => {
  if (row.ref.kind !== 'HelmRelease' || !row.stalled) return undefined;
  const stalled = row.conditions.find((c) => c.type === 'Stalled');
  if (
    stalled?.reason === 'MissingRollbackTarget' ||
    row.reason === 'InstallFailed' ||
    /install/i.test(stalled?.message ?? '')
  ) {
    return {
      text: 'Install failed and retries are exhausted: fix the chart or values in Git, then reconcile with source (resets the retries)',
      action: 'reconcileWithSource',
    };
  }
  return {
    text: 'Upgrade failed and retries are exhausted: roll back to the last deployed revision (suspend, roll back, resume after Git is fixed), or fix Git and reset the retries',
    action: 'rollback',
  };
};

const helmFailed: Rule = (row) => {
  if (row.ref.kind !== 'HelmRelease' || row.health !== 'Failed') return undefined;
  if (!/^(Install|Upgrade|Test|Rollback|Uninstall)Failed$/.test(row.reason)) return undefined;
  const what = row.reason.replace(/Failed$/, '').toLowerCase();
  return {
    text: `Helm ${what} failed; Flux retries on its own. If the chart or values are wrong, fix them in Git, then reconcile with source`,
    action: 'reconcileWithSource',
  };
};

const INVALID_MANIFESTS =
  /yaml:|json:|kustomize build failed|error converting YAML|MalformedYAMLError|could not find expected|mapping values are not allowed/i;

const kustomizeBuild: Rule = (row) => {
  if (row.ref.kind !== 'Kustomization' || !failing(row)) return undefined;
  if (row.reason !== 'BuildFailed' && !INVALID_MANIFESTS.test(row.message)) return undefined;
  return {
    text: 'The manifests do not build: fix the YAML in Git, then reconcile with source',
    action: 'reconcileWithSource',
  };
};

const AUTH =
  /authentication (required|failed)|auth(orization)? failed|unauthorized|permission denied|invalid credentials|\b40[13]\b/i;

const sourceAuth: Rule = (row) => {
  if (kindInfo(row.ref.kind).family !== 'source' || !failing(row)) return undefined;
  if (row.reason !== 'AuthenticationFailed' && !AUTH.test(row.message)) return undefined;
  const { SECRET: secret } = row.extra;
  const where = secret
    ? `the credentials in Secret ${row.ref.namespace}/${secret} (spec.secretRef)`
    : 'its credentials: it names no Secret in spec.secretRef';
  return { text: `Authentication failed: check ${where}, then reconcile`, action: 'reconcile' };
};

const gitUnreachable: Rule = (row, { now }) => {
  if (row.ref.kind !== 'GitRepository' || !failing(row)) return undefined;
  const since = parseTime(row.failingSince);
  if (now !== undefined && since !== undefined && now - since > GIT_ESCALATION_MS) {
    return {
      text: `Git source failing for ${formatDuration(now - since)} (over 30m): check network/firewall and the Git host's status, and escalate per the runbook`,
    };
  }
  return {
    text: 'Git fetch failing: check connectivity from the cluster to the Git host, then reconcile',
    action: 'reconcile',
  };
};

/** A Ready owner whose workloads are not (src/flux/workload-health.ts): Flux will not say so by itself. */
const degraded: Rule = (row) => {
  if (row.health !== 'Degraded') return undefined;
  if (row.message.includes('NotFound (deleted?)')) {
    const helm =
      row.ref.kind === 'HelmRelease'
        ? ' (helm-controller puts them back only with drift detection enabled; otherwise upgrade or roll back)'
        : '';
    return {
      text: `Objects it applied are gone, deleted by hand?: reconcile to apply them again${helm}`,
      action: 'reconcile',
    };
  }
  return {
    text: 'Flux reports it Ready, but its workloads are not: see why in its inventory (pods, events, logs), fix the cause in Git (image, config, secrets), then reconcile',
    action: 'reconcile',
  };
};

const generic: Rule = (row) => {
  if (!failing(row)) return undefined;
  const withSource = supportsWithSource(row.ref.kind);
  const then = withSource ? 'reconcile with source' : 'reconcile';
  const action: AdviceAction = withSource ? 'reconcileWithSource' : 'reconcile';
  if (row.health === 'Stalled') {
    return {
      text: `Stalled: Flux will not retry until something changes; fix the cause in Git, then ${then}`,
      action,
    };
  }
  return { text: `Reconciliation failed: fix the cause (see message, events, logs), then ${then}`, action };
};

/** First match wins; the order is the runbook's, most specific first. */
const RULES: readonly Rule[] = [
  helmLock,
  suspended,
  waiting,
  helmRetriesExhausted,
  helmFailed,
  kustomizeBuild,
  sourceAuth,
  gitUnreachable,
  degraded,
  generic,
];

/**
 * What the runbook (docs/runbook.md) advises for this object, or undefined when nothing is wrong (Ready,
 * Reconciling, Pending).
 * When the object is the head of a blocked chain, the advice says how many objects it blocks.
 */
export function adviseFor(row: StatusRow, ctx: AdviceContext): Advice | undefined {
  for (const rule of RULES) {
    const advice = rule(row, ctx);
    if (!advice) continue;
    if (ctx.graph.isChainRoot(row.key)) {
      const blocked = blockedBy(ctx.graph, row.key).length;
      if (blocked > 0) {
        return {
          ...advice,
          text: `${advice.text} — it blocks ${blocked} dependent${blocked === 1 ? '' : 's'}`,
        };
      }
    }
    return advice;
  }
  return undefined;
}
