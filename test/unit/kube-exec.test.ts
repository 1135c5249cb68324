import { describe, expect, it } from 'vitest';
import {
  BinaryNotFoundError,
  CommandFailedError,
  formatCommand,
  InvalidCommandError,
  runCommand,
} from '../../src/kube/exec.js';
import { invalidArguments } from '../../src/kube/names.js';

const node = process.execPath;

describe('running binaries', () => {
  it('says how to go on when helm is missing, with the exact commands', async () => {
    const command = {
      file: 'helm',
      args: ['rollback', 'kyverno', '3', '-n', 'kyverno', '--kube-context', 'prod'],
    };
    const run = runCommand(command, { helmPath: '/nonexistent/helm' });
    await expect(run).rejects.toBeInstanceOf(BinaryNotFoundError);
    await expect(run).rejects.toThrow(
      'helm was not found on PATH (or at --helm PATH): install helm 3.8+ or run these commands by hand: helm rollback kyverno 3 -n kyverno --kube-context prod',
    );
  });

  it('records the exact command and returns its output', async () => {
    const ran: unknown[] = [];
    const result = await runCommand(
      { file: node, args: ['-e', 'process.stdout.write("hi " + process.argv[1])', 'a b; rm -rf /'] },
      { onRun: (c) => ran.push(c) },
    );
    // An argument array, never a shell: the `;` is just text.
    expect(result).toEqual({ exitCode: 0, stdout: 'hi a b; rm -rf /', stderr: '' });
    expect(ran).toEqual([
      { file: node, args: ['-e', 'process.stdout.write("hi " + process.argv[1])', 'a b; rm -rf /'] },
    ]);
  });

  it('wraps a failure with the command, exit code and stderr', async () => {
    const run = runCommand({
      file: node,
      args: ['-e', 'process.stderr.write("Error: UPGRADE FAILED"); process.exit(3)'],
    });
    await expect(run).rejects.toBeInstanceOf(CommandFailedError);
    await expect(run).rejects.toMatchObject({ exitCode: 3, stderr: 'Error: UPGRADE FAILED' });
    await expect(run).rejects.toThrow(/exited with code 3: Error: UPGRADE FAILED$/);
  });

  it('stops on abort and on timeout', async () => {
    const abort = new AbortController();
    const run = runCommand(
      { file: node, args: ['-e', 'setTimeout(() => {}, 60000)'] },
      { signal: abort.signal },
    );
    abort.abort();
    await expect(run).rejects.toThrow(/was cancelled/);
    await expect(
      runCommand({ file: node, args: ['-e', 'setTimeout(() => {}, 60000)'] }, { timeoutMs: 200 }),
    ).rejects.toThrow(/timed out after 200 ms/);
  });

  it('refuses names that are not Kubernetes names before anything runs', async () => {
    await expect(runCommand({ file: 'helm', args: ['rollback', 'x', '-n', '--all'] })).rejects.toBeInstanceOf(
      InvalidCommandError,
    );
    expect(invalidArguments(['-n', 'Kyverno'])).toMatch(/DNS-1123 label/);
    expect(invalidArguments(['--kube-context', '-x'])).toMatch(/does not start with "-"/);
    expect(invalidArguments(['rollback', 'a\u001b[2Jb'])).toMatch(/control characters/);
    expect(
      invalidArguments(['rollback', 'kyverno', '3', '-n', 'kyverno', '--kube-context', 'prod-eu']),
    ).toBeUndefined();
  });

  it('quotes arguments for display only', () => {
    expect(formatCommand({ file: 'helm', args: ['rollback', "it's", 'a b'] })).toBe(
      `helm rollback 'it'\\''s' 'a b'`,
    );
  });
});
