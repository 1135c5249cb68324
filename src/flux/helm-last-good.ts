// Which Helm revision a rollback should go to, and why. Helm's status alone misleads: a failed `helm rollback`
// relabels the failed upgrade it tried to undo `superseded` (helm/helm pkg/action/rollback.go marks the
// previously-latest release superseded and the new rollback revision failed), so "superseded" does not mean
// "was deployed". The description Helm wrote says what happened; see docs/helm.md.
import { sanitizeText } from './sanitize.js';
import type { HelmReleaseRevision } from './types.js';

/**
 * Descriptions Helm (pkg/action) and helm-controller leave on revisions that never finished deploying:
 * `Upgrade "x" failed: …`, `Release "x" failed: …` (install, and a rollback whose wait failed),
 * `Rollback "x" failed: …`, `failed to render resource: …`, helm-controller's `Release unlocked from stale
 * '…' state`, and the pending descriptions of an action that never completed.
 */
const NEVER_DEPLOYED: readonly RegExp[] = [
  /^Upgrade ".*" failed/s,
  /^Release ".*" failed/s,
  /^Rollback ".*" failed/s,
  /^failed to render resource/,
  /^Release unlocked from stale/,
  /^Preparing upgrade$/,
  /^Initial install underway$/,
  // `helm install --replace` overwrites the old description; what the revision was is lost.
  /^superseded by new release$/,
];

/** Whether the description Helm wrote says this revision never finished deploying. */
export function describesFailure(description: string): boolean {
  return NEVER_DEPLOYED.some((re) => re.test(description));
}

/**
 * Whether Helm deployed this revision successfully at some point: `deployed`, or `superseded` with a
 * description that is not a failure. A revision read from HelmRelease status.history has no description;
 * its `superseded` is taken at its word (helm-controller records what it observed).
 */
export function deployedSuccessfully(rev: HelmReleaseRevision): boolean {
  if (rev.status === 'deployed') return true;
  if (rev.status === 'superseded') return !describesFailure(rev.description);
  return false;
}

export interface LastGood {
  readonly revision: HelmReleaseRevision;
  /** Why this one, in a sentence for the dialog. */
  readonly reason: string;
}

function newestFirst(history: readonly HelmReleaseRevision[]): HelmReleaseRevision[] {
  return [...history].sort((a, b) => b.revision - a.revision);
}

/** "5", "5 and 6", "5–7" for consecutive revisions, else "3, 5 and 7". */
function revisionList(revisions: readonly number[]): string {
  const sorted = [...revisions].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) return '';
  if (sorted.length === 1) return String(first);
  if (sorted.length > 2 && last - first === sorted.length - 1) return `${first}–${last}`;
  return `${sorted.slice(0, -1).join(', ')} and ${last}`;
}

function reasonFor(
  chosen: HelmReleaseRevision,
  newer: readonly HelmReleaseRevision[],
  failedFrom: number | undefined,
): string {
  const chart = chosen.chartName ? `${chosen.chartName} ${chosen.chartVersion}` : 'chart unknown';
  const said = chosen.description ? `, '${chosen.description}'` : '';
  const head = `revision ${chosen.revision}: the newest that deployed successfully (${chart}${said})`;
  const failed = newer.filter((r) => !deployedSuccessfully(r));
  const relabelled = failed.filter((r) => r.status === 'superseded');
  const parts = [head];
  if (failed.length > 0) {
    const verb = failed.length === 1 ? 'was' : 'were';
    parts.push(
      `revision${failed.length === 1 ? '' : 's'} ${revisionList(failed.map((r) => r.revision))} ${verb} not deployed successfully`,
    );
  }
  if (failed.length === 0 && failedFrom !== undefined) {
    parts.push(`Helm records no failure; revision ${failedFrom} is the one to undo`);
  }
  if (relabelled.length > 0) {
    const one = relabelled.length === 1;
    parts.push(
      `revision${one ? '' : 's'} ${revisionList(relabelled.map((r) => r.revision))} ${one ? 'is' : 'are'} marked superseded, but Helm's description says ${one ? 'it' : 'they'} failed`,
    );
  }
  return sanitizeText(parts.join('; '), 600);
}

/**
 * The revision to roll back to, with the reason: the newest revision Helm deployed successfully that is
 * older than the first failure.
 *
 * The first failure is `failedFrom` when given (e.g. the revision the user saw break); otherwise the oldest
 * revision of the unbroken run of revisions at the top of the history that never deployed successfully
 * (failed, pending-*, a failed upgrade relabelled superseded by a failed rollback …). When the newest
 * revision deployed successfully nothing has failed in Helm's eyes and the result is undefined — pass
 * `failedFrom` to roll back a release Helm considers healthy.
 */
export function lastGoodChoice(
  history: readonly HelmReleaseRevision[],
  failedFrom?: number,
): LastGood | undefined {
  const sorted = newestFirst(history);
  let firstFailure = failedFrom;
  if (firstFailure === undefined) {
    for (const rev of sorted) {
      if (deployedSuccessfully(rev)) break;
      firstFailure = rev.revision;
    }
    if (firstFailure === undefined) return undefined;
  }
  const limit = firstFailure;
  const chosen = sorted.find((rev) => rev.revision < limit && deployedSuccessfully(rev));
  if (!chosen) return undefined;
  const newer = sorted.filter((rev) => rev.revision > chosen.revision);
  return { revision: chosen, reason: reasonFor(chosen, newer, failedFrom) };
}

/** lastGoodChoice without the reason. */
export function lastGoodRevision(
  history: readonly HelmReleaseRevision[],
  failedFrom?: number,
): HelmReleaseRevision | undefined {
  return lastGoodChoice(history, failedFrom)?.revision;
}

/** The revision Helm's record says is deployed now (the newest `deployed`), if any. */
export function deployedRevision(history: readonly HelmReleaseRevision[]): HelmReleaseRevision | undefined {
  return newestFirst(history).find((r) => r.status === 'deployed');
}
