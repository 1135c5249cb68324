// The layer boundaries of docs/architecture.md are enforced by the linter (biome.json overrides,
// style/noRestrictedImports). This proves the rules bite: probe files with a forbidden import are written
// into the real folders, linted with the project's own configuration, and removed again. (test/unit/import-graph.test.ts skips
// them while they exist.)
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIOME = path.join(ROOT, 'node_modules/.bin/biome');
const TAG = `lint-probe-${process.pid}`;

interface Probe {
  readonly file: string;
  readonly source: string;
  /** A phrase of the rule's message, or undefined when the import is allowed. */
  readonly refusal: string | undefined;
}

const PROBES: readonly Probe[] = [
  {
    file: `src/hooks/${TAG}-views.ts`,
    source: "import { Header } from '../views/header.js';\nexport const probe = Header;\n",
    refusal: 'Hooks never import views',
  },
  {
    file: `src/hooks/${TAG}-app.ts`,
    source: "import { App } from '../app.js';\nexport const probe = App;\n",
    refusal: 'Hooks never import the app',
  },
  {
    file: `src/hooks/${TAG}-root.ts`,
    source: "import { ConsoleRoot } from '../console-root.js';\nexport const probe = ConsoleRoot;\n",
    refusal: 'Hooks never import the app',
  },
  {
    file: `src/views/actions/${TAG}-kube.ts`,
    source: "import type { ClusterPort } from '../../kube/port.js';\nexport type Probe = ClusterPort;\n",
    refusal: 'Views are thin',
  },
  {
    file: `src/views/actions/${TAG}-hooks.ts`,
    source:
      "import type { ActionsApi } from '../../hooks/use-actions.js';\nexport type Probe = ActionsApi;\n",
    refusal: 'never from src/hooks',
  },
  {
    file: `src/views/${TAG}-hooks.ts`,
    source: "import type { ActionsApi } from '../hooks/use-actions.js';\nexport type Probe = ActionsApi;\n",
    refusal: 'never from src/hooks',
  },
  {
    file: `src/present/${TAG}-react.ts`,
    source: "import { useState } from 'react';\nexport const probe = useState;\n",
    refusal: 'no React',
  },
  {
    file: `src/present/${TAG}-hooks.ts`,
    source: "import { usePrompt } from '../hooks/use-prompt.js';\nexport const probe = usePrompt;\n",
    refusal: 'sits below hooks and views',
  },
  {
    file: `src/present/${TAG}-kube.ts`,
    source: "import { watchKind } from '../kube/list-watch.js';\nexport const probe = watchKind;\n",
    refusal: 'only through the port',
  },
  // Allowed imports: without these the test would pass with a rule that refuses everything.
  {
    file: `src/hooks/${TAG}-present.ts`,
    source: "import { truncate } from '../present/text.js';\nexport const probe = truncate;\n",
    refusal: undefined,
  },
  {
    file: `src/views/actions/${TAG}-present.ts`,
    source: "import type { DialogModel } from '../../present/dialog.js';\nexport type Probe = DialogModel;\n",
    refusal: undefined,
  },
  {
    file: `src/present/${TAG}-port.ts`,
    source: "import type { ClusterInfo } from '../kube/port.js';\nexport type Probe = ClusterInfo;\n",
    refusal: undefined,
  },
];

interface LintRun {
  readonly status: number | null;
  /** Each file's diagnostics, as printed (one block per diagnostic, whitespace collapsed). */
  readonly byFile: ReadonlyMap<string, string>;
}

// One run for every probe: Biome scans the project on each start, which takes seconds under load.
function lintAll(files: readonly string[]): LintRun {
  const result = spawnSync(BIOME, ['lint', '--colors=off', '--max-diagnostics=none', ...files], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const output = `${result.stdout}${result.stderr}`;
  const byFile = new Map<string, string>();
  for (const block of output.split(/\n(?=\S+:\d+:\d+ )/)) {
    const file = /^(\S+):\d+:\d+ /.exec(block.trimStart())?.[1];
    if (file) byFile.set(file, `${byFile.get(file) ?? ''} ${block.replace(/\s+/g, ' ')}`);
  }
  return { status: result.status, byFile };
}

describe('lint enforces the layer boundaries', () => {
  let run: LintRun;

  beforeAll(() => {
    try {
      for (const p of PROBES) writeFileSync(path.join(ROOT, p.file), p.source);
      run = lintAll(PROBES.map((p) => p.file));
    } finally {
      for (const p of PROBES) rmSync(path.join(ROOT, p.file), { force: true });
    }
  }, 120_000);

  it('fails the lint run', () => {
    expect(run.status).not.toBe(0);
  });

  it.each(PROBES)('$file', (probe) => {
    const diagnostics = run.byFile.get(probe.file) ?? '';
    if (probe.refusal === undefined) {
      expect(diagnostics).toBe('');
    } else {
      expect(diagnostics).toContain('lint/style/noRestrictedImports');
      expect(diagnostics).toContain(probe.refusal);
    }
  });
});
