// A local chart for the real helm (no repository, no network): a ConfigMap whose data names the chart
// version; `broken: true` adds an object the API server rejects, so the upgrade fails as a bad chart does;
// `legacy: true` adds a second ConfigMap (which a ResourceQuota can then refuse to create again);
// `slow: true` adds a Deployment that never becomes ready (no controllers here), so `helm --wait` hangs
// with the release pending — a Helm lock.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeChart(dir: string, version: string): string {
  const chart = join(dir, `demo-${version}`);
  mkdirSync(join(chart, 'templates'), { recursive: true });
  writeFileSync(
    join(chart, 'Chart.yaml'),
    `apiVersion: v2\nname: demo\nversion: ${version}\nappVersion: "${version}"\n`,
  );
  writeFileSync(join(chart, 'values.yaml'), 'broken: false\nslow: false\nlegacy: false\n');
  writeFileSync(
    join(chart, 'templates', 'configmap.yaml'),
    [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: {{ .Release.Name }}-settings',
      'data:',
      '  version: {{ .Chart.Version | quote }}',
      '{{- if .Values.broken }}',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: Not_A_Valid_Name',
      '{{- end }}',
      '{{- if .Values.legacy }}',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: {{ .Release.Name }}-legacy',
      'data:',
      '  legacy: "true"',
      '{{- end }}',
      '{{- if .Values.slow }}',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ .Release.Name }}-web',
      'spec:',
      '  replicas: 1',
      '  selector: { matchLabels: { app: web } }',
      '  template:',
      '    metadata: { labels: { app: web } }',
      '    spec:',
      '      containers: [{ name: web, image: "registry.invalid/web:1" }]',
      '{{- end }}',
      '',
    ].join('\n'),
  );
  return chart;
}
