// What the rollback's outcome says about Helm after the fact, read from the release history before and after:
// what a failed `helm rollback` recorded (helm/helm pkg/action/rollback.go writes a failed revision and
// relabels the previously latest one superseded), and what helm-controller did after the resume — often the
// upgrade to the chart in Git again, which undoes the rollback (docs/helm.md).
import { plainVersion } from '../flux/helm-desired.js';
import { deployedRevision } from '../flux/helm-last-good.js';
import { sanitizeText } from '../flux/sanitize.js';
import type { HelmReleaseRevision } from '../flux/types.js';

function newest(history: readonly HelmReleaseRevision[]): HelmReleaseRevision | undefined {
  return [...history].sort((a, b) => b.revision - a.revision)[0];
}

function chartOf(r: HelmReleaseRevision): string {
  return r.chartName ? `${r.chartName} ${r.chartVersion}` : 'an unknown chart';
}

/**
 * After `helm rollback` failed: what Helm recorded, as sentences; undefined when Helm wrote no new revision
 * (it refused before starting, e.g. a lock, or could not be run).
 */
export function failedRollbackRecord(
  before: readonly HelmReleaseRevision[],
  after: readonly HelmReleaseRevision[],
  target: number,
): string | undefined {
  const beforeMax = newest(before)?.revision ?? 0;
  const written = newest(after.filter((r) => r.revision > beforeMax));
  if (!written) return undefined;
  const said = written.description ? `: ${written.description}` : '';
  const parts = [
    `Helm recorded revision ${written.revision} (rollback to ${target}) as ${written.status}${said}.`,
  ];
  const relabelled = after.flatMap((r) => {
    const old = before.find((b) => b.revision === r.revision);
    return old && old.status !== r.status ? [`revision ${r.revision} ${old.status} → ${r.status}`] : [];
  });
  if (relabelled.length > 0) parts.push(`It relabelled ${relabelled.join(', ')}.`);
  const deployed = deployedRevision(after);
  parts.push(
    deployed
      ? `Helm's record still names revision ${deployed.revision} (${chartOf(deployed)}) as deployed, though the failed attempts may have changed some of its resources.`
      : 'No revision is marked deployed in Helm’s record.',
  );
  return sanitizeText(parts.join(' '), 1500);
}

/** The revision `helm rollback` wrote: the newest one after it ran. */
export function rollbackRevisionOf(after: readonly HelmReleaseRevision[]): HelmReleaseRevision | undefined {
  return newest(after);
}

export interface NextAttempt {
  /** The revision helm-controller wrote after the resume. */
  readonly revision: HelmReleaseRevision;
  /** It used the chart of the failed upgrade the rollback was meant to undo. */
  readonly repeatsFailure: boolean;
}

/** helm-controller's first release after the resume, when it made one. */
export function nextAttempt(
  after: readonly HelmReleaseRevision[],
  rollbackRevision: number,
  failed: HelmReleaseRevision | undefined,
): NextAttempt | undefined {
  const latest = newest(after);
  if (!latest || latest.revision <= rollbackRevision) return undefined;
  const repeatsFailure =
    failed !== undefined &&
    latest.chartName === failed.chartName &&
    plainVersion(latest.chartVersion) === plainVersion(failed.chartVersion);
  return { revision: latest, repeatsFailure };
}

export interface NextAttemptWording {
  readonly name: string;
  readonly target: number;
  readonly failed: HelmReleaseRevision | undefined;
  /** "with s" when the console has a key for suspend. */
  readonly suspendHint: string;
  readonly rollbackHint: string;
}

/** The sentence about helm-controller's next attempt, and whether it leaves the release failing. */
export function describeNextAttempt(
  next: NextAttempt,
  w: NextAttemptWording,
): { readonly sentence: string; readonly failing: boolean } {
  const r = next.revision;
  const failing = r.status !== 'deployed';
  if (!next.repeatsFailure || !w.failed) {
    return {
      sentence: sanitizeText(
        `After the resume helm-controller upgraded ${w.name} to ${chartOf(r)} (revision ${r.revision}, ${r.status}).`,
        600,
      ),
      failing,
    };
  }
  const again = `After the resume helm-controller upgraded ${w.name} to ${chartOf(r)} again — the chart that failed in revision ${w.failed.revision} — `;
  const undone = `the rollback to revision ${w.target} is undone.`;
  const sentence =
    r.status === 'deployed'
      ? `${again}and this time it deployed (revision ${r.revision}): ${undone}`
      : `${again}and it ${r.status === 'failed' ? 'failed again' : `is ${r.status}`} (revision ${r.revision}${r.description ? `: ${r.description}` : ''}): ${undone} Suspend ${w.name}${w.suspendHint} and leave it suspended until Git is fixed, then roll back again${w.rollbackHint}.`;
  return { sentence: sanitizeText(sentence, 1500), failing };
}
