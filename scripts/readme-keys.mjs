// Regenerates the key tables of README.md and docs/keys.md from the key table (src/keymap.ts), so none of
// them can drift. Run after `npm run build`: node scripts/readme-keys.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { keymapMarkdown } from '../dist/keymap.js';

const START = '<!-- keys:start -->';
const END = '<!-- keys:end -->';
for (const file of ['README.md', 'docs/keys.md']) {
  const text = readFileSync(file, 'utf8');
  const before = text.slice(0, text.indexOf(START) + START.length);
  const after = text.slice(text.indexOf(END));
  writeFileSync(file, `${before}\n${keymapMarkdown()}${after}`);
}
