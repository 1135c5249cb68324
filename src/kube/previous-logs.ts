// The previous container's log of a pod, read once (`kubectl logs --previous`): what a crash-looping
// controller printed before it died. The kubelet serves the container named in lastState.terminated, and
// answers 400 `previous terminated container "manager" in pod "…" not found` when there is none: that is a
// fact about the pod, said as one, not an error.
import { sanitizeText } from '../flux/sanitize.js';
import { describeError, isKubeError } from './errors.js';
import { objectPath, PODS } from './paths.js';
import type { PreviousLogs } from './port.js';
import type { Transport } from './transport.js';

/** Enough for the lines before a crash; a line longer than the limit is cut by the server. */
const LIMIT_BYTES = 256 * 1024;

export async function readPreviousLogs(
  transport: Transport,
  namespace: string,
  pod: string,
  container: string,
  tailLines: number,
  signal?: AbortSignal,
): Promise<PreviousLogs> {
  try {
    const stream = await transport.openStream({
      path: `${objectPath(PODS, namespace, pod)}/log`,
      query: { container, previous: true, tailLines, limitBytes: LIMIT_BYTES },
      signal,
      timeoutMs: 30_000,
      about: { verb: 'get', resource: 'pods/log', namespace, name: pod },
    });
    const chunks: Buffer[] = [];
    for await (const chunk of stream)
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    const text = Buffer.concat(chunks).toString('utf8').replace(/\n$/, '');
    const lines = text === '' ? [] : text.split('\n').map((line) => sanitizeText(line, 4000));
    return { phase: 'ready', lines: lines.slice(-tailLines) };
  } catch (error) {
    if (isKubeError(error, 'invalid') && /previous terminated container .* not found/.test(error.message)) {
      return {
        phase: 'none',
        message: `${container} has not restarted in ${pod}: there is no previous container to read (the API server said: ${sanitizeText(error.message, 300)})`,
      };
    }
    return {
      phase: 'error',
      message: `could not read the previous logs of ${pod}: ${describeError(error)}`,
    };
  }
}
