// The simulated controllers' log lines are Flux's: byte-equal to real lines for the same content, and read
// by the console's parser (and `flux logs` formatting) as a real controller's would be.
import { describe, expect, it } from 'vitest';
import { formatFluxLogsLine, parseLogLine } from '../../src/flux/logs.js';
import {
  klogLine,
  legacyReconcilerLogLine,
  reconcilerLogLine,
  runtimeLogLine,
  startupLogLines,
} from '../../src/sim/flux-logs.js';
import { FLUX_TESTDATA, goldenText } from './flux-golden.js';

const modern = goldenText('synthetic/logs/controller-logs-modern.jsonl').split('\n');
const expectedFluxLogs = goldenText('synthetic/logs/controller-logs-modern.expected-flux-logs-A.txt').split(
  '\n',
);
const legacy = goldenText(`${FLUX_TESTDATA}_extracted_from_tests/logs/input-pod-logs.jsonl`).split('\n');

describe('controller log lines', () => {
  it('writes current-format lines byte-equal to real helm-controller and kustomize-controller lines', () => {
    expect(
      reconcilerLogLine({
        level: 'info',
        at: Date.parse('2026-01-03T10:00:01.100Z'),
        msg: "running 'upgrade' action with timeout of 5m0s",
        object: { kind: 'HelmRelease', name: 'podinfo', namespace: 'podinfo' },
        reconcileID: '00000000-0000-0000-0000-000000000001',
      }),
    ).toBe(modern[0]);
    const error = reconcilerLogLine({
      level: 'error',
      at: Date.parse('2026-01-03T10:05:01.200Z'),
      msg: 'Reconciler error',
      object: { kind: 'HelmRelease', name: 'podinfo', namespace: 'podinfo' },
      reconcileID: '00000000-0000-0000-0000-000000000001',
      extras: {
        error:
          'Helm upgrade failed for release podinfo/podinfo with chart podinfo@6.8.0: context deadline exceeded',
      },
    });
    expect(error).toBe(modern[1]);
    expect(formatFluxLogsLine(parseLogLine(error))).toBe(expectedFluxLogs[1]);
    expect(
      reconcilerLogLine({
        level: 'info',
        at: Date.parse('2026-01-03T10:06:00.000Z'),
        msg: 'Reconciliation finished in 812ms, next run in 10m0s',
        object: { kind: 'Kustomization', name: 'apps', namespace: 'flux-system' },
        reconcileID: '00000000-0000-0000-0000-000000000002',
        extras: { revision: 'main@sha1:696f056df216eea4f9401adbee0ff744d4df390f' },
      }),
    ).toBe(modern[2]);
  });

  it('writes the older controller-runtime shape for image-automation-controller, as pre-2023 Flux did', () => {
    const line = legacyReconcilerLogLine({
      level: 'error',
      at: Date.parse('2022-08-02T12:56:34.961Z'),
      msg: 'no changes since last reconcilation: observed revision',
      object: { kind: 'Kustomization', name: 'flux-system', namespace: 'flux-system' },
    });
    expect(line).toBe(legacy[2]);
    const parsed = parseLogLine(
      legacyReconcilerLogLine({
        level: 'info',
        at: 0,
        msg: 'no changes made in working directory; no commit',
        object: { kind: 'ImageUpdateAutomation', name: 'flux-system', namespace: 'flux-system' },
      }),
    );
    expect(parsed).toMatchObject({
      structured: true,
      kind: 'ImageUpdateAutomation',
      name: 'flux-system',
      namespace: 'flux-system',
      logger: 'controller.imageupdateautomation',
    });
  });

  it('writes runtime lines without an object and klog lines that are not JSON', () => {
    expect(
      runtimeLogLine('info', Date.parse('2026-01-03T10:06:06.000Z'), 'Successfully acquired lease', {
        logger: 'runtime',
        lock: 'flux-system/source-controller-leader-election',
      }),
    ).toBe(modern[4]);
    const klog = klogLine(
      'I',
      Date.parse('2026-01-03T10:00:00.123Z'),
      'leaderelection.go:257',
      'attempting to acquire leader lease flux-system/helm-controller-leader-election...',
    );
    expect(klog).toBe(
      'I0103 10:00:00.123000       1 leaderelection.go:257] attempting to acquire leader lease flux-system/helm-controller-leader-election...',
    );
    expect(parseLogLine(klog).structured).toBe(false);
  });

  it('starts a controller with setup lines, leader election in klog, and one EventSource/Controller/workers trio per kind', () => {
    const lines = startupLogLines(
      'source-controller',
      ['GitRepository', 'HelmChart'],
      Date.parse('2026-01-03T10:00:00Z'),
    );
    const parsed = lines.map(parseLogLine);
    expect(parsed.filter((l) => !l.structured)).toHaveLength(2);
    expect(parsed.filter((l) => l.message === 'Starting workers').map((l) => l.kind)).toEqual([
      'GitRepository',
      'HelmChart',
    ]);
    expect(lines[0]).toBe(
      '{"level":"info","ts":"2026-01-03T10:00:00.000Z","logger":"setup","msg":"starting manager"}',
    );
    const legacyStart = startupLogLines('image-automation-controller', ['ImageUpdateAutomation'], 0).map(
      parseLogLine,
    );
    expect(legacyStart.find((l) => l.message === 'Starting workers')).toMatchObject({
      kind: 'ImageUpdateAutomation',
      logger: 'controller.imageupdateautomation',
    });
  });
});
