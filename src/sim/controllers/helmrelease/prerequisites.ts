// What a HelmRelease waits for before any Helm action: its dependencies (docs/flux-api.md) and its chart.
import { kindInfo } from '../../../flux/kinds.js';
import { resourceIdOf } from '../../resources.js';
import type { SimContext, SimObject } from '../../types.js';
import { isObservedReady } from '../conditions.js';
import { getList, getStr } from '../json.js';

const HELM_RELEASES = resourceIdOf(kindInfo('HelmRelease'));

/** The first dependency that is missing or not ready, worded as helm-controller words it; undefined when all are. */
export function unreadyDependency(ctx: SimContext, hr: SimObject): string | undefined {
  for (const dep of getList(hr, 'spec', 'dependsOn')) {
    const name = getStr(dep, 'name');
    if (!name) continue;
    const namespace = getStr(dep, 'namespace') || (hr.metadata.namespace ?? 'default');
    const found = ctx.store.get(HELM_RELEASES, namespace, name);
    if (!found) {
      return `unable to get '${namespace}/${name}' dependency: helmreleases.helm.toolkit.fluxcd.io "${name}" not found`;
    }
    if (!isObservedReady(found)) return `dependency '${namespace}/${name}' is not ready`;
  }
  return undefined;
}
