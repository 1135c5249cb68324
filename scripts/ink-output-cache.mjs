// Ink's frame cost, patched at bundle time. Every frame Ink builds a new `Output` with empty caches, so it
// re-tokenises every line on screen (grapheme segmentation plus ANSI parsing, and a Unicode-property regex
// built per character) although almost all of them are the same strings as in the frame before; it also
// re-sanitises every text node's string and allocates a fresh object for each of the screen's empty cells.
// Under churn that was ~20% of the console's CPU (`--cpu-prof`, 10,000 objects, 200 changes and 2,000 log
// lines a second). The patch shares the caches between frames, bounds each to two generations (a string
// still on screen is carried into the new generation, the rest are dropped with the old one), caches the
// sanitised text the same way, builds the regex once and uses one empty cell. Every cached value is a pure
// function of its string, and Ink replaces cells and characters, never changes them.
// It also caches, the same way, each write's lines and each clipped cut of a line, and draws each row of a
// frame from the writes that land on it: a row whose writes repeat a row drawn before (most rows, frame to
// frame) is that row's text again, its 160 cells never built.
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

/** Ink 8.0.0's Output.get, replaced whole by ROW_CACHED_GET. */
const INK_GET = `    get() {
        // Initialize output array with a specific set of rows, so that margin/padding at the bottom is preserved
        const output = [];
        for (let y = 0; y < this.height; y++) {
            const row = [];
            for (let x = 0; x < this.width; x++) {
                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });
            }
            output.push(row);
        }
        const clips = [];
        for (const operation of this.operations) {
            if (operation.type === 'clip') {
                // Nested clips must intersect, not replace, otherwise an inner \`overflow="hidden"\` box lets content escape the outer clip and overwrite surrounding UI.
                clips.push(intersectClips(clips.at(-1), operation.clip));
            }
            else if (operation.type === 'unclip') {
                clips.pop();
            }
            else {
                this.applyWriteOperation(output, operation, clips.at(-1));
            }
        }
        const generatedOutput = output
            .map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();
        })
            .join('\\n');
        return {
            output: generatedOutput,
            height: output.length,
        };
    }`;

/**
 * Output.get drawing each row from the writes that land on it, a row repeating one drawn before taken from
 * the cache: under churn most rows of a frame are the frame before's, and building a row's 160 cells and
 * its styled text was the largest share of a frame's garbage. Its parts are Ink's own code, regrouped.
 */
const ROW_CACHED_GET = `    get() {
        // Each write's lines go to the rows they land on (clipped and transformed as Ink does), in order;
        // a row whose writes are those of a row drawn before is that row's text again, without building its
        // cells. Writes to different rows never meet, so grouping by row keeps Ink's result.
        const rows = [];
        for (let y = 0; y < this.height; y++) {
            rows.push([]);
        }
        const clips = [];
        for (const operation of this.operations) {
            if (operation.type === 'clip') {
                clips.push(intersectClips(clips.at(-1), operation.clip));
            }
            else if (operation.type === 'unclip') {
                clips.pop();
            }
            else {
                this.fluxdeckPlace(rows, operation, clips.at(-1));
            }
        }
        const lines = [];
        for (const writes of rows) {
            let key = \`\${this.width}\`;
            for (let i = 0; i < writes.length; i += 2) {
                key += \`\\u0001\${writes[i]}\\u0002\${writes[i + 1].length}\\u0002\${writes[i + 1]}\`;
            }
            let text = fluxdeckRows.get(key);
            if (text === undefined) {
                text = this.fluxdeckRow(writes);
                fluxdeckRows.set(key, text);
            }
            lines.push(text);
        }
        return {
            output: lines.join('\\n'),
            height: rows.length,
        };
    }
    fluxdeckPlace(rows, operation, clip) {
        const { text, transformers } = operation;
        let { x, y } = operation;
        let lines = this.caches.getLines(text);
        if (clip) {
            if (isClipEmpty(clip)) {
                return;
            }
            const shouldClipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
            const shouldClipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
            if (shouldClipHorizontally) {
                const width = this.caches.getWidestLine(text);
                if (x + width < clip.x1 || x > clip.x2) {
                    return;
                }
            }
            if (shouldClipVertically) {
                const height = lines.length;
                if (y + height < clip.y1 || y > clip.y2) {
                    return;
                }
            }
            if (shouldClipHorizontally) {
                lines = lines.map(line => {
                    const from = x < clip.x1 ? clip.x1 - x : 0;
                    const width = this.caches.getStringWidth(line);
                    const to = x + width > clip.x2 ? clip.x2 - x : width;
                    return this.sliceLineToColumns(line, from, to);
                });
                if (x < clip.x1) {
                    x = clip.x1;
                }
            }
            if (shouldClipVertically) {
                const from = y < clip.y1 ? clip.y1 - y : 0;
                const height = lines.length;
                const to = y + height > clip.y2 ? clip.y2 - y : height;
                lines = lines.slice(from, to);
                if (y < clip.y1) {
                    y = clip.y1;
                }
            }
        }
        for (let [index, line] of lines.entries()) {
            const writes = rows[y + index];
            if (!writes) {
                continue;
            }
            for (const transformer of transformers) {
                line = transformer(line, index + y - operation.y);
            }
            writes.push(x, line);
        }
    }
    fluxdeckRow(writes) {
        const currentLine = [];
        for (let x = 0; x < this.width; x++) {
            currentLine.push(FLUXDECK_BLANK_CELL);
        }
        for (let i = 0; i < writes.length; i += 2) {
            const x = writes[i];
            const characters = this.caches.getStyledChars(writes[i + 1]);
            if (characters.length === 0) {
                continue;
            }
            let offsetX = x;
            if (currentLine[offsetX]?.value === '' &&
                offsetX > 0 &&
                this.caches.getStringWidth(currentLine[offsetX - 1]?.value ?? '') > 1) {
                currentLine[offsetX - 1] = blankCell(currentLine[offsetX - 1]);
            }
            for (const character of characters) {
                currentLine[offsetX] = character;
                const characterWidth = Math.max(1, this.caches.getStringWidth(character.value));
                if (characterWidth > 1) {
                    for (let offset = 1; offset < characterWidth; offset++) {
                        currentLine[offsetX + offset] = {
                            type: 'char',
                            value: offsetX < 0 ? ' ' : '',
                            fullWidth: false,
                            styles: character.styles,
                        };
                    }
                }
                offsetX += characterWidth;
            }
            if (currentLine[offsetX]?.value === '') {
                currentLine[offsetX] = blankCell(currentLine[offsetX]);
            }
        }
        const lineWithoutEmptyItems = currentLine.filter(item => item !== undefined);
        return styledCharsToString(lineWithoutEmptyItems).trimEnd();
    }`;

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
const fluxdeckRows = new FluxdeckGenerations(${ENTRIES}, () => 1);
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
      // A line cut to columns: a pure function of its strings, worked out again for every frame. (A
      // write's lines come from getLines, below, in ROW_CACHED_GET's fluxdeckPlace; Ink's own
      // applyWriteOperation is left as it is, and get no longer calls it.)
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
      // Rows whose writes repeat a row drawn before are that row's text again (ROW_CACHED_GET).
      [INK_GET, ROW_CACHED_GET],
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
    // Its segmenter and emoji pattern are made on first use, not when the module loads: 8–13 ms and 10–20
    // ms of every start (ICU's break data; compiling \p{RGI_Emoji}), which `fluxdeck status` never needs
    // and a console whose lines take the fast paths does not either.
    replacements: [
      [
        'if (/^[\\u0020-\\u007E]*$/.test(string)) {',
        'if (/^[\\u0020-\\u007E]*$/.test(string) || (ambiguousIsNarrow && FLUXDECK_ONE_CELL.test(string))) {',
      ],
      ['const segmenter = new Intl.Segmenter();', 'let fluxdeckSegmenter;'],
      [
        'for (const {segment} of segmenter.segment(string)) {',
        'for (const {segment} of (fluxdeckSegmenter ??= new Intl.Segmenter()).segment(string)) {',
      ],
      ['const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', 'let fluxdeckRgiEmoji;'],
      [
        'if (rgiEmojiRegex.test(segment) ||',
        "if ((fluxdeckRgiEmoji ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v')).test(segment) ||",
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
    // A function, so `$'` and `$&` in the replacement are text, not replacement patterns.
    patched = patched.replace(from, () => to);
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
