// The equivalent command lines of an action, built as data (binary + argument array): shown in the dialog,
// written to the audit log, and — for helm rollback — executed. Always with the context and namespace,
// so a line copied from the dialog acts on the same cluster (docs/flux-api.md: flux defaults to flux-system).

import { delimiter } from 'node:path';
import { REQUESTED_AT } from '../flux/annotations.js';
import { kindCli, kindInfo } from '../flux/kinds.js';
import type { ObjectRef } from '../flux/types.js';
import type { ClusterInfo, Command } from '../kube/port.js';

export type Target = Pick<ClusterInfo, 'context' | 'kubeconfigPath'>;

/** `--kubeconfig` takes one file; a KUBECONFIG list is left to the environment, as kubectl reads it. */
function kubeconfigFile(target: Target): string | undefined {
  const path = target.kubeconfigPath;
  return path && !path.includes(delimiter) ? path : undefined;
}

function kubeFlags(target: Target, namespace: string): string[] {
  const file = kubeconfigFile(target);
  return ['-n', namespace, '--context', target.context, ...(file ? ['--kubeconfig', file] : [])];
}

export function fluxCommand(
  verb: 'reconcile' | 'suspend' | 'resume',
  ref: ObjectRef,
  target: Target,
  flags: readonly string[] = [],
): Command {
  const words = kindInfo(ref.kind).fluxCommand.split(' ');
  return { file: 'flux', args: [verb, ...words, ref.name, ...flags, ...kubeFlags(target, ref.namespace)] };
}

/**
 * The kind's own CLI line for a verb: `flux <verb> <kind words> NAME`, or for the Flux Operator's kinds
 * `flux-operator <verb> <kind word> NAME` (its kubeconfig flags are `--kube-context` and `--kubeconfig`,
 * flux-operator cmd/cli/main.go); none when no CLI acts on the kind (FluxReport).
 */
export function cliCommands(
  verb: 'reconcile' | 'suspend' | 'resume',
  ref: ObjectRef,
  target: Target,
  flags: readonly string[] = [],
): Command[] {
  switch (kindCli(ref.kind)) {
    case 'flux':
      return [fluxCommand(verb, ref, target, flags)];
    case 'none':
      return [];
    case 'flux-operator': {
      const file = kubeconfigFile(target);
      const words = kindInfo(ref.kind).fluxCommand.split(' ');
      return [
        {
          file: 'flux-operator',
          args: [
            verb,
            ...words,
            ref.name,
            ...flags,
            '-n',
            ref.namespace,
            '--kube-context',
            target.context,
            ...(file ? ['--kubeconfig', file] : []),
          ],
        },
      ];
    }
  }
}

/**
 * A reconcile request as kubectl writes it: the requestedAt annotation set to a new value (any new value
 * makes the controller reconcile; the Flux Operator reconciles on any annotation change).
 */
export function requestCommand(ref: ObjectRef, token: string, target: Target): Command {
  return annotateCommand(ref, { [REQUESTED_AT]: token }, target);
}

/** `kubectl annotate`; a value of undefined removes the annotation (`key-`). */
export function annotateCommand(
  ref: ObjectRef,
  annotations: Readonly<Record<string, string | undefined>>,
  target: Target,
): Command {
  const pairs = Object.entries(annotations).map(([k, v]) => (v === undefined ? `${k}-` : `${k}=${v}`));
  const overwrite = Object.values(annotations).some((v) => v !== undefined) ? ['--overwrite'] : [];
  return {
    file: 'kubectl',
    args: [
      'annotate',
      kindInfo(ref.kind).singular,
      ref.name,
      ...pairs,
      ...overwrite,
      ...kubeFlags(target, ref.namespace),
    ],
  };
}

export function deleteSecretCommand(namespace: string, name: string, target: Target): Command {
  return { file: 'kubectl', args: ['delete', 'secret', name, ...kubeFlags(target, namespace)] };
}

export function helmRollbackCommand(
  release: string,
  revision: number,
  storageNamespace: string,
  target: Target,
): Command {
  const file = kubeconfigFile(target);
  return {
    // The port runs `helm` as the --helm flag says.
    file: 'helm',
    args: [
      'rollback',
      release,
      String(revision),
      '-n',
      storageNamespace,
      ...(file ? ['--kubeconfig', file] : []),
      '--kube-context',
      target.context,
    ],
  };
}

/** For display and the audit log only (never executed through a shell): kube's own formatting. */
export { formatCommand } from '../kube/exec.js';
