// Where a HelmRelease's chart comes from: `spec.chart` (helm-controller creates the HelmChart
// `<hrNamespace>-<hrName>` in the source's namespace and waits for its artifact) or `spec.chartRef`
// (an OCIRepository or an existing HelmChart).
import { kindInfo } from '../../../flux/kinds.js';
import { resourceIdOf } from '../../resources.js';
import type { SimContext, SimObject } from '../../types.js';
import { chartAppVersion, chartDescription } from '../charts.js';
import { conditionIs, findCondition } from '../conditions.js';
import { objectStoreKey } from '../contract.js';
import { deepEqual, field, getRecord, getStr } from '../json.js';

export interface ResolvedChart {
  readonly name: string;
  readonly version: string;
  readonly appVersion: string;
  readonly description: string;
  /** `status.lastAttemptedRevision`: the chart version, `+<digest12>` for OCI sources. */
  readonly attemptedRevision: string;
  /** `status.helmChart` for `spec.chart` releases. */
  readonly helmChart?: string;
}

export type ChartResolution =
  | { readonly ok: true; readonly chart: ResolvedChart }
  | { readonly ok: false; readonly reason: string; readonly message: string };

const HELM_CHARTS = resourceIdOf(kindInfo('HelmChart'));
const OCI_REPOSITORIES = resourceIdOf(kindInfo('OCIRepository'));

export function helmChartRef(hr: SimObject): { namespace: string; name: string } | undefined {
  const template = getRecord(hr, 'spec', 'chart', 'spec');
  if (!getStr(template, 'chart')) return undefined;
  const namespace = getStr(template, 'sourceRef', 'namespace') || (hr.metadata.namespace ?? 'default');
  return { namespace, name: `${hr.metadata.namespace}-${hr.metadata.name}` };
}

/** Store keys of what a HelmRelease reads its chart from (a new artifact revision there triggers it). */
export function chartSourceKeys(hr: SimObject): string[] {
  const chart = helmChartRef(hr);
  if (chart) return [objectStoreKey(HELM_CHARTS, chart.namespace, chart.name)];
  const kind = getStr(hr, 'spec', 'chartRef', 'kind');
  const name = getStr(hr, 'spec', 'chartRef', 'name');
  const namespace = getStr(hr, 'spec', 'chartRef', 'namespace') || (hr.metadata.namespace ?? 'default');
  if (kind === 'OCIRepository') return [objectStoreKey(OCI_REPOSITORIES, namespace, name)];
  if (kind === 'HelmChart') return [objectStoreKey(HELM_CHARTS, namespace, name)];
  return [];
}

/** Creates or updates the HelmChart for `spec.chart` releases, as helm-controller's chart template reconciler. */
export function reconcileChartTemplate(ctx: SimContext, hr: SimObject): void {
  const ref = helmChartRef(hr);
  if (!ref) return;
  const template = getRecord(hr, 'spec', 'chart', 'spec');
  const spec = {
    chart: getStr(template, 'chart'),
    version: getStr(template, 'version') || '*',
    sourceRef: {
      kind: getStr(template, 'sourceRef', 'kind') || 'HelmRepository',
      name: getStr(template, 'sourceRef', 'name'),
    },
    interval: getStr(template, 'interval') || getStr(hr, 'spec', 'interval') || '10m0s',
    reconcileStrategy: getStr(template, 'reconcileStrategy') || 'ChartVersion',
    ...(Array.isArray(field(template, 'valuesFiles')) ? { valuesFiles: field(template, 'valuesFiles') } : {}),
  };
  const existing = ctx.store.get(HELM_CHARTS, ref.namespace, ref.name);
  if (!existing) {
    const info = kindInfo('HelmChart');
    const version = ctx.fluxVersions === 'legacy' ? info.legacyVersions[0] : info.versions[0];
    ctx.store.create(HELM_CHARTS, {
      apiVersion: `${info.group}/${version ?? 'v1'}`,
      kind: 'HelmChart',
      metadata: {
        name: ref.name,
        namespace: ref.namespace,
        labels: {
          'helm.toolkit.fluxcd.io/name': hr.metadata.name,
          'helm.toolkit.fluxcd.io/namespace': hr.metadata.namespace ?? 'default',
        },
        finalizers: ['finalizers.fluxcd.io'],
      },
      spec,
    });
    return;
  }
  if (!deepEqual(field(existing, 'spec'), spec)) {
    ctx.store.mutate(HELM_CHARTS, ref.namespace, ref.name, (o) => {
      Object.assign(o, { spec });
    });
  }
}

export function resolveChart(ctx: SimContext, hr: SimObject): ChartResolution {
  const ref = helmChartRef(hr);
  if (ref) return fromHelmChart(ctx, ref.namespace, ref.name, true);
  const kind = getStr(hr, 'spec', 'chartRef', 'kind');
  const name = getStr(hr, 'spec', 'chartRef', 'name');
  const namespace = getStr(hr, 'spec', 'chartRef', 'namespace') || (hr.metadata.namespace ?? 'default');
  if (kind === 'HelmChart') return fromHelmChart(ctx, namespace, name, false);
  if (kind === 'OCIRepository') return fromOciRepository(ctx, namespace, name);
  return {
    ok: false,
    reason: 'InvalidChartReference',
    message: 'a chart template or a chart reference is required',
  };
}

function fromHelmChart(ctx: SimContext, namespace: string, name: string, template: boolean): ChartResolution {
  const chart = ctx.store.get(HELM_CHARTS, namespace, name);
  const id = `${namespace}/${name}`;
  if (!chart) {
    return {
      ok: false,
      reason: 'ArtifactFailed',
      message: `could not get HelmChart object: helmcharts.source.toolkit.fluxcd.io "${name}" not found`,
    };
  }
  const version = getStr(chart, 'status', 'artifact', 'revision');
  const ready =
    conditionIs(chart, 'Ready', 'True') &&
    chart.metadata.generation === field(chart, 'status', 'observedGeneration');
  if (!ready || version === '') {
    const why = findCondition(chart, 'Ready')?.message;
    return {
      ok: false,
      reason: 'SourceNotReady',
      message: `HelmChart '${id}' is not ready${why ? `: ${why}` : ''}`,
    };
  }
  const chartName = getStr(chart, 'spec', 'chart');
  return {
    ok: true,
    chart: {
      name: chartName,
      version,
      appVersion: chartAppVersion(chartName, version),
      description: chartDescription(chartName),
      attemptedRevision: version,
      ...(template ? { helmChart: id } : {}),
    },
  };
}

function fromOciRepository(ctx: SimContext, namespace: string, name: string): ChartResolution {
  const repo = ctx.store.get(OCI_REPOSITORIES, namespace, name);
  const revision = repo ? getStr(repo, 'status', 'artifact', 'revision') : '';
  if (!repo || revision === '' || !conditionIs(repo, 'Ready', 'True')) {
    return {
      ok: false,
      reason: 'SourceNotReady',
      message: `OCIRepository '${namespace}/${name}' is not ready`,
    };
  }
  const [tag = 'latest', digest = ''] = revision.split('@sha256:');
  const chartName = getStr(repo, 'spec', 'url').split('/').at(-1) ?? name;
  return {
    ok: true,
    chart: {
      name: chartName,
      version: tag,
      appVersion: chartAppVersion(chartName, tag),
      description: chartDescription(chartName),
      attemptedRevision: `${tag}+${digest.slice(0, 12)}`,
    },
  };
}
