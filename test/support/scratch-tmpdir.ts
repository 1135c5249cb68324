// Vitest global setup: every temporary file the suites and the processes they start create (homes,
// kubeconfigs, helm shims, audit logs) goes under one directory per run, removed when the run ends,
// so a test that forgets to clean up cannot litter the machine's /tmp run after run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env['TMPDIR'];
  const dir = mkdtempSync(join(tmpdir(), 'fluxdeck-tests-'));
  // Workers and every process they start inherit it, and os.tmpdir() reads it.
  process.env['TMPDIR'] = dir;
  return () => {
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    rmSync(dir, { recursive: true, force: true });
  };
}
