// What the Failing view says when the workloads Flux applied could not all be read: a Ready owner whose
// workloads fail is then not shown as Degraded, and the view must not read as "nothing else is wrong".
import { sanitizeText } from '../flux/sanitize.js';
import type { WorkloadSnapshot } from './cluster-types.js';
import type { Notice } from './watch-state.js';

const PLURAL: Readonly<Record<string, string>> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
};

export function workloadNotices(
  workloads: WorkloadSnapshot | undefined,
  namespace: string | undefined,
): Notice[] {
  if (!workloads) return [];
  const forbidden = workloads.watches.filter((w) => w.state.phase === 'forbidden');
  const out: Notice[] = [];
  if (forbidden.length > 0) {
    const kinds = [...new Set(forbidden.map((w) => PLURAL[w.kind] ?? w.kind.toLowerCase()))];
    const first = forbidden[0]?.state;
    const scope =
      (first?.phase === 'forbidden' ? first.scope : undefined) ??
      (namespace === undefined ? 'at the cluster scope' : `in namespace ${namespace}`);
    out.push({
      text: `your user cannot list ${kinds.join(', ')} ${sanitizeText(scope, 200)}: a Ready Kustomization or HelmRelease whose workloads fail there is not shown as Degraded`,
      tone: 'warn',
    });
  }
  if (workloads.unexplained > 0) {
    const n = workloads.unexplained;
    out.push({
      text: `${n} more workload${n === 1 ? '' : 's'} not ready: ${n === 1 ? 'its' : 'their'} pods are not watched, so the reason is not shown (t on the owner reads them)`,
      tone: 'muted',
    });
  }
  return out;
}
