import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextOptions } from '../../src/config/console-settings.js';
import { contextMatches } from '../../src/config/context-match.js';
import { parseConfig } from '../../src/config/schema.js';
import { configCommand, consoleOptions } from '../support/console-options.js';

const FILE = `defaults:
  alertThreshold: 30m
  view: hr
contexts:
  - match: prod-*
    readonly: true
    namespace: apps
    danger: true
  - match: /^kind-/
    alertThreshold: 5m
`;

describe('the config file', () => {
  it('reads defaults and context rules matched by name, glob or /regex/', () => {
    const config = parseConfig('/c/config.yaml', FILE);
    expect(config.problems).toEqual([]);
    expect(contextMatches('prod-*', 'prod-eu')).toBe(true);
    expect(contextMatches('prod-*', 'staging')).toBe(false);
    expect(contextMatches('/^kind-/', 'kind-kind')).toBe(true);
    const prod = contextOptions(consoleOptions([]), config, 'prod-eu');
    expect(prod).toMatchObject({
      readonly: true,
      namespace: 'apps',
      view: 'hr',
      alertThresholdMs: 30 * 60_000,
    });
    expect(prod.dangerContext).toBe('^prod-eu$');
    expect(prod.effective.readonly.source).toBe('config.yaml:6 (context rule prod-*)');
    expect(prod.effective.view.source).toBe('config.yaml:3 (defaults)');
    const kind = contextOptions(consoleOptions([]), config, 'kind-kind');
    expect(kind).toMatchObject({ readonly: false, namespace: undefined, alertThresholdMs: 5 * 60_000 });
    expect(kind.effective.readonly.source).toBe('built-in');
  });

  it('lets flags win over the file', () => {
    const config = parseConfig('/c/config.yaml', FILE);
    const prod = contextOptions(
      consoleOptions(['-A', '--view', 'failing', '--alert-threshold', '1h']),
      config,
      'prod-eu',
    );
    expect(prod).toMatchObject({
      namespace: undefined,
      allNamespaces: true,
      view: 'failing',
      alertThresholdMs: 3_600_000,
    });
    expect(prod.effective.namespace.source).toBe('-n/-A');
    expect(prod.readonly).toBe(true);
  });

  it('says what is wrong with the line, and keeps the rest', () => {
    const config = parseConfig(
      '/c/config.yaml',
      `defaults:
  readonly: yes please
  view: nowhere
contexts:
  - readonly: true
  - match: dev
    colour: red
    alertThreshold: soon
    namespace: Apps
    readonly: true
surprise: 1
`,
    );
    expect(config.problems).toEqual([
      '/c/config.yaml:2: defaults.readonly must be true or false',
      expect.stringMatching(/^\/c\/config\.yaml:3: defaults\.view must be a view: failing, /),
      '/c/config.yaml:5: contexts[0] needs `match:` with a context name, a glob (prod-*) or a /regex/',
      '/c/config.yaml:7: contexts[1]: unknown setting "colour" (known: view, readonly, namespace, alertThreshold, danger, auditLog, skin, logs, aliases, plugins, confirmTyped)',
      '/c/config.yaml:8: contexts[1].alertThreshold must be a duration such as 15m, 90s or 1h',
      '/c/config.yaml:9: contexts[1].namespace must be a namespace name or `all`',
      '/c/config.yaml:11: unknown section "surprise" (known: defaults, contexts, fleet, skin, logs, aliases, plugins)',
    ]);
    expect(config.contexts).toEqual([
      { match: 'dev', line: 6, settings: { readonly: true }, lines: { readonly: 10 } },
    ]);
    expect(parseConfig('/c/config.yaml', 'defaults: [').problems[0]).toMatch(/^\/c\/config\.yaml:1: /);
  });

  it('fluxdeck config prints each setting with where it comes from', async () => {
    const { code, text, home } = await configCommand(FILE, ['--context', 'prod-eu', '--readonly']);
    expect(code).toBe(0);
    expect(text).toContain(`config file: ${join(home, 'fluxdeck', 'config.yaml')}`);
    expect(text).toContain('context: prod-eu');
    expect(text).toMatch(/^readonly\s+true\s+--readonly$/m);
    expect(text).toMatch(/^namespace\s+apps\s+config\.yaml:7 \(context rule prod-\*\)$/m);
    expect(text).toMatch(/^alertThreshold\s+30m\s+config\.yaml:2 \(defaults\)$/m);
    expect(text).toMatch(/^auditLog\s+\(not set\)\s+built-in$/m);
  });
});
