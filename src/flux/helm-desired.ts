// Does Git still ask for what failed? After a rollback, resuming a HelmRelease makes helm-controller upgrade
// to the chart and values its spec asks for (a manual rollback leaves the release "unmanaged", which always
// upgrades — helm-controller internal/reconcile/atomic_release.go). If those are the ones the failed upgrade
// used, the resume brings the failure straight back; see docs/helm.md.
//
// An approximation, documented: helm-controller compares the chart version and a digest of the merged values.
// We compare the chart version Git asks for (an exact spec.chart.spec.version, else the version in the chart
// source's artifact — which helm-controller does not refresh while the release is suspended, so a changed
// version range shows only after the resume) and our own fingerprint of spec.values with the values Helm
// stored in the failed revision. Values from valuesFrom (ConfigMaps, Secrets) cannot be compared: unknown.

import { helmChartNameFor, valuesFingerprint } from './helm.js';
import { describesFailure } from './helm-last-good.js';
import { array, field, str } from './narrow.js';
import { sanitizeText } from './sanitize.js';
import type { HelmReleaseRevision, ObjectRef } from './types.js';

export type DesiredVerdict = 'same' | 'changed' | 'unknown';

export interface DesiredComparison {
  readonly verdict: DesiredVerdict;
  /** The failed upgrade (or install) compared with, when Helm's history has one. */
  readonly failed?: HelmReleaseRevision;
  /** The chart version Git asks for, when known. */
  readonly chartVersion?: string;
  /** One clause saying what was compared, for the dialog. */
  readonly why: string;
}

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** `6.5.0+83295d47de6d` → `6.5.0`; `v6.5.0` → `6.5.0`: helm-controller appends the OCI digest as build metadata. */
export function plainVersion(version: string): string {
  return version.replace(/^v/, '').replace(/\+.*$/, '');
}

/**
 * The newest revision helm-controller's upgrade (or install) left failed — the attempt a resume repeats.
 * A failed rollback (`Rollback "x" failed`, or `Release "x" failed` past revision 1) carries the old chart and
 * is skipped.
 */
export function failedAttempt(history: readonly HelmReleaseRevision[]): HelmReleaseRevision | undefined {
  return [...history]
    .sort((a, b) => b.revision - a.revision)
    .find((r) => {
      if (r.status !== 'failed' && !(r.status === 'superseded' && describesFailure(r.description)))
        return false;
      if (r.description.startsWith('Upgrade "')) return true;
      // status.history snapshots carry no description: a failed one is the controller's own attempt.
      if (r.description === '') return r.status === 'failed';
      return r.description.startsWith('Release "') && r.revision === 1;
    });
}

/** Where the chart comes from: spec.chartRef (OCIRepository or HelmChart), else the HelmChart the controller made. */
export function chartSourceRef(hr: unknown): ObjectRef | undefined {
  const kind = str(hr, 'spec', 'chartRef', 'kind');
  const name = str(hr, 'spec', 'chartRef', 'name');
  if (kind === 'OCIRepository' && name !== '') {
    return {
      kind,
      name,
      namespace: str(hr, 'spec', 'chartRef', 'namespace') || str(hr, 'metadata', 'namespace'),
    };
  }
  return helmChartNameFor(hr);
}

/**
 * The chart version the HelmRelease asks for: an exact spec.chart.spec.version, else the version in its chart
 * source's artifact revision (`6.5.0`, `6.5.0+abc`, or an OCIRepository's `6.5.0@sha256:…`).
 */
export function desiredChartVersion(hr: unknown, chartSource: unknown): string | undefined {
  const pinned = str(hr, 'spec', 'chart', 'spec', 'version');
  if (EXACT_VERSION.test(pinned)) return plainVersion(pinned);
  const revision = str(chartSource, 'status', 'artifact', 'revision');
  const version = revision.split('@')[0] ?? '';
  return EXACT_VERSION.test(version) ? plainVersion(version) : undefined;
}

/** Compares what the HelmRelease asks for now with the failed attempt in Helm's history. */
export function compareWithFailed(
  hr: unknown,
  chartSource: unknown,
  history: readonly HelmReleaseRevision[],
): DesiredComparison {
  const failed = failedAttempt(history);
  if (!failed) return { verdict: 'unknown', why: 'Helm’s history shows no failed upgrade to compare with' };
  const chartVersion = desiredChartVersion(hr, chartSource);
  const failedChart = `${failed.chartName} ${failed.chartVersion}`.trim();
  const base = { failed, ...(chartVersion === undefined ? {} : { chartVersion }) };
  const clean = (s: string) => sanitizeText(s, 400);
  if (chartVersion !== undefined && chartVersion !== plainVersion(failed.chartVersion)) {
    return {
      ...base,
      verdict: 'changed',
      why: clean(
        `Git now asks for chart ${chartVersion}; revision ${failed.revision} failed with ${failedChart}`,
      ),
    };
  }
  const fromRefs = array(hr, 'spec', 'valuesFrom').length > 0;
  const valuesKnown = !fromRefs && failed.valuesDigest !== undefined;
  const valuesSame = valuesKnown && valuesFingerprint(field(hr, 'spec', 'values')) === failed.valuesDigest;
  if (valuesKnown && !valuesSame) {
    return {
      ...base,
      verdict: 'changed',
      why: clean(
        `Git now asks for other values than revision ${failed.revision} (${failedChart}) failed with`,
      ),
    };
  }
  if (chartVersion !== undefined && valuesSame) {
    return {
      ...base,
      verdict: 'same',
      why: clean(
        `Git still asks for ${failedChart} with the values that failed in revision ${failed.revision}`,
      ),
    };
  }
  const unknownPart =
    chartVersion === undefined
      ? 'the chart version Git asks for is not known yet'
      : fromRefs
        ? 'the values come from valuesFrom'
        : 'Helm’s stored values were not readable';
  return {
    ...base,
    verdict: 'unknown',
    why: clean(`cannot tell whether Git changed since revision ${failed.revision} failed (${unknownPart})`),
  };
}
