// Identifiers that look like the real ones (commit SHAs, digests, UUIDs, pod-name suffixes), either drawn from
// the sim's seeded random (things that are random in a real cluster) or derived by hashing (things that are a
// function of their content, such as an artifact digest).
import { createHash } from 'node:crypto';

const HEX = '0123456789abcdef';
/** The alphabet Kubernetes uses for generated name suffixes (k8s.io/apimachinery/pkg/util/rand). */
const K8S_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function randomHex(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += HEX[Math.floor(random() * 16)] ?? '0';
  return out;
}

/** A version 4 UUID, as controller-runtime gives every reconcile (`reconcileID`). */
export function randomUuid(random: () => number): string {
  const h = randomHex(random, 32);
  const variant = HEX[8 + Math.floor(random() * 4)] ?? '8';
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function randomK8sSuffix(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += K8S_ALPHANUMS[Math.floor(random() * K8S_ALPHANUMS.length)] ?? 'x';
  return out;
}

/** sha256 of the parts, hex: stable values derived from content (digests, commit ids of seeded history). */
export function hashHex(...parts: readonly (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
