// `fluxdeck sim --state-dir DIR`: what makes the simulator the same cluster across restarts — its CA, its
// serving certificate and key, the bearer token and the port — kept in DIR as 0600 files and reused on the
// next start, so a console (or kubectl) still holding the old kubeconfig reconnects as to a restarted API
// server. The objects are not kept: the scenario and seed make them again.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SimTls } from './tls.js';

export interface SimIdentity {
  readonly tls: SimTls;
  readonly token: string;
  /** The port it last listened on; reused unless another is asked for. */
  readonly port: number | undefined;
}

const FILES = {
  ca: 'ca.crt',
  cert: 'server.crt',
  key: 'server.key',
  token: 'token',
  port: 'port',
} as const;

/** The files of a state directory, for tests and for the sentence of an incomplete one. */
export const STATE_FILES: readonly string[] = Object.values(FILES);

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * The identity kept in `dir`, or undefined when there is none yet (a missing or empty directory). A
 * directory holding only some of the files is an error with a sentence: reusing half an identity would give
 * a cluster no kubeconfig trusts.
 */
export async function loadSimIdentity(dir: string): Promise<SimIdentity | undefined> {
  const [ca, cert, key, token, port] = await Promise.all(
    [FILES.ca, FILES.cert, FILES.key, FILES.token, FILES.port].map((f) => readIfThere(join(dir, f))),
  );
  const secrets = { [FILES.ca]: ca, [FILES.cert]: cert, [FILES.key]: key, [FILES.token]: token };
  const missing = Object.entries(secrets)
    .filter(([, v]) => v === undefined || v.trim() === '')
    .map(([name]) => name);
  if (missing.length === 4) return undefined;
  if (missing.length > 0) {
    throw new Error(
      `the state directory ${dir} is incomplete (missing ${missing.join(', ')}): remove it to start a new cluster there, or pick another directory`,
    );
  }
  const portNumber = port === undefined ? Number.NaN : Number(port.trim());
  return {
    tls: { caPem: ca as string, certPem: cert as string, keyPem: key as string },
    token: (token as string).trim(),
    port: Number.isInteger(portNumber) && portNumber > 0 && portNumber <= 65535 ? portNumber : undefined,
  };
}

/** Writes the identity into `dir` (created 0700), every file 0600, whatever the umask. */
export async function saveSimIdentity(dir: string, identity: SimIdentity & { port: number }): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const contents: [string, string][] = [
    [FILES.ca, identity.tls.caPem],
    [FILES.cert, identity.tls.certPem],
    [FILES.key, identity.tls.keyPem],
    [FILES.token, `${identity.token}\n`],
    [FILES.port, `${identity.port}\n`],
  ];
  for (const [name, text] of contents) {
    const path = join(dir, name);
    await writeFile(path, text, { mode: 0o600 });
    // writeFile's mode applies only when it creates the file.
    await chmod(path, 0o600);
  }
}
