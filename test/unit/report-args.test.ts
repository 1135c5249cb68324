import { describe, expect, it } from 'vitest';
import { parseReportArgs } from '../../src/commands/report-args.js';

describe('fluxdeck report arguments', () => {
  it('defaults to Markdown on standard output over all namespaces, from the incident start', () => {
    expect(parseReportArgs([])).toEqual({
      ok: true,
      options: {
        kubeconfig: undefined,
        context: undefined,
        namespace: undefined,
        sinceMs: undefined,
        format: 'md',
        output: undefined,
        auditLog: undefined,
      },
    });
  });

  it('takes the window, the format, the file and the scope', () => {
    const parsed = parseReportArgs(['-n', 'apps', '--since', '2h', '-o', 'json', '--output', 'r.json']);
    expect(parsed).toMatchObject({
      ok: true,
      options: { namespace: 'apps', sinceMs: 7_200_000, format: 'json', output: 'r.json' },
    });
    expect(parseReportArgs(['--format=markdown'])).toMatchObject({ ok: true, options: { format: 'md' } });
  });

  it('says what is wrong', () => {
    expect(parseReportArgs(['-o', 'pdf'])).toMatchObject({ ok: false, message: '-o takes md or json' });
    expect(parseReportArgs(['--since', 'yesterday'])).toMatchObject({
      ok: false,
      message: '--since takes a duration such as 2h, 90m or 30s',
    });
    expect(parseReportArgs(['-n', 'apps', '-A'])).toMatchObject({
      ok: false,
      message: '-n and -A cannot be used together',
    });
    expect(parseReportArgs(['--bogus'])).toMatchObject({ ok: false });
    expect(parseReportArgs(['-h'])).toEqual({ ok: false, help: true });
  });
});
