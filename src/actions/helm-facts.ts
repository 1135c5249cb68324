// The Helm side of a HelmRelease, read while planning: its release name and namespaces as helm-controller
// derives them, and the release's history decoded from its storage Secrets (docs/helm.md).
import { helmReleaseName, helmReleaseNamespace, helmStorageNamespace } from '../flux/helm.js';
import { sanitizeText } from '../flux/sanitize.js';
import type { HelmReleaseRevision } from '../flux/types.js';
import { formatCommand } from '../kube/exec.js';
import type { Command } from '../kube/port.js';
import { describeActionError, refName } from './errors.js';
import type { ActionContext, HelmFacts, TargetFacts } from './types.js';

export type HelmRead =
  | { readonly ok: true; readonly helm: HelmFacts }
  | { readonly ok: false; readonly problem: string };

export async function readHelmFacts(ctx: ActionContext, target: TargetFacts): Promise<HelmRead> {
  const raw = target.raw;
  if (raw === undefined) return { ok: false, problem: `${refName(target.ref)} no longer exists.` };
  const releaseName = helmReleaseName(raw);
  const storageNamespace = helmStorageNamespace(raw);
  try {
    const history = await ctx.port.helmHistory(storageNamespace, releaseName);
    return {
      ok: true,
      helm: { releaseName, releaseNamespace: helmReleaseNamespace(raw), storageNamespace, history },
    };
  } catch (error) {
    return { ok: false, problem: describeActionError(error, target.ref, 'read the Helm history of') };
  }
}

/** `v3 deployed — podinfo 6.5.0 (app 6.5.0) — Upgrade complete`, display-safe. */
export function describeRevision(r: HelmReleaseRevision): string {
  const chart = r.chartName ? ` — ${r.chartName} ${r.chartVersion}` : '';
  const app = r.appVersion ? ` (app ${r.appVersion})` : '';
  const said = r.description ? ` — ${r.description}` : '';
  return sanitizeText(`v${r.revision} ${r.status}${chart}${app}${said}`, 300);
}

/** The sentence for "helm is not installed here": what to run by hand instead. */
export function helmMissingSentence(byHand: readonly Command[]): string {
  const lines = byHand.map((c) => formatCommand(c)).join(' ; ');
  return `helm was not found on PATH (or at --helm PATH): install it, or run these commands by hand: ${lines}.`;
}

/** The end of helm's stderr, which carries the error (`Error: …`). */
export function helmError(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return sanitizeText(lines.slice(-3).join(' '), 600) || 'no error output';
}
