// Reads the upstream golden data copied into test/fixtures (test/fixtures/README.md says where each file
// came from).
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

export const GOLDEN = new URL('../fixtures/', import.meta.url);
export const FLUX_TESTDATA = 'fluxcd/flux2/cmd/flux/testdata/';

export function goldenText(path: string): string {
  return readFileSync(new URL(path, GOLDEN), 'utf8');
}

/** The Go template placeholders the flux2 tests substitute before use. */
export function substitute(text: string, values: Readonly<Record<string, string>> = {}): string {
  return text.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, key: string) => values[key] ?? 'flux-system');
}

/** Every YAML document of a golden file (placeholders substituted), as plain JSON-like values. */
export function goldenObjects(path: string, values: Readonly<Record<string, string>> = {}): unknown[] {
  return parseAllDocuments(substitute(goldenText(path), values))
    .map((d) => d.toJS() as unknown)
    .filter((o) => o !== null && o !== undefined);
}

export function kindOf(obj: unknown): string {
  return typeof obj === 'object' && obj !== null && 'kind' in obj && typeof obj.kind === 'string'
    ? obj.kind
    : '';
}
