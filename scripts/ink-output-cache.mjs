// Ink's frame cost, patched at bundle time. Every frame Ink builds a new `Output` with empty caches, so it
// re-tokenises every line on screen (grapheme segmentation plus ANSI parsing, and a Unicode-property regex
// built per character) although almost all of them are the same strings as in the frame before. Under
// churn that was ~20% of the console's CPU (`--cpu-prof`, 10,000 objects, 200 changes and 2,000 log lines
// a second). The patch shares one set of caches between frames, bounds each to two generations (a line
// still on screen is carried into the new generation, the rest are dropped with the old one), and builds
// the regex once. The cached values are pure functions of the string and Ink never mutates them.
// Vitest and the component tests run Ink unpatched; the end-to-end tests and the bench run the bundle.

export const INK_OUTPUT = /[\\/]ink[\\/]build[\\/]output\.js$/;
// A frame of 160×48 cells writes ~10,000 styled characters (lines are tokenised whole, then per row
// after clipping); ~100 bytes each, so two generations of CHARACTERS hold the last frame or two in ~3 MB.
const CHARACTERS = 16_384;
const ENTRIES = 4096;

const GENERATIONS = `
class FluxdeckGenerations {
    constructor(limit, weigh) { this.limit = limit; this.weigh = weigh; this.weight = 0; this.now = new Map(); this.old = new Map(); }
    get size() { return this.now.size + this.old.size; }
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
const FLUXDECK_DEFAULT_IGNORABLE = /^\\p{Default_Ignorable_Code_Point}+$/u;
`;

const REPLACEMENTS = [
  // The class body's three caches.
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
  // One set of caches for every frame's Output (defined below the classes, used only when Ink renders).
  ['caches = new OutputCaches();', 'caches = fluxdeckSharedCaches;'],
];

/** Ink's build/output.js with shared, bounded caches; throws when Ink's source no longer matches. */
export function patchInkOutput(source) {
  let patched = source;
  for (const [from, to] of REPLACEMENTS) {
    if (patched.split(from).length !== 2) {
      throw new Error(
        `ink/build/output.js changed: expected exactly one "${from}"; review scripts/ink-output-cache.mjs`,
      );
    }
    patched = patched.replace(from, to);
  }
  return `${GENERATIONS}\n${patched}\nconst fluxdeckSharedCaches = new OutputCaches();\n`;
}

/** The esbuild plugin that applies patchInkOutput. */
export const inkOutputCache = {
  name: 'ink-output-cache',
  setup(build) {
    build.onLoad({ filter: INK_OUTPUT }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      return { contents: patchInkOutput(await readFile(args.path, 'utf8')), loader: 'js' };
    });
  },
};
