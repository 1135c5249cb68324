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
/** src/flux/width.ts's ONE_CELL_EXTRAS (the build script cannot import TypeScript; a test keeps them equal). */
export const ONE_CELL_EXTRAS = '·×°–—‘’“”•…←↑→↓≤≥✓✗▲▼●';
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
const fluxdeckLines = new FluxdeckGenerations(${ENTRIES}, () => 1);
const fluxdeckSlices = new FluxdeckGenerations(${ENTRIES}, () => 1);
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
      // A write's text as lines of normalised styled text, and a line cut to columns: pure functions of
      // their strings, worked out again for every text of every frame (a third of a frame's garbage).
      [
        `        const characterLines = [[]];
        for (const character of this.caches.getStyledChars(text)) {
            if (character.value === '\\n') {
                characterLines.push([]);
            }
            else {
                characterLines.at(-1).push(character);
            }
        }
        let lines = characterLines.map(line => styledCharsToString(line));`,
        '        let lines = this.caches.getLines(text);',
      ],
      [
        `    sliceLineToColumns(line, from, to) {
        if (from >= to) {
            return '';
        }`,
        `    sliceLineToColumns(line, from, to) {
        if (from >= to) {
            return '';
        }
        const fluxdeckKey = \`\${from},\${to},\${line}\`;
        const fluxdeckCut = fluxdeckSlices.get(fluxdeckKey);
        if (fluxdeckCut !== undefined) {
            return fluxdeckCut;
        }
        const fluxdeckResult = this.fluxdeckSlice(line, from, to);
        fluxdeckSlices.set(fluxdeckKey, fluxdeckResult);
        return fluxdeckResult;
    }
    fluxdeckSlice(line, from, to) {`,
      ],
      [
        `    getStringWidth(text) {`,
        `    getLines(text) {
        let cached = fluxdeckLines.get(text);
        if (cached === undefined) {
            const characterLines = [[]];
            for (const character of this.getStyledChars(text)) {
                if (character.value === '\\n') {
                    characterLines.push([]);
                }
                else {
                    characterLines.at(-1).push(character);
                }
            }
            // Frozen: a cached value is shared by every frame that writes the same text.
            cached = Object.freeze(characterLines.map(line => styledCharsToString(line)));
            fluxdeckLines.set(text, cached);
        }
        return cached;
    }
    getStringWidth(text) {`,
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
  {
    // What Ink measures every line it draws with. Its fast path is printable ASCII only, so one `·`, `—` or
    // `…` sends a line through the grapheme segmenter, an object per character (~15% of a churning
    // console's garbage). The characters src/flux/width.ts counts as one cell (ONE_CELL_EXTRAS, checked
    // equal by test/unit/ink-output-cache.test.ts) take the fast path too — when ambiguous characters are
    // narrow, as Ink asks for them.
    file: 'string-width/index.js',
    filter: /[\\/]string-width[\\/]index\.js$/,
    before: `const FLUXDECK_ONE_CELL = /^[\\u0020-\\u007E\\u2500-\\u257F${ONE_CELL_EXTRAS}]*$/;`,
    replacements: [
      [
        'if (/^[\\u0020-\\u007E]*$/.test(string)) {',
        'if (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && FLUXDECK_ONE_CELL.test(string))) {',
      ],
    ],
    after: '',
  },
];

/** The patched text of `file` (Ink's output.js or squash-text-nodes.js, string-width's index.js); throws when its source changed. */
export function patchInk(file, source) {
  const patch = PATCHES.find((p) => p.file === file);
  if (!patch) throw new Error(`no patch for ${file}`);
  let patched = source;
  for (const [from, to] of patch.replacements) {
    if (patched.split(from).length !== 2) {
      throw new Error(
        `${file.startsWith('string-width') ? '' : 'ink/build/'}${file} changed: expected exactly one "${from}"; review scripts/ink-output-cache.mjs`,
      );
    }
    patched = patched.replace(from, to);
  }
  return `${patch.before}\n${patched}\n${patch.after}\n`;
}

/** Which patched file `path` is (Ink's `output.js`, `squash-text-nodes.js`, string-width's `index.js`), else undefined. */
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
