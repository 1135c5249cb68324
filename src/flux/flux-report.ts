// The Flux Operator's FluxReport (`fluxcd.controlplane.io/v1`, named `flux`, in the operator's namespace):
// what the operator found installed — the distribution, each controller's image and readiness, per kind how
// many objects run, fail and are suspended, and the cluster sync — read from its spec, which the operator
// writes (docs/flux-operator.md). Everything narrowed and display-safe; a missing field reads as absent.
import { KIND_RULES } from './kind-rules.js';
import { array, bool, num, str } from './narrow.js';
import { sanitizeText } from './sanitize.js';

export interface ReportComponent {
  readonly name: string;
  readonly image: string;
  readonly ready: boolean;
  /** e.g. `Current Deployment is available. Replicas: 1`. */
  readonly status: string;
}

export interface ReportReconciler {
  readonly apiVersion: string;
  readonly kind: string;
  readonly running: number;
  /** Ready=False for a reason other than DependencyNotReady, not suspended (the operator's count). */
  readonly failing: number;
  readonly suspended: number;
  /** Artifacts in storage, e.g. `3.7 MiB`; '' for kinds without artifacts. */
  readonly totalSize: string;
}

export interface ReportSync {
  readonly id: string;
  readonly path: string;
  readonly ready: boolean;
  readonly status: string;
  readonly source: string;
}

export interface FluxReportSummary {
  readonly namespace: string;
  readonly name: string;
  readonly distribution: {
    readonly version: string;
    /** e.g. `Installed`, `Unknown`. */
    readonly status: string;
    readonly entitlement: string;
    /** e.g. `flux-operator`, `flux bootstrap`. */
    readonly managedBy: string;
  };
  readonly operatorVersion: string;
  readonly components: readonly ReportComponent[];
  readonly reconcilers: readonly ReportReconciler[];
  readonly sync: ReportSync | undefined;
  /** Paused with `fluxcd.controlplane.io/reconcile: disabled`: its figures are no longer updated. */
  readonly suspended: boolean;
}

const MAX_ITEMS = 100;
const text = (value: unknown, max = 200) => sanitizeText(value, max);
const count = (value: number | undefined) => (value !== undefined && value >= 0 ? Math.floor(value) : 0);

export function readFluxReport(raw: unknown): FluxReportSummary {
  const components = array(raw, 'spec', 'components')
    .slice(0, MAX_ITEMS)
    .flatMap((c): ReportComponent[] => {
      const name = text(str(c, 'name'), 253);
      if (name === '') return [];
      return [
        {
          name,
          image: text(str(c, 'image'), 300),
          ready: bool(c, 'ready') === true,
          status: text(str(c, 'status'), 300),
        },
      ];
    });
  const reconcilers = array(raw, 'spec', 'reconcilers')
    .slice(0, MAX_ITEMS)
    .flatMap((r): ReportReconciler[] => {
      const kind = text(str(r, 'kind'), 100);
      if (kind === '') return [];
      return [
        {
          apiVersion: text(str(r, 'apiVersion'), 200),
          kind,
          running: count(num(r, 'stats', 'running')),
          failing: count(num(r, 'stats', 'failing')),
          suspended: count(num(r, 'stats', 'suspended')),
          totalSize: text(str(r, 'stats', 'totalSize'), 30),
        },
      ];
    });
  const syncId = text(str(raw, 'spec', 'sync', 'id'), 300);
  return {
    namespace: text(str(raw, 'metadata', 'namespace'), 253),
    name: text(str(raw, 'metadata', 'name'), 253),
    distribution: {
      version: text(str(raw, 'spec', 'distribution', 'version'), 60),
      status: text(str(raw, 'spec', 'distribution', 'status'), 200),
      entitlement: text(str(raw, 'spec', 'distribution', 'entitlement'), 200),
      managedBy: text(str(raw, 'spec', 'distribution', 'managedBy'), 100),
    },
    operatorVersion: text(str(raw, 'spec', 'operator', 'version'), 60),
    components,
    reconcilers,
    sync:
      syncId === ''
        ? undefined
        : {
            id: syncId,
            path: text(str(raw, 'spec', 'sync', 'path'), 300),
            ready: bool(raw, 'spec', 'sync', 'ready') === true,
            status: text(str(raw, 'spec', 'sync', 'status'), 500),
            source: text(str(raw, 'spec', 'sync', 'source'), 300),
          },
    suspended: KIND_RULES.FluxReport.suspended(raw),
  };
}

/** An image's tag, `ghcr.io/fluxcd/helm-controller:v1.0.1@sha256:…` → `v1.0.1`; the image when untagged. */
export function imageTag(image: string): string {
  const name = image.split('@')[0] ?? image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? name.slice(colon + 1) : name;
}

/** The report's totals over every kind it counts. */
export function reportTotals(report: FluxReportSummary): {
  running: number;
  failing: number;
  suspended: number;
} {
  let running = 0;
  let failing = 0;
  let suspended = 0;
  for (const r of report.reconcilers) {
    running += r.running;
    failing += r.failing;
    suspended += r.suspended;
  }
  return { running, failing, suspended };
}
