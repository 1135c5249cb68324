// Which details tabs an object has, by its kind: the details screen's tab bar, the tab keys' refusal and the
// hint area (H, c, t offered only where the tab exists) read the same list.
import { KIND_RULES } from '../flux/kind-rules.js';
import type { KindName } from '../flux/kinds.js';
import type { DetailsTab } from './details-lines.js';

export function detailsTabsOf(kind: KindName | undefined): readonly DetailsTab[] {
  if (kind === 'HelmRelease') return ['overview', 'events', 'yaml', 'history', 'changes', 'inventory'];
  if (kind === 'Kustomization') return ['overview', 'events', 'yaml', 'changes', 'inventory'];
  // Other kinds that keep status.inventory (FluxInstance, ResourceSet) get its tab too.
  if (kind && KIND_RULES[kind].inventory) return ['overview', 'events', 'yaml', 'inventory'];
  return ['overview', 'events', 'yaml'];
}
