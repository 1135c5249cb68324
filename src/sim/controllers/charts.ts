// The Helm charts the simulated repositories serve: versions and app versions as upstream publishes them,
// so HelmCharts resolve versions and Helm releases carry believable chart metadata.

export interface ChartVersion {
  readonly version: string;
  readonly appVersion: string;
}

interface ChartEntry {
  readonly description: string;
  /** Oldest first. */
  readonly versions: readonly ChartVersion[];
}

const v = (version: string, appVersion: string): ChartVersion => ({ version, appVersion });

const CHARTS: Readonly<Record<string, ChartEntry>> = {
  base: {
    description: 'Helm chart for deploying Istio cluster resources and CRDs',
    versions: [v('1.23.3', '1.23.3'), v('1.24.1', '1.24.1'), v('1.24.2', '1.24.2')],
  },
  'cert-manager': {
    description: 'A Helm chart for cert-manager',
    versions: [v('v1.15.3', 'v1.15.3'), v('v1.16.1', 'v1.16.1'), v('v1.16.2', 'v1.16.2')],
  },
  kyverno: {
    description: 'Kubernetes Native Policy Management',
    versions: [
      v('3.1.4', 'v1.11.4'),
      v('3.2.4', 'v1.12.3'),
      v('3.2.5', 'v1.12.4'),
      v('3.2.6', 'v1.12.5'),
      v('3.3.0', 'v1.13.0'),
    ],
  },
  'kube-prometheus-stack': {
    description:
      'kube-prometheus-stack collects Kubernetes manifests, Grafana dashboards, and Prometheus rules',
    versions: [v('65.1.1', 'v0.77.1'), v('66.2.2', 'v0.78.2'), v('66.3.1', 'v0.78.2')],
  },
  loki: {
    description:
      'Helm chart for Grafana Loki and Grafana Enterprise Logs supporting both simple, scalable and distributed modes.',
    versions: [v('6.18.0', '3.2.0'), v('6.22.0', '3.3.1'), v('6.23.0', '3.3.2')],
  },
  openbao: { description: 'Official OpenBao Chart', versions: [v('0.7.0', 'v2.0.3'), v('0.8.1', 'v2.1.0')] },
  harbor: {
    description: 'An open source trusted cloud native registry that stores, signs, and scans content',
    versions: [v('1.15.1', '2.11.1'), v('1.16.1', '2.12.1')],
  },
  core: {
    description: 'Helm chart for NeuVector container security platform',
    versions: [v('2.8.2', '5.4.0'), v('2.8.3', '5.4.1')],
  },
  keycloakx: {
    description:
      'Keycloak.X - Open Source Identity and Access Management for Modern Applications and Services',
    versions: [v('6.0.0', '25.0.6'), v('7.0.1', '26.0.7')],
  },
  tempo: {
    description: 'Grafana Tempo Single Binary Mode',
    versions: [v('1.14.0', '2.6.0'), v('1.16.0', '2.6.1')],
  },
  velero: { description: 'A Helm chart for velero', versions: [v('7.2.2', '1.14.1'), v('8.1.0', '1.15.1')] },
  podinfo: {
    description: 'Podinfo Helm chart for Kubernetes',
    versions: [v('6.6.0', '6.6.0'), v('6.7.0', '6.7.0'), v('6.7.1', '6.7.1'), v('6.8.0', '6.8.0')],
  },
  'ingress-nginx': {
    description: 'Ingress controller for Kubernetes using NGINX as a reverse proxy and load balancer',
    versions: [v('4.11.3', '1.11.3'), v('4.12.0', '1.12.0')],
  },
  'external-dns': {
    description: 'ExternalDNS synchronizes exposed Kubernetes Services and Ingresses with DNS providers.',
    versions: [v('1.15.0', '0.15.0')],
  },
  'metrics-server': {
    description: 'Metrics Server is a scalable, efficient source of container resource metrics.',
    versions: [v('3.12.2', '0.7.2')],
  },
  redis: {
    description: 'Redis(R) is an open source, advanced key-value store.',
    versions: [v('20.3.0', '7.4.1'), v('20.6.1', '7.4.1')],
  },
  postgresql: {
    description: 'PostgreSQL (Postgres) is an open source object-relational database.',
    versions: [v('16.2.1', '17.2.0'), v('16.3.2', '17.2.0')],
  },
  backstage: {
    description: 'A Helm chart for deploying a Backstage application',
    versions: [v('2.3.0', 'v1.33.0')],
  },
  reloader: { description: 'Reloader chart that runs on kubernetes', versions: [v('1.2.0', 'v1.2.0')] },
  'weave-gitops': {
    description: 'A Helm chart for Kubernetes to install the Weave GitOps dashboard',
    versions: [v('4.0.36', 'v0.38.0')],
  },
};

export function chartDescription(name: string): string {
  return CHARTS[name]?.description ?? `A Helm chart for ${name}`;
}

export function chartAppVersion(name: string, version: string): string {
  return CHARTS[name]?.versions.find((c) => c.version === version)?.appVersion ?? version.replace(/^v/, '');
}

export function latestChartVersion(name: string): string {
  return CHARTS[name]?.versions.at(-1)?.version ?? '1.0.0';
}

const EXACT = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;

/** The version a HelmChart resolves `spec.version` to: the exact version, or the newest for a range or `*`. */
export function resolveChartVersion(name: string, constraint: string): string {
  const wanted = constraint.trim();
  return EXACT.test(wanted) ? wanted : latestChartVersion(name);
}
