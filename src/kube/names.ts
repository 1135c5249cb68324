// Names handed to binaries are validated as Kubernetes validates them, so a hostile name from the cluster
// can never turn into a flag or smuggle control characters into a command line.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** Flags whose value is a namespace, and flags whose value is a context or a path. */
const NAMESPACE_FLAGS = new Set(['-n', '--namespace']);
const FREE_VALUE_FLAGS = new Set(['--context', '--kube-context', '--kubeconfig']);

/** The first reason these arguments must not be passed to a binary, or undefined when they are fine. */
export function invalidArguments(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (CONTROL.test(arg)) return `argument ${i + 1} contains control characters`;
    const value = args[i + 1];
    if (NAMESPACE_FLAGS.has(arg)) {
      if (value === undefined || !isDns1123Label(value)) {
        return `${arg} needs a namespace name (a DNS-1123 label), got ${JSON.stringify(value ?? '')}`;
      }
    } else if (FREE_VALUE_FLAGS.has(arg)) {
      if (value === undefined || value === '' || value.startsWith('-')) {
        return `${arg} needs a value that does not start with "-", got ${JSON.stringify(value ?? '')}`;
      }
    }
  }
  return undefined;
}
