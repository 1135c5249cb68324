import { describe, expect, it } from 'vitest';
import { completeCommandLine, parseCommandLine } from '../../src/hooks/command-line.js';
import { INITIAL_LOGS_PANE, logsPaneReducer } from '../../src/hooks/logs-pane.js';
import { compileFilter } from '../../src/hooks/row-filter.js';
import { logEntry } from '../support/fake-port.js';

describe('command line', () => {
  it('opens views and narrows family views to a kind', () => {
    expect(parseCommandLine('hr')).toEqual({ type: 'view', target: { view: 'helmreleases' } });
    expect(parseCommandLine('ks')).toEqual({ type: 'view', target: { view: 'kustomizations' } });
    expect(parseCommandLine('git')).toEqual({
      type: 'view',
      target: { view: 'sources', kind: 'GitRepository' },
    });
    expect(parseCommandLine('oci')).toEqual({
      type: 'view',
      target: { view: 'sources', kind: 'OCIRepository' },
    });
    expect(parseCommandLine('helmrepo')).toEqual({
      type: 'view',
      target: { view: 'sources', kind: 'HelmRepository' },
    });
    expect(parseCommandLine('helmchart')).toEqual({
      type: 'view',
      target: { view: 'sources', kind: 'HelmChart' },
    });
    expect(parseCommandLine('bucket')).toEqual({ type: 'view', target: { view: 'sources', kind: 'Bucket' } });
    expect(parseCommandLine('img')).toEqual({ type: 'view', target: { view: 'images' } });
    expect(parseCommandLine('notif')).toEqual({ type: 'view', target: { view: 'notifications' } });
    expect(parseCommandLine('pods')).toEqual({ type: 'view', target: { view: 'controllers' } });
    expect(parseCommandLine('fail')).toEqual({ type: 'view', target: { view: 'failing' } });
    expect(parseCommandLine(' events ')).toEqual({ type: 'view', target: { view: 'events' } });
  });

  it('parses namespaces, contexts, filters and quitting', () => {
    expect(parseCommandLine('ns team-a')).toEqual({ type: 'namespace', namespace: 'team-a' });
    expect(parseCommandLine('ns all')).toEqual({ type: 'namespace', namespace: undefined });
    expect(parseCommandLine('ns Bad_Name').type).toBe('error');
    expect(parseCommandLine('ctx prod')).toEqual({ type: 'context', name: 'prod' });
    expect(parseCommandLine('unhealthy')).toEqual({ type: 'health', health: 'unhealthy' });
    expect(parseCommandLine('logs')).toEqual({ type: 'logs' });
    expect(parseCommandLine('q')).toEqual({ type: 'quit' });
    expect(parseCommandLine('frobnicate')).toEqual({ type: 'error', message: 'unknown command :frobnicate' });
  });

  it('completes words, namespaces and contexts, prefix matches first', () => {
    expect(completeCommandLine('h', { namespaces: [], contexts: [] }).slice(0, 2)).toEqual(['hr', 'hc']);
    expect(completeCommandLine('n', { namespaces: [], contexts: [] })).toContain('ns ');
    expect(completeCommandLine('ns fl', { namespaces: ['apps', 'flux-system'], contexts: [] })).toEqual([
      'ns flux-system',
    ]);
    expect(completeCommandLine('ctx ', { namespaces: [], contexts: ['a', 'b'] })).toEqual(['ctx a', 'ctx b']);
  });

  it('offers only the words of the screen when it has its own (the fleet: ctx and q)', () => {
    const fleet = { namespaces: [], contexts: ['prod-eu', 'staging'], words: ['ctx', 'q', 'quit'] };
    expect(completeCommandLine('', fleet)).toEqual(['ctx ', 'q', 'quit']);
    expect(completeCommandLine('h', fleet)).toEqual([]);
    expect(completeCommandLine('ctx st', fleet)).toEqual(['ctx staging']);
  });
});

describe('row filter', () => {
  it('matches text case-insensitively, or a /regex/, and says when a regex is invalid', () => {
    expect(compileFilter('ISTIO').matches(['istio-base'])).toBe(true);
    expect(compileFilter('/^cert-.*r$/').matches(['cert-manager'])).toBe(true);
    expect(compileFilter('/^cert-.*r$/').matches(['xcert-manager'])).toBe(false);
    const bad = compileFilter('/(/');
    expect(bad.problem).toMatch(/not a regular expression/);
    expect(bad.matches(['a/(/b'])).toBe(true);
  });
});

describe('logs pane reducer', () => {
  const entries = [logEntry(1, 'helm-controller', {}), logEntry(2, 'helm-controller', {})];

  it('freezes on pause and on scrolling up, and follows again', () => {
    let s = logsPaneReducer(INITIAL_LOGS_PANE, { type: 'togglePause', entries });
    expect(s.frozen).toBe(entries);
    s = logsPaneReducer(s, { type: 'togglePause', entries });
    expect(s.frozen).toBeUndefined();
    s = logsPaneReducer(s, { type: 'scroll', delta: 5, entries, max: 1 });
    expect(s).toMatchObject({ scroll: 1, frozen: entries });
    s = logsPaneReducer(s, { type: 'follow' });
    expect(s).toMatchObject({ scroll: 0, frozen: undefined });
  });

  it('toggles scope and wrap, and a search freezes the view', () => {
    let s = logsPaneReducer(INITIAL_LOGS_PANE, { type: 'scope' });
    s = logsPaneReducer(s, { type: 'wrap' });
    expect(s).toMatchObject({ scope: 'all', wrap: true });
    s = logsPaneReducer(s, { type: 'search', text: 'timeout', entries });
    expect(s).toMatchObject({ search: 'timeout', frozen: entries, match: 0 });
    s = logsPaneReducer(s, { type: 'match', delta: -1, count: 3, entries });
    expect(s.match).toBe(2);
  });
});
