// A clone with nothing beside it must build, test and read as a whole: no tracked file may point at
// reference material that lives only next to the repository on the authors' machines. What the code
// relies on is written down under docs/, and upstream test data is copied into test/fixtures/.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `.ci/run` may look beside the repository for optional test assets (a real API server) and hand them on
 * through an environment variable; the lock file records registry URLs, not our files.
 */
const ALLOWED = new Set(['.ci/run', 'package-lock.json']);

// Built from pieces so that this file does not match its own patterns.
const OUTSIDE_DOCUMENTS = ['FACTS', 'DESIGN', 'RUNBOOK', 'STYLE'].map((name) => `${name}.md`);
const SIBLING_FOLDER = ['..', 'shared'].join('/');
const ABSOLUTE_WORK = ['', 'work', ''].join('/');

const OUTSIDE = new RegExp(
  [
    `${escapeRegExp(SIBLING_FOLDER)}(?![\\w-])`,
    escapeRegExp(ABSOLUTE_WORK),
    ...OUTSIDE_DOCUMENTS.map((d) => `\\b${escapeRegExp(d)}`),
  ].join('|'),
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const SKIPPED_FOLDERS = new Set([
  '.git',
  'node_modules',
  'dist',
  'test-results',
  'coverage',
  '.fluxdeck-tmp',
]);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : walk(join(dir, entry.name));
    return entry.isFile() ? [relative(ROOT, join(dir, entry.name)).split('\\').join('/')] : [];
  });
}

/** The tracked files (`git ls-files`); without git (an unpacked archive), every file outside build output. */
function repositoryFiles(): string[] {
  try {
    const out = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    return out.split('\0').filter((f) => f !== '');
  } catch {
    return walk(ROOT);
  }
}

/** `file:line: text` for every line that refers outside the repository. */
function outsideReferences(files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (ALLOWED.has(file)) continue;
    let text: string;
    try {
      text = readFileSync(join(ROOT, file), 'utf8');
    } catch {
      continue; // deleted in the work tree but not yet in the index
    }
    text.split('\n').forEach((line, i) => {
      if (OUTSIDE.test(line)) found.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
    });
  }
  return found;
}

describe('the repository stands on its own', () => {
  it('finds the files it checks', () => {
    const files = repositoryFiles();
    expect(files).toContain('package.json');
    expect(files).toContain('src/flux/status.ts');
  });

  it('has no file that refers to documents or folders outside the repository', () => {
    expect(outsideReferences(repositoryFiles())).toEqual([]);
  });

  it('recognises each kind of outside reference, and not look-alikes', () => {
    const hits = (line: string) => OUTSIDE.test(line);
    for (const document of OUTSIDE_DOCUMENTS) expect(hits(`// see ${document} §3`)).toBe(true);
    expect(hits(`new URL('${SIBLING_FOLDER}/flux/golden/', import.meta.url)`)).toBe(true);
    expect(hits(`const dir = '${ABSOLUTE_WORK}shared';`)).toBe(true);
    expect(hits("import { SharedDiscovery } from './shared-discovery.js';")).toBe(false);
    expect(hits(`import { x } from '${SIBLING_FOLDER}-discovery.js';`)).toBe(false);
    expect(hits('// see docs/status.md')).toBe(false);
    expect(hits('// reads the runbook (docs/runbook.md)')).toBe(false);
  });
});
