// Which kinds each runbook action can act on at all, whatever the object's state: the plans refuse the
// other kinds with these same sets, and the hint area offers an action's key only where it applies.

import { KIND_RULES } from '../flux/kind-rules.js';
import { type KindName, kindInfo } from '../flux/kinds.js';
import type { ActionId } from './types.js';

/** Kinds backed by a Helm release: rollback and clearing a Helm lock apply to them. */
const HELM_KINDS: ReadonlySet<KindName> = new Set(['HelmRelease']);
/** Kinds `flux reconcile … --with-source` accepts (docs/reconcile-protocol.md). */
const WITH_SOURCE_KINDS: ReadonlySet<KindName> = new Set(['Kustomization', 'HelmRelease', 'HelmChart']);

const APPLIES: Readonly<Record<ActionId, (kind: KindName) => boolean>> = {
  // Every Flux kind has a reconcile request (the requestedAt annotation).
  reconcile: () => true,
  'reconcile-with-source': (kind) => WITH_SOURCE_KINDS.has(kind),
  suspend: (kind) => kindInfo(kind).suspendable,
  resume: (kind) => kindInfo(kind).suspendable,
  rollback: (kind) => HELM_KINDS.has(kind),
  'clear-helm-lock': (kind) => HELM_KINDS.has(kind),
  // A chain is made of dependsOn links; other kinds have none to fix.
  'fix-chain': (kind) => KIND_RULES[kind].dependsOn,
};

/** Whether the action can act on an object of this kind (its state may still make the plan refuse). */
export function actionAppliesTo(action: ActionId, kind: KindName): boolean {
  return APPLIES[action](kind);
}
