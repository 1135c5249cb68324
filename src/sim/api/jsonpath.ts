// The small JSONPath subset CRD printer columns use: `.a.b.c`, `[0]`, `[*]` and filters such as
// `[?(@.type=="Ready")]`.

import { isRecord } from '../deep.js';

type Step =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'all' }
  | {
      readonly kind: 'filter';
      readonly path: readonly string[];
      readonly negate: boolean;
      readonly value: unknown;
    };

function parseLiteral(text: string): unknown {
  const t = text.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  if (t === 'true' || t === 'false') return t === 'true';
  const n = Number(t);
  return Number.isNaN(n) ? t : n;
}

export function parseJsonPath(expression: string): Step[] {
  const steps: Step[] = [];
  const text = expression
    .trim()
    .replace(/^\{(.*)\}$/, '$1')
    .replace(/^\$/, '');
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      let j = i + 1;
      while (j < text.length && text[j] !== '.' && text[j] !== '[') j++;
      const name = text.slice(i + 1, j);
      if (name !== '') steps.push(name === '*' ? { kind: 'all' } : { kind: 'field', name });
      i = j;
    } else if (c === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) throw new Error(`unclosed [ in ${expression}`);
      const inner = text.slice(i + 1, close).trim();
      i = close + 1;
      const filter = /^\?\(@((?:\.[^=!<> ]+)+)\s*(==|!=)\s*(.+)\)$/.exec(inner);
      if (filter) {
        steps.push({
          kind: 'filter',
          path: (filter[1] ?? '').slice(1).split('.'),
          negate: filter[2] === '!=',
          value: parseLiteral(filter[3] ?? ''),
        });
      } else if (inner === '*') {
        steps.push({ kind: 'all' });
      } else if (/^-?\d+$/.test(inner)) {
        steps.push({ kind: 'index', index: Number(inner) });
      } else {
        steps.push({ kind: 'field', name: inner.replace(/^['"]|['"]$/g, '') });
      }
    } else {
      throw new Error(`unsupported JSONPath ${expression}`);
    }
  }
  return steps;
}

function at(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const key of path) node = isRecord(node) ? node[key] : undefined;
  return node;
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isRecord(value)) return Object.values(value);
  return [];
}

/** Every value the path selects in `root` (empty when nothing matches). */
function applyStep(step: Step, value: unknown): unknown[] {
  switch (step.kind) {
    case 'field':
      return isRecord(value) && value[step.name] !== undefined ? [value[step.name]] : [];
    case 'index': {
      if (!Array.isArray(value)) return [];
      const item = value[step.index < 0 ? value.length + step.index : step.index];
      return item === undefined ? [] : [item];
    }
    case 'all':
      return children(value);
    case 'filter':
      return children(value).filter((item) => (at(item, step.path) === step.value) !== step.negate);
  }
}

/** Every value the path selects in `root` (empty when nothing matches). */
export function evaluateJsonPath(steps: readonly Step[], root: unknown): unknown[] {
  let values: unknown[] = [root];
  for (const step of steps) values = values.flatMap((value) => applyStep(step, value));
  return values;
}
