// Names go to binaries as separate arguments (never through a shell), but a name from the cluster could
// still look like a flag or carry junk: validate them as Kubernetes does before any binary sees them.
import { isDns1123Label, isDns1123Subdomain } from '../kube/names.js';

/** Helm's own rule for release names (`pkg/chartutil` ValidateReleaseName): a subdomain of at most 53. */
export function isHelmReleaseName(value: string): boolean {
  return value.length <= 53 && isDns1123Subdomain(value);
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A kubeconfig context or file path passed as a flag value: must not look like a flag or hold controls. */
export function isSafeFlagValue(value: string): boolean {
  return value !== '' && !value.startsWith('-') && !CONTROL.test(value);
}

/** The first reason the names cannot be handed to helm, or undefined when they all pass. */
export function invalidHelmNames(names: {
  readonly release: string;
  readonly namespace: string;
  readonly context: string;
  readonly kubeconfig?: string | undefined;
}): string | undefined {
  if (!isHelmReleaseName(names.release)) {
    return `the release name ${JSON.stringify(names.release)} is not a valid Helm release name (DNS-1123, at most 53 characters)`;
  }
  if (!isDns1123Label(names.namespace))
    return `the namespace ${JSON.stringify(names.namespace)} is not a valid DNS-1123 label`;
  if (!isSafeFlagValue(names.context))
    return `the context name ${JSON.stringify(names.context)} cannot be passed to helm safely`;
  if (names.kubeconfig !== undefined && !isSafeFlagValue(names.kubeconfig)) {
    return `the kubeconfig path ${JSON.stringify(names.kubeconfig)} cannot be passed to helm safely`;
  }
  return undefined;
}
