// The revision `b` offers as "last good": the newest Helm deployed successfully — through the relabelling Helm
// does on a failed rollback (helm/helm pkg/action/rollback.go: the previous latest becomes superseded, the
// rollback revision failed) — and the sentence the dialog shows for it.
import { describe, expect, it } from 'vitest';
import { helmSecretName } from '../../src/flux/helm.js';
import {
  deployedRevision,
  deployedSuccessfully,
  describesFailure,
  lastGoodChoice,
} from '../../src/flux/helm-last-good.js';
import type { HelmReleaseRevision } from '../../src/flux/types.js';

const rev = (
  revision: number,
  status: string,
  description: string,
  chartVersion = `1.${revision}.0`,
): HelmReleaseRevision => ({
  releaseName: 'app',
  namespace: 'apps',
  revision,
  status,
  chartName: 'app',
  chartVersion,
  appVersion: '',
  description,
  firstDeployed: '',
  lastDeployed: '',
  secretName: helmSecretName('app', revision),
});

const UPGRADE_FAILED = 'Upgrade "app" failed: context deadline exceeded';
const ROLLBACK_FAILED =
  'Rollback "app" failed: cannot patch "app" with kind Deployment: Internal error occurred: failed calling webhook';

describe('what Helm wrote says whether a revision was deployed', () => {
  it.each([
    ['Install complete', false],
    ['Upgrade complete', false],
    ['Rollback to 3', false],
    ['a custom --description', false],
    [UPGRADE_FAILED, true],
    ['Release "app" failed: timed out waiting for the condition', true],
    [ROLLBACK_FAILED, true],
    ['failed to render resource: bad template', true],
    ["Release unlocked from stale 'pending-upgrade' state", true],
    ['Preparing upgrade', true],
    ['Initial install underway', true],
    ['superseded by new release', true],
  ])('%j → failure %s', (description, failure) => {
    expect(describesFailure(description)).toBe(failure);
    expect(deployedSuccessfully(rev(1, 'superseded', description))).toBe(!failure);
  });

  it('only deployed and superseded revisions can have been deployed', () => {
    expect(deployedSuccessfully(rev(1, 'deployed', 'Upgrade complete'))).toBe(true);
    expect(deployedSuccessfully(rev(1, 'failed', 'Upgrade complete'))).toBe(false);
    expect(deployedSuccessfully(rev(1, 'pending-rollback', 'Rollback to 1'))).toBe(false);
    expect(deployedSuccessfully(rev(1, 'uninstalled', 'Uninstallation complete'))).toBe(false);
    // status.history snapshots carry no description: superseded is taken at its word.
    expect(deployedSuccessfully(rev(1, 'superseded', ''))).toBe(true);
  });
});

// Helm's real sequence: v4 deployed; upgrades v5, v6 fail (v4 stays deployed — Helm supersedes only on
// success); `helm rollback app 4` fails → v7 failed, v6 relabelled superseded; then helm-controller upgrades
// again after the resume → v8 failed.
const installed = rev(1, 'superseded', 'Install complete');
const upgraded = [rev(2, 'superseded', 'Upgrade complete'), rev(3, 'superseded', 'Upgrade complete')];
const good = rev(4, 'deployed', 'Upgrade complete', '1.4.0');
const failed5 = rev(5, 'failed', UPGRADE_FAILED, '2.0.0');
const failed6 = rev(6, 'failed', UPGRADE_FAILED, '2.0.0');
const relabelled6 = rev(6, 'superseded', UPGRADE_FAILED, '2.0.0');
const rollback7 = rev(7, 'failed', ROLLBACK_FAILED, '1.4.0');
const upgrade8 = rev(8, 'failed', UPGRADE_FAILED, '2.0.0');

describe('lastGoodChoice through Helm’s relabelling', () => {
  it.each([
    ['two failed upgrades', [installed, ...upgraded, good, failed5, failed6], 4],
    [
      'after the failed rollback relabelled v6 superseded',
      [installed, ...upgraded, good, failed5, relabelled6, rollback7],
      4,
    ],
    [
      'and helm-controller upgraded again',
      [installed, ...upgraded, good, failed5, relabelled6, rollback7, upgrade8],
      4,
    ],
    [
      'a successful rollback afterwards is the newest deployed: nothing failed',
      [good, failed5, relabelled6, rollback7, rev(8, 'deployed', 'Rollback to 4', '1.4.0')],
      undefined,
    ],
    [
      'a successful rollback, then the upgrade again fails: the rollback revision is last good',
      [
        good,
        failed5,
        relabelled6,
        rev(7, 'superseded', 'Rollback to 4', '1.4.0'),
        rev(8, 'failed', UPGRADE_FAILED),
      ],
      7,
    ],
    ['old releases (status.history, no descriptions)', [rev(1, 'superseded', ''), rev(2, 'failed', '')], 1],
  ] as [string, HelmReleaseRevision[], number | undefined][])('%s → %s', (_n, history, want) => {
    expect(lastGoodChoice(history)?.revision.revision).toBe(want);
  });

  it('says why it chose the revision, naming the failed ones and the relabelled one', () => {
    const choice = lastGoodChoice([installed, ...upgraded, good, failed5, relabelled6, rollback7]);
    expect(choice?.reason).toBe(
      "revision 4: the newest that deployed successfully (app 1.4.0, 'Upgrade complete'); revisions 5–7 were not deployed successfully; revision 6 is marked superseded, but Helm's description says it failed",
    );
    expect(lastGoodChoice([good, failed5])?.reason).toBe(
      "revision 4: the newest that deployed successfully (app 1.4.0, 'Upgrade complete'); revision 5 was not deployed successfully",
    );
  });

  it('with the revision to undo given, explains that Helm records no failure', () => {
    const choice = lastGoodChoice([installed, rev(2, 'deployed', 'Upgrade complete')], 2);
    expect(choice?.revision.revision).toBe(1);
    expect(choice?.reason).toBe(
      "revision 1: the newest that deployed successfully (app 1.1.0, 'Install complete'); Helm records no failure; revision 2 is the one to undo",
    );
  });

  it('what Helm records as deployed after the failed rollback is still v4', () => {
    expect(deployedRevision([good, failed5, relabelled6, rollback7])?.revision).toBe(4);
    expect(deployedRevision([failed5])).toBeUndefined();
  });
});
