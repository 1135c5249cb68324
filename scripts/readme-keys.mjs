// Regenerates the Keys section of README.md from the key table (src/keymap.ts), so the two cannot drift.
// Run after `npm run build`: node scripts/readme-keys.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { keymapMarkdown } from '../dist/keymap.js';

const START = '<!-- keys:start -->';
const END = '<!-- keys:end -->';
const readme = readFileSync('README.md', 'utf8');
const before = readme.slice(0, readme.indexOf(START) + START.length);
const after = readme.slice(readme.indexOf(END));
writeFileSync('README.md', `${before}\n${keymapMarkdown()}${after}`);
