// Failures as the sentences a user reads in the result line: who was refused what, which object is gone,
// what conflicted. Never a stack trace.
import { sanitizeText } from '../flux/sanitize.js';
import type { ObjectRef } from '../flux/types.js';
import { describeError, forbiddenScope, isKubeError } from '../kube/errors.js';

export function refName(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace}/${ref.name}`;
}

/** A failed request about `ref` (`doing` says what we tried, e.g. "patch"), as one sentence. */
export function describeActionError(error: unknown, ref: ObjectRef | undefined, doing: string): string {
  const what = ref ? refName(ref) : 'the object';
  const target = ref ? ` ${refName(ref)}` : '';
  if (isKubeError(error)) {
    switch (error.reason) {
      case 'forbidden': {
        const f = error.forbidden;
        if (f) {
          const resource = f.group ? `${f.resource}.${f.group}` : f.resource;
          const where = ` ${forbiddenScope(f)}`;
          return clean(
            `Forbidden by RBAC: user ${f.user || '(unknown)'} may not ${f.verb || doing} ${resource}${where}, so ${what} could not be ${doing.startsWith('read') ? 'read' : 'changed'}.`,
          );
        }
        return clean(`Forbidden by RBAC while trying to ${doing}${target}: ${error.message}.`);
      }
      case 'not-found':
        return clean(`${what} no longer exists (deleted while the action ran).`);
      case 'conflict':
        return clean(
          `${what} kept changing under us: the ${doing} conflicted again after a retry on a fresh read. Try again.`,
        );
      case 'unauthorized':
      case 'unreachable':
      case 'timeout':
      case 'server':
      case 'invalid':
      case 'not-installed':
      case 'gone':
      case 'kubeconfig':
      case 'aborted':
        return clean(`Could not ${doing}${target}: ${error.message}.`);
    }
  }
  return clean(`Could not ${doing}${target}: ${describeError(error)}.`);
}

function clean(sentence: string): string {
  return sanitizeText(sentence.replace(/\.\.$/, '.'), 1000);
}
