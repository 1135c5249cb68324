import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error the build script is plain JavaScript
import { inkOutputCache, ONE_CELL_EXTRAS, patchInk } from '../../scripts/ink-output-cache.mjs';
import { ONE_CELL_EXTRAS as WIDTH_EXTRAS } from '../../src/flux/width.js';

interface InkOutput {
  write(x: number, y: number, text: string, options: { transformers: unknown[] }): void;
  clip(clip: { x1?: number; x2?: number; y1?: number; y2?: number }): void;
  unclip(): void;
  get(): { output: string; height: number };
  caches: { styledChars: Generations<readonly unknown[]>; widths: Generations<number> };
}
interface Generations<V> {
  now: Map<string, V>;
  old: Map<string, V>;
}
type OutputClass = new (options: { width: number; height: number }) => InkOutput;

interface TextNode {
  nodeName: string;
  nodeValue?: string;
  childNodes?: TextNode[];
}
type Squash = (node: TextNode) => string;

// Ink's package exports only its index; its modules are reached by path, as esbuild does for the bundle.
const inkBuild = dirname(createRequire(import.meta.url).resolve('ink'));
const inkOutputPath = join(inkBuild, 'output.js');
const scratch = mkdtempSync(join(tmpdir(), 'ink-output-'));

/** `entry` bundled as the build bundles it (patched or not), written out and imported: its default export and text. */
async function bundled<T>(
  entry: string,
  name: string,
  patched: boolean,
): Promise<{ value: T; text: string }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    plugins: patched ? [inkOutputCache] : [],
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]?.text ?? '';
  const file = join(scratch, `${patched ? 'patched' : 'plain'}-${name}`.replace(/\.js$/, '.mjs'));
  writeFileSync(file, text);
  return { value: ((await import(pathToFileURL(file).href)) as { default: T }).default, text };
}

async function bundleInk<T>(file: string, patched: boolean): Promise<T> {
  return (await bundled<T>(join(inkBuild, file), file, patched)).value;
}

let Plain: OutputClass;
let Patched: OutputClass;
let plainSquash: Squash;
let patchedSquash: Squash;
beforeAll(async () => {
  [Plain, Patched, plainSquash, patchedSquash] = await Promise.all([
    bundleInk<OutputClass>('output.js', false),
    bundleInk<OutputClass>('output.js', true),
    bundleInk<Squash>('squash-text-nodes.js', false),
    bundleInk<Squash>('squash-text-nodes.js', true),
  ]);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** One frame: styled, wide, invisible and clipped text, the way Ink writes a screen. */
function frame(Output: OutputClass, rows: readonly string[]): string {
  const output = new Output({ width: 24, height: rows.length + 2 });
  rows.forEach((row, y) => {
    output.write(0, y, row, { transformers: [] });
  });
  output.clip({ x1: 2, x2: 10 });
  output.write(0, rows.length, '\u001b[1mclipped 漢字 text\u001b[22m', { transformers: [] });
  output.unclip();
  output.write(3, rows.length + 1, 'a\u200bb\nc', { transformers: [] });
  return output.get().output;
}

describe('Ink output caches shared between frames (build plugin)', () => {
  it('applies to the installed Ink and fails loudly when its source changes', () => {
    const source = readFileSync(inkOutputPath, 'utf8');
    expect(patchInk('output.js', source)).toContain('caches = fluxdeckSharedCaches;');
    expect(() => patchInk('output.js', source.replace('caches = new OutputCaches();', ''))).toThrow(
      /ink\/build\/output\.js changed/,
    );
    const squash = readFileSync(join(inkBuild, 'squash-text-nodes.js'), 'utf8');
    expect(patchInk('squash-text-nodes.js', squash)).toContain('text = fluxdeckSanitizeAnsi(text);');
    expect(() => patchInk('squash-text-nodes.js', squash.replace('sanitizeAnsi(text', '(text'))).toThrow(
      /squash-text-nodes\.js changed/,
    );
  });

  it('sanitises text nodes exactly as Ink does, also when the text comes again', () => {
    const node = (text: string): TextNode => ({
      nodeName: 'ink-text',
      childNodes: [{ nodeName: '#text', nodeValue: text }],
    });
    for (const text of [
      'plain',
      'a\u001b[2Jb\r\nc',
      '\u001b[38:5:196mred\u001b[39m',
      'bell\u0007 tab\tend',
    ]) {
      const expected = plainSquash(node(text));
      expect(patchedSquash(node(text))).toBe(expected);
      expect(patchedSquash(node(text))).toBe(expected);
    }
    // Not an identity compared with itself: the cursor movement and the bell are gone.
    expect(patchedSquash(node('a\u001b[2Jb\r\nc'))).toBe('ab\nc');
  });

  it('draws every frame exactly as Ink does, including frames that reuse the cached lines', () => {
    const first = ['\u001b[32mReady\u001b[39m  podinfo', 'wide 漢字 row', 'plain row'];
    const second = ['\u001b[31mFailed\u001b[39m podinfo', 'wide 漢字 row', 'plain row'];
    for (const rows of [first, second, first]) {
      expect(frame(Patched, rows)).toBe(frame(Plain, rows));
    }
    // Not two empty screens compared: the rows, the clipped text and the wide characters are there.
    expect(frame(Patched, first)).toMatch(/Ready.*podinfo[\s\S]*漢字 row[\s\S]*ipped/);
  });

  it('keeps what it learnt from one frame for the next, and no more than two generations', () => {
    frame(Patched, ['kept between frames']);
    const kept = new Patched({ width: 24, height: 1 }).caches;
    expect(kept).toBe(new Patched({ width: 24, height: 1 }).caches);
    expect(new Plain({ width: 24, height: 1 }).caches).not.toBe(new Plain({ width: 24, height: 1 }).caches);
    for (let i = 0; i < 10_000; i++) frame(Patched, [`log line ${i}`]);
    // Bounded by the characters it holds (two generations of 16,384 and the entry that tipped the last
    // one over), not by the count of lines, whose lengths vary.
    const characters = [...kept.styledChars.now.values(), ...kept.styledChars.old.values()].reduce(
      (sum, chars) => sum + chars.length,
      0,
    );
    expect(characters).toBeGreaterThan(16_384);
    expect(characters).toBeLessThanOrEqual(2 * 16_384 + 30);
    expect(kept.widths.now.size + kept.widths.old.size).toBeLessThanOrEqual(2 * 4096);
    expect(frame(Patched, ['log line 9999'])).toBe(frame(Plain, ['log line 9999']));
  });

  it('draws random frames exactly as Ink does, again and again as rows repeat (the row cache)', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
    const pieces = [
      'ok',
      'Ready',
      ' ',
      '漢字',
      '·',
      '—',
      'é',
      'e\u0301',
      '\u001b[31mred\u001b[39m',
      '\u001b[1mb\u001b[22m',
      '👍',
      '\n',
      'podinfo-frontend',
    ];
    const text = () => Array.from({ length: 1 + Math.floor(next() * 6) }, () => pick(pieces)).join('');
    const upper = (line: string) => line.toUpperCase();
    type Op =
      | { kind: 'write'; x: number; y: number; text: string; upper: boolean }
      | { kind: 'clip'; clip: { x1?: number; x2?: number; y1?: number; y2?: number } }
      | { kind: 'unclip' };
    const draw = (Output: OutputClass, width: number, height: number, ops: readonly Op[]) => {
      const output = new Output({ width, height });
      for (const op of ops) {
        if (op.kind === 'clip') output.clip(op.clip);
        else if (op.kind === 'unclip') output.unclip();
        else output.write(op.x, op.y, op.text, { transformers: op.upper ? [upper] : [] });
      }
      return output.get();
    };
    for (let screen = 0; screen < 60; screen++) {
      const width = 8 + Math.floor(next() * 20);
      const height = 2 + Math.floor(next() * 6);
      let ops: Op[] = [];
      for (let n = 0; n < 12; n++) {
        const r = next();
        if (r < 0.15)
          ops.push({
            kind: 'clip',
            clip: {
              x1: Math.floor(next() * 6),
              x2: 4 + Math.floor(next() * width),
              y1: Math.floor(next() * 2),
              y2: 1 + Math.floor(next() * height),
            },
          });
        else if (r < 0.25) ops.push({ kind: 'unclip' });
        else
          ops.push({
            kind: 'write',
            x: Math.floor(next() * width) - 2,
            y: Math.floor(next() * (height + 2)) - 1,
            text: text(),
            upper: next() < 0.1,
          });
      }
      // The same screen a few times, one write changed each time: most rows repeat, some do not.
      for (let frame = 0; frame < 4; frame++) {
        expect(draw(Patched, width, height, ops), `screen ${screen} frame ${frame}`).toEqual(
          draw(Plain, width, height, ops),
        );
        const i = Math.floor(next() * ops.length);
        const op = ops[i];
        if (op?.kind === 'write') ops = ops.map((o, k) => (k === i ? { ...op, text: text() } : o));
      }
    }
  });

  it('draws frames with clipped, cut lines the same when their cuts come from the cache', () => {
    const clipped = (Output: OutputClass, text: string) => {
      const output = new Output({ width: 30, height: 2 });
      output.clip({ x1: 3, x2: 12 });
      output.write(1, 0, text, { transformers: [] });
      output.write(0, 1, `${text}\nsecond ${text}`, { transformers: [] });
      output.unclip();
      return output.get().output;
    };
    for (const text of [
      '\u001b[1mbold 漢字 cut\u001b[22m',
      'plain · text — cut…',
      '\u001b[1mbold 漢字 cut\u001b[22m',
    ])
      expect(clipped(Patched, text)).toBe(clipped(Plain, text));
    expect(clipped(Patched, 'plain · text — cut…')).toMatch(/ain · te/);
  });
});

describe("string-width's fast path for the console's one-cell characters (build plugin)", () => {
  const widthPath = createRequire(import.meta.url).resolve('string-width');
  let plainWidth: (text: string, options?: { ambiguousIsNarrow?: boolean }) => number;
  let patchedWidth: typeof plainWidth;
  let patchedText = '';
  beforeAll(async () => {
    const bundle = async (patched: boolean) => {
      const { value, text } = await bundled<typeof plainWidth>(widthPath, 'string-width.js', patched);
      if (patched) patchedText = text;
      return value;
    };
    [plainWidth, patchedWidth] = await Promise.all([bundle(false), bundle(true)]);
  });

  it("takes the same characters as src/flux/width.ts, and fails loudly when string-width's source changes", () => {
    expect(ONE_CELL_EXTRAS).toBe(WIDTH_EXTRAS);
    const source = readFileSync(widthPath, 'utf8');
    expect(patchInk('string-width/index.js', source)).toContain('FLUXDECK_ONE_CELL.test(string)');
    expect(() =>
      patchInk('string-width/index.js', source.replace('if (/^[\\u0020-\\u007E]*$/.test(string)) {', '')),
    ).toThrow(/string-width\/index\.js changed/);
  });

  it('measures exactly as string-width does, ambiguous characters wide when asked', () => {
    const texts = [
      'Reconciliation failed · revision main@sha1:abc — retrying…',
      'rows 1–48 ≥12m ✓ ✗ ● ▲ ▼ “q” ‘x’ 10×20 30° ← ↑ → ↓ ≤',
      '├── Deployment/apps/api',
      '日本語 · x',
      'cafe\u0301 · done',
      '✓\ufe0f check',
      '\u001b[31m· red —\u001b[39m',
    ];
    for (const text of texts) {
      expect(patchedWidth(text), text).toBe(plainWidth(text));
      expect(patchedWidth(text, { ambiguousIsNarrow: false }), text).toBe(
        plainWidth(text, { ambiguousIsNarrow: false }),
      );
    }
    // Not a comparison of two unpatched copies: the patched one has the extra fast path.
    expect(patchedText).toContain('FLUXDECK_ONE_CELL.test(string)');
  });
});
