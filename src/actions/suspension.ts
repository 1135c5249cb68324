// Suspend and resume as merge patches (docs/reconcile-protocol.md): spec.suspend — or, for the Flux Operator's
// kinds, the `fluxcd.controlplane.io/reconcile` annotation (docs/flux-operator.md) — plus who/why annotations,
// removed again on resume. Patches and command lines for one object; suspend.ts / resume.ts build plans over
// many.
import { SUSPEND_REASON, SUSPENDED_BY } from '../flux/annotations.js';
import { type KindName, kindInfo } from '../flux/kinds.js';
import { suspendPatchOf } from '../flux/reconcile.js';
import type { ObjectRef } from '../flux/types.js';
import type { ClusterInfo, Command } from '../kube/port.js';
import { annotateCommand, cliCommands } from './commands.js';

export function resumePatch(kind: KindName): Readonly<Record<string, unknown>> {
  return suspendPatchOf(kind, false);
}

export function suspendPatchFor(
  kind: KindName,
  who: string,
  reason: string,
): Readonly<Record<string, unknown>> {
  return suspendPatchOf(kind, true, who, reason.trim() === '' ? undefined : reason.trim());
}

/** What suspending sets, in words: `spec.suspend=true` or `fluxcd.controlplane.io/reconcile=disabled`. */
export function suspendSetting(kind: KindName, suspend: boolean): string {
  const rule = kindInfo(kind).suspendAnnotation;
  if (!rule) return `spec.suspend=${suspend}`;
  return `the annotation ${rule.key}=${suspend ? rule.disabled : rule.enabled}`;
}

export function suspendCommands(ref: ObjectRef, info: ClusterInfo, who: string, reason: string): Command[] {
  const annotations: Record<string, string> = { [SUSPENDED_BY]: who };
  if (reason.trim() !== '') annotations[SUSPEND_REASON] = reason.trim();
  const rule = kindInfo(ref.kind).suspendAnnotation;
  if (!rule) return [...cliCommands('suspend', ref, info), annotateCommand(ref, annotations, info)];
  // The kubectl line alone does what the CLI line does, and records who too.
  return [
    ...cliCommands('suspend', ref, info),
    annotateCommand(ref, { [rule.key]: rule.disabled, ...annotations }, info),
  ];
}

export function resumeCommands(ref: ObjectRef, info: ClusterInfo): Command[] {
  const cleared = { [SUSPENDED_BY]: undefined, [SUSPEND_REASON]: undefined };
  const rule = kindInfo(ref.kind).suspendAnnotation;
  if (!rule) return [annotateCommand(ref, cleared, info), ...cliCommands('resume', ref, info)];
  return [
    ...cliCommands('resume', ref, info),
    annotateCommand(ref, { [rule.key]: rule.enabled, ...cleared }, info),
  ];
}
