// The rollback outcome's account of Helm: what a failed `helm rollback` recorded, and helm-controller's next
// attempt after the resume.
import { describe, expect, it } from 'vitest';
import {
  describeNextAttempt,
  failedRollbackRecord,
  nextAttempt,
} from '../../src/actions/rollback-outcome.js';
import type { HelmReleaseRevision } from '../../src/flux/types.js';

const rev = (
  revision: number,
  status: string,
  description: string,
  chartVersion: string,
): HelmReleaseRevision => ({
  releaseName: 'kyverno',
  namespace: 'kyverno',
  revision,
  status,
  chartName: 'kyverno',
  chartVersion,
  appVersion: '',
  description,
  firstDeployed: '',
  lastDeployed: '',
  secretName: `sh.helm.release.v1.kyverno.v${revision}`,
});

const UPGRADE_FAILED = 'Upgrade "kyverno" failed: webhook timed out';
const before = [
  rev(6, 'failed', UPGRADE_FAILED, '3.3.0'),
  rev(5, 'failed', UPGRADE_FAILED, '3.3.0'),
  rev(4, 'deployed', 'Upgrade complete', '3.2.6'),
];

describe('failedRollbackRecord', () => {
  it('names the failed rollback revision, the relabelling and what Helm still calls deployed', () => {
    const after = [
      rev(7, 'failed', 'Rollback "kyverno" failed: failed to create resource: boom', '3.2.6'),
      rev(6, 'superseded', UPGRADE_FAILED, '3.3.0'),
      ...before.slice(1),
    ];
    expect(failedRollbackRecord(before, after, 4)).toBe(
      'Helm recorded revision 7 (rollback to 4) as failed: Rollback "kyverno" failed: failed to create resource: boom. It relabelled revision 6 failed → superseded. Helm\'s record still names revision 4 (kyverno 3.2.6) as deployed, though the failed attempts may have changed some of its resources.',
    );
  });

  it('is undefined when Helm wrote nothing (refused before starting)', () => {
    expect(failedRollbackRecord(before, before, 4)).toBeUndefined();
  });
});

describe('nextAttempt after the resume', () => {
  const failed = before[0];
  const wording = { name: 'kyverno', target: 4, failed, suspendHint: ' with s', rollbackHint: ' with b' };

  it('upgrading to the failed chart again, and failing: says so and advises staying suspended', () => {
    const after = [
      rev(8, 'failed', UPGRADE_FAILED, '3.3.0'),
      rev(7, 'deployed', 'Rollback to 4', '3.2.6'),
      ...before,
    ];
    const next = nextAttempt(after, 7, failed);
    expect(next).toMatchObject({ repeatsFailure: true });
    expect(next && describeNextAttempt(next, wording)).toEqual({
      failing: true,
      sentence: `After the resume helm-controller upgraded kyverno to kyverno 3.3.0 again — the chart that failed in revision 6 — and it failed again (revision 8: ${UPGRADE_FAILED}): the rollback to revision 4 is undone. Suspend kyverno with s and leave it suspended until Git is fixed, then roll back again with b.`,
    });
  });

  it('upgrading to the failed chart again and deploying: the rollback is undone, not a failure', () => {
    const after = [
      rev(8, 'deployed', 'Upgrade complete', '3.3.0'),
      rev(7, 'superseded', 'Rollback to 4', '3.2.6'),
    ];
    const next = nextAttempt(after, 7, failed);
    expect(next && describeNextAttempt(next, wording)).toEqual({
      failing: false,
      sentence:
        'After the resume helm-controller upgraded kyverno to kyverno 3.3.0 again — the chart that failed in revision 6 — and this time it deployed (revision 8): the rollback to revision 4 is undone.',
    });
  });

  it('a fixed chart is reported plainly; no new revision means nothing to say', () => {
    const after = [
      rev(8, 'deployed', 'Upgrade complete', '3.3.1'),
      rev(7, 'superseded', 'Rollback to 4', '3.2.6'),
    ];
    const next = nextAttempt(after, 7, failed);
    expect(next?.repeatsFailure).toBe(false);
    expect(next && describeNextAttempt(next, wording).sentence).toBe(
      'After the resume helm-controller upgraded kyverno to kyverno 3.3.1 (revision 8, deployed).',
    );
    expect(nextAttempt(after.slice(1), 7, failed)).toBeUndefined();
  });
});
