// Exec credential plug-ins as client-go runs them (k8s.io/client-go/plugin/pkg/client/auth/exec): the
// ExecCredential request in KUBERNETES_EXEC_INFO, the terminal given to the plug-in when its
// `interactiveMode` asks for it and there is one — the console's screen paused meanwhile
// (terminal-access.ts) — and never a plug-in left waiting on input nobody can give: without a terminal,
// `Always` fails at once with kubectl's sentence and the others get no stdin at all. The credential is kept
// until it expires, or until the server rejects it.
import { basename } from 'node:path';
import { sanitizeText } from '../flux/sanitize.js';
import { formatCommand, runProcess } from './exec.js';
import type { User } from './kubeconfig.js';
import type { TerminalAccess } from './terminal-access.js';

export interface ExecCredential {
  readonly token?: string;
  readonly cert?: string;
  readonly key?: string;
}

interface ExecConfig {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly apiVersion: string;
  readonly interactiveMode: string;
  readonly installHint: string | undefined;
}

export type InteractiveMode = 'Never' | 'IfAvailable' | 'Always';

/** The error client-go returns; `missing` when the plug-in is not installed (its installHint is in it). */
export class ExecCredentialError extends Error {
  override readonly name = 'ExecCredentialError';
}

const DEFAULT_API_VERSION = 'client.authentication.k8s.io/v1';

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function execConfig(user: User): ExecConfig | undefined {
  const provider = user.authProvider as { config?: Record<string, unknown> } | null | undefined;
  const raw = (user.exec ?? provider?.config?.['exec']) as Record<string, unknown> | null | undefined;
  if (!raw || typeof raw !== 'object') return undefined;
  const env: Record<string, string> = {};
  if (Array.isArray(raw['env']))
    for (const e of raw['env'] as unknown[]) {
      const entry = e as { name?: unknown; value?: unknown } | null;
      if (typeof entry?.name === 'string') env[entry.name] = String(entry.value ?? '');
    }
  return {
    command: typeof raw['command'] === 'string' ? raw['command'] : '',
    args: strings(raw['args']),
    env,
    apiVersion: typeof raw['apiVersion'] === 'string' ? raw['apiVersion'] : DEFAULT_API_VERSION,
    interactiveMode: typeof raw['interactiveMode'] === 'string' ? raw['interactiveMode'] : '',
    installHint: typeof raw['installHint'] === 'string' ? raw['installHint'].trim() || undefined : undefined,
  };
}

export function isExecUser(user: User | undefined): boolean {
  return user !== undefined && execConfig(user) !== undefined;
}

/**
 * Whether the plug-in gets the terminal, as client-go's isInteractive decides; throws kubectl's sentence
 * for `Always` without one. An unset mode is `IfAvailable` — client-go's default for v1beta1 (it refuses an
 * unset mode for v1; fluxdeck reads it the same way rather than refusing a kubeconfig that works elsewhere).
 */
export function interactiveFor(mode: string, terminal: TerminalAccess): boolean {
  switch (mode) {
    case 'Never':
      return false;
    case '':
    case 'IfAvailable':
      return terminal.isTerminal();
    case 'Always':
      if (!terminal.isTerminal())
        throw new ExecCredentialError(
          'exec plugin cannot support interactive mode: standard input is not a terminal',
        );
      return true;
    default:
      throw new ExecCredentialError(`unknown interactiveMode: ${JSON.stringify(mode)}`);
  }
}

function decode(stdout: string, config: ExecConfig): ExecCredential & { expiresAt: number | undefined } {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    throw new ExecCredentialError('decoding stdout: the plug-in did not print an ExecCredential (JSON)');
  }
  const obj = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  if (obj['apiVersion'] !== config.apiVersion)
    throw new ExecCredentialError(
      `exec plugin is configured to use API version ${config.apiVersion}, plugin returned version ${sanitizeText(String(obj['apiVersion'] ?? ''), 80)}`,
    );
  const status = obj['status'] as Record<string, unknown> | undefined;
  if (!status || typeof status !== 'object')
    throw new ExecCredentialError("exec plugin didn't return a status field");
  const text = (k: string) =>
    typeof status[k] === 'string' && status[k] !== '' ? (status[k] as string) : undefined;
  const token = text('token');
  const cert = text('clientCertificateData');
  const key = text('clientKeyData');
  if (!token && !cert && !key)
    throw new ExecCredentialError("exec plugin didn't return a token or cert/key pair");
  if (!cert !== !key) throw new ExecCredentialError('exec plugin returned only certificate or key, not both');
  const expires = text('expirationTimestamp');
  const expiresAt = expires ? Date.parse(expires) : undefined;
  return {
    ...(token ? { token } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    expiresAt: Number.isNaN(expiresAt) ? undefined : expiresAt,
  };
}

export interface ExecCredentialSource {
  get(): Promise<ExecCredential>;
  /** After a 401: the next get() runs the plug-in again. */
  invalidate(): void;
}

export interface ExecCredentialOptions {
  readonly terminal: TerminalAccess;
  readonly now?: () => number;
}

export function execCredentialSource(user: User, options: ExecCredentialOptions): ExecCredentialSource {
  const config = execConfig(user);
  const now = options.now ?? Date.now;
  let cached: (ExecCredential & { expiresAt: number | undefined }) | undefined;

  async function run(): Promise<ExecCredential & { expiresAt: number | undefined }> {
    if (!config?.command) throw new ExecCredentialError('No command was specified for the exec plug-in');
    const interactive = interactiveFor(config.interactiveMode, options.terminal);
    const request = {
      apiVersion: config.apiVersion,
      kind: 'ExecCredential',
      spec: { ...(user.execCluster ? { cluster: user.execCluster } : {}), interactive },
    };
    const command = { file: config.command, args: config.args };
    const env = { ...config.env, KUBERNETES_EXEC_INFO: JSON.stringify(request) };
    const result = interactive
      ? await options.terminal.handOver(
          () =>
            runProcess(command, {
              stdin: options.terminal.input ?? 'inherit',
              stdout: 'pipe',
              stderr: 'inherit',
              env,
            }),
          `fluxdeck: the credential plug-in of user ${user.name} has the terminal (${formatCommand(command)}); the console comes back when it is done.`,
        )
      : await runProcess(command, { stdin: 'ignore', stdout: 'pipe', stderr: 'pipe', env });
    if (result.notFound) {
      throw new ExecCredentialError(
        `the exec plug-in ${basename(config.command)} was not found${config.installHint ? `: ${sanitizeText(config.installHint, 500)}` : ' (install it, or fix the command in the kubeconfig)'}`,
      );
    }
    if (result.exitCode !== 0) {
      const stderr = sanitizeText(result.stderr, 1000).trim();
      const why =
        result.exitCode === undefined
          ? (result.failure ?? 'did not finish')
          : `failed with exit code ${result.exitCode}`;
      throw new ExecCredentialError(
        `exec: executable ${basename(config.command)} ${why}${stderr ? `: ${stderr}` : ''}`,
      );
    }
    return decode(result.stdout, config);
  }

  return {
    async get() {
      if (cached && (cached.expiresAt === undefined || cached.expiresAt > now())) return cached;
      cached = undefined;
      cached = await run();
      return cached;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
