// Helm's storage encoding (docs/helm.md): the API's base64 of Helm's base64 of gzip (when the bytes start
// with 1f 8b 08; older releases are plain) of the release JSON.
import { gunzipSync } from 'node:zlib';

/** Refuse to inflate more than this: a release is kilobytes to a few megabytes. */
const MAX_RELEASE_BYTES = 64 * 1024 * 1024;

/** The release JSON inside a storage Secret's `data.release`, or undefined when it is not Helm's encoding. */
export function decodeHelmReleaseData(data: string): unknown {
  try {
    const helmBytes = Buffer.from(Buffer.from(data, 'base64').toString('latin1'), 'base64');
    const gzipped = helmBytes[0] === 0x1f && helmBytes[1] === 0x8b && helmBytes[2] === 0x08;
    const json = gzipped ? gunzipSync(helmBytes, { maxOutputLength: MAX_RELEASE_BYTES }) : helmBytes;
    return JSON.parse(json.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
