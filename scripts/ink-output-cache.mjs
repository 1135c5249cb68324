// Ink's frame cost, patched at bundle time. Every frame Ink builds a new `Output` with empty caches, so it
// re-tokenises every line on screen (grapheme segmentation plus ANSI parsing, and a Unicode-property regex
// built per character) although almost all of them are the same strings as in the frame before; it also
// re-sanitises every text node's string and allocates a fresh object for each of the screen's empty cells.
// Under churn that was ~20% of the console's CPU (`--cpu-prof`, 10,000 objects, 200 changes and 2,000 log
// lines a second). The patch shares the caches between frames, bounds each to two generations (a string
// still on screen is carried into the new generation, the rest are dropped with the old one), caches the
// sanitised text the same way, builds the regex once and uses one empty cell. Every cached value is a pure
// function of its string, and Ink replaces cells and characters, never changes them.
// The bundle (scripts/build.mjs) applies it through the esbuild plugin below; Vitest applies the same
// patch to Ink's files as Node loads them (test/support/patched-ink.ts, a module load hook), so the
// component tests draw with the Ink the console ships. It is written for exactly the Ink version pinned in
// package.json; patchInk throws when Ink's source no longer matches.
import { readFile } from 'node:fs/promises';

// A frame of 160×48 cells writes ~10,000 styled characters (lines are tokenised whole, then per row
// after clipping); ~100 bytes each, so two generations of CHARACTERS hold the last frame or two in ~3 MB.
const CHARACTERS = 16_384;
const ENTRIES = 4096;

const GENERATIONS = `
class FluxdeckGenerations {
    constructor(limit, weigh) { this.limit = limit; this.weigh = weigh; this.weight = 0; this.now = new Map(); this.old = new Map(); }
    get(key) {
        let value = this.now.get(key);
        if (value === undefined) {
            value = this.old.get(key);
            if (value !== undefined) this.set(key, value);
        }
        return value;
    }
    set(key, value) {
        if (this.weight >= this.limit) { this.old = this.now; this.now = new Map(); this.weight = 0; }
        this.now.set(key, value);
        this.weight += this.weigh(value);
        return this;
    }
}
`;

/** What to change in one of Ink's files: code put before and after it, and exact one-time replacements. */
const PATCHES = [
  {
    file: 'output.js',
    filter: /[\\/]ink[\\/]build[\\/]output\.js$/,
    before: `${GENERATIONS}
const FLUXDECK_DEFAULT_IGNORABLE = /^\\p{Default_Ignorable_Code_Point}+$/u;
const FLUXDECK_BLANK_CELL = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
`,
    replacements: [
      ['widths = new Map();', `widths = new FluxdeckGenerations(${ENTRIES}, () => 1);`],
      ['blockWidths = new Map();', `blockWidths = new FluxdeckGenerations(${ENTRIES}, () => 1);`],
      [
        'styledChars = new Map();',
        `styledChars = new FluxdeckGenerations(${CHARACTERS}, (chars) => chars.length + 1);`,
      ],
      [
        '.filter(character => !/^\\p{Default_Ignorable_Code_Point}+$/u.test(character.value))',
        '.filter(character => !FLUXDECK_DEFAULT_IGNORABLE.test(character.value))',
      ],
      // One set of caches for every frame's Output (defined after the classes, used only when Ink renders).
      ['caches = new OutputCaches();', 'caches = fluxdeckSharedCaches;'],
      [
        `row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`,
        'row.push(FLUXDECK_BLANK_CELL);',
      ],
    ],
    after: 'const fluxdeckSharedCaches = new OutputCaches();',
  },
  {
    file: 'squash-text-nodes.js',
    filter: /[\\/]ink[\\/]build[\\/]squash-text-nodes\.js$/,
    before: `${GENERATIONS}
const fluxdeckSanitized = new FluxdeckGenerations(${ENTRIES}, () => 1);
const fluxdeckSanitizeAnsi = (text) => {
    let clean = fluxdeckSanitized.get(text);
    if (clean === undefined) {
        clean = sanitizeAnsi(text.replaceAll('\\r\\n', '\\n'));
        fluxdeckSanitized.set(text, clean);
    }
    return clean;
};
`,
    replacements: [
      ["text = sanitizeAnsi(text.replaceAll('\\r\\n', '\\n'));", 'text = fluxdeckSanitizeAnsi(text);'],
    ],
    after: '',
  },
];

/** The patched text of Ink's `file` (output.js or squash-text-nodes.js); throws when Ink's source changed. */
export function patchInk(file, source) {
  const patch = PATCHES.find((p) => p.file === file);
  if (!patch) throw new Error(`no patch for ink/build/${file}`);
  let patched = source;
  for (const [from, to] of patch.replacements) {
    if (patched.split(from).length !== 2) {
      throw new Error(
        `ink/build/${file} changed: expected exactly one "${from}"; review scripts/ink-output-cache.mjs`,
      );
    }
    patched = patched.replace(from, to);
  }
  return `${patch.before}\n${patched}\n${patch.after}\n`;
}

/** Which of Ink's files `path` is when it has a patch (`output.js`, `squash-text-nodes.js`), else undefined. */
export function inkFileToPatch(path) {
  return PATCHES.find((p) => p.filter.test(path))?.file;
}

/** The esbuild plugin that applies the patches. */
export const inkOutputCache = {
  name: 'ink-output-cache',
  setup(build) {
    for (const patch of PATCHES) {
      build.onLoad({ filter: patch.filter }, async (args) => {
        return { contents: patchInk(patch.file, await readFile(args.path, 'utf8')), loader: 'js' };
      });
    }
  },
};
