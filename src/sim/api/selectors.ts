// Label and field selectors with the API server's grammar and semantics (k8s.io/apimachinery labels
// and fields packages): `!=` and `notin` also match objects without the label; field values are
// compared as strings with `\,` `\=` `\\` escapes.

import { isRecord } from '../deep.js';
import type { ResourceDef } from '../resources.js';
import type { SimObject } from '../types.js';
import { errors } from './status-errors.js';

export type Matcher = (object: SimObject) => boolean;

export const matchAll: Matcher = () => true;

type LabelOp = 'exists' | '!' | '=' | '!=' | 'in' | 'notin' | '>' | '<';

interface LabelRequirement {
  readonly key: string;
  readonly op: LabelOp;
  readonly values: readonly string[];
}

const NAME_CHARS = /[A-Za-z0-9._/-]/;

function tokenize(selector: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < selector.length) {
    const c = selector[i] as string;
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push(c);
      i++;
    } else if (c === '=' || c === '!' || c === '>' || c === '<') {
      const two = selector.slice(i, i + 2);
      if (two === '==' || two === '!=') {
        tokens.push(two);
        i += 2;
      } else {
        tokens.push(c);
        i++;
      }
    } else if (NAME_CHARS.test(c)) {
      let j = i;
      while (j < selector.length && NAME_CHARS.test(selector[j] as string)) j++;
      tokens.push(selector.slice(i, j));
      i = j;
    } else {
      throw errors.badRequest(`unable to parse requirement: found '${c}', expected: identifier`);
    }
  }
  return tokens;
}

const IDENTIFIER = /^[A-Za-z0-9._/-]*$/;

function parseLabelRequirements(selector: string): LabelRequirement[] {
  const tokens = tokenize(selector);
  const out: LabelRequirement[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw errors.badRequest(`unable to parse requirement: ${what}`);
  };
  const identifier = (): string => {
    const t = tokens[i];
    if (t === undefined || !IDENTIFIER.test(t) || t === '')
      return fail(`found '${t ?? ''}', expected: identifier`);
    i++;
    return t;
  };
  while (i < tokens.length) {
    if (tokens[i] === '!') {
      i++;
      out.push({ key: identifier(), op: '!', values: [] });
    } else {
      const key = identifier();
      const op = tokens[i];
      if (op === undefined || op === ',') {
        out.push({ key, op: 'exists', values: [] });
      } else if (op === '=' || op === '==' || op === '!=') {
        i++;
        const value = tokens[i] !== undefined && IDENTIFIER.test(tokens[i] as string) ? identifier() : '';
        out.push({ key, op: op === '!=' ? '!=' : '=', values: [value] });
      } else if (op === '>' || op === '<') {
        i++;
        const value = identifier();
        if (!/^-?\d+$/.test(value)) fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
        out.push({ key, op, values: [value] });
      } else if (op === 'in' || op === 'notin') {
        i++;
        if (tokens[i] !== '(') fail(`found '${tokens[i] ?? ''}', expected: '('`);
        i++;
        const values: string[] = [];
        while (tokens[i] !== ')') {
          if (tokens[i] === undefined) fail(`found '', expected: ')'`);
          if (tokens[i] === ',') {
            i++;
            continue;
          }
          values.push(identifier());
        }
        i++;
        out.push({ key, op, values });
      } else {
        fail(`found '${op}', expected: in, notin, =, ==, !=, gt, lt`);
      }
    }
    if (i < tokens.length) {
      if (tokens[i] !== ',') fail(`found '${tokens[i] ?? ''}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return out;
}

function labelsOf(object: SimObject): Record<string, unknown> {
  const labels = object.metadata.labels;
  return isRecord(labels) ? labels : {};
}

function matchesRequirement(labels: Record<string, unknown>, r: LabelRequirement): boolean {
  const has = Object.hasOwn(labels, r.key);
  const value = has ? String(labels[r.key]) : undefined;
  switch (r.op) {
    case 'exists':
      return has;
    case '!':
      return !has;
    case '=':
    case 'in':
      return value !== undefined && r.values.includes(value);
    case '!=':
    case 'notin':
      return value === undefined || !r.values.includes(value);
    case '>':
    case '<': {
      if (value === undefined || !/^-?\d+$/.test(value)) return false;
      const n = Number(value);
      const bound = Number(r.values[0]);
      return r.op === '>' ? n > bound : n < bound;
    }
  }
}

export function parseLabelSelector(selector: string | null | undefined): Matcher {
  if (!selector || selector.trim() === '') return matchAll;
  const requirements = parseLabelRequirements(selector);
  return (object) => {
    const labels = labelsOf(object);
    return requirements.every((r) => matchesRequirement(labels, r));
  };
}

// ---- field selectors ----

type FieldGetter = (object: SimObject) => unknown;

const path =
  (...keys: string[]): FieldGetter =>
  (object) => {
    let value: unknown = object;
    for (const key of keys) value = isRecord(value) ? value[key] : undefined;
    return value;
  };

const COMMON_FIELDS: Record<string, FieldGetter> = {
  'metadata.name': path('metadata', 'name'),
  'metadata.namespace': path('metadata', 'namespace'),
};

/** The extra field labels each built-in kind supports (k8s.io/kubernetes pkg/registry/*\/strategy.go). */
const FIELDS_BY_RESOURCE: Record<string, Record<string, FieldGetter>> = {
  events: {
    'involvedObject.kind': path('involvedObject', 'kind'),
    'involvedObject.namespace': path('involvedObject', 'namespace'),
    'involvedObject.name': path('involvedObject', 'name'),
    'involvedObject.uid': path('involvedObject', 'uid'),
    'involvedObject.apiVersion': path('involvedObject', 'apiVersion'),
    'involvedObject.resourceVersion': path('involvedObject', 'resourceVersion'),
    'involvedObject.fieldPath': path('involvedObject', 'fieldPath'),
    reason: path('reason'),
    reportingComponent: path('reportingComponent'),
    source: path('source', 'component'),
    type: path('type'),
  },
  pods: {
    'spec.nodeName': path('spec', 'nodeName'),
    'spec.restartPolicy': path('spec', 'restartPolicy'),
    'spec.schedulerName': path('spec', 'schedulerName'),
    'spec.serviceAccountName': path('spec', 'serviceAccountName'),
    'status.phase': path('status', 'phase'),
    'status.podIP': path('status', 'podIP'),
    'status.nominatedNodeName': path('status', 'nominatedNodeName'),
  },
  secrets: { type: path('type') },
  namespaces: { 'status.phase': path('status', 'phase') },
  'apps/replicasets': { 'status.replicas': path('status', 'replicas') },
};

function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) {
      current += c + (text[i + 1] as string);
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

const unescapeValue = (value: string): string => value.replace(/\\(.)/g, '$1');

/** Stands in for an escaped `=` while a term is split at its operator. */
const ESCAPED_EQUALS = '\uE000';

function fieldString(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

export function parseFieldSelector(selector: string | null | undefined, def: ResourceDef): Matcher {
  if (!selector || selector.trim() === '') return matchAll;
  const fields = { ...COMMON_FIELDS, ...(FIELDS_BY_RESOURCE[def.id] ?? {}) };
  const terms = splitUnescaped(selector, ',').map((term) => {
    const match = /^(.*?)(==|!=|=)(.*)$/s.exec(term.replaceAll('\\=', ESCAPED_EQUALS));
    if (!match) throw errors.badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const field = (match[1] ?? '').trim();
    const value = unescapeValue((match[3] ?? '').replaceAll(ESCAPED_EQUALS, '\\='));
    const getter = fields[field];
    if (!getter) {
      throw errors.badRequest(
        def.custom
          ? `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`
          : `field label not supported: ${field}`,
      );
    }
    return { getter, negate: match[2] === '!=', value };
  });
  return (object) => terms.every((t) => (fieldString(t.getter(object)) === t.value) !== t.negate);
}

export function both(a: Matcher, b: Matcher): Matcher {
  if (a === matchAll) return b;
  if (b === matchAll) return a;
  return (object) => a(object) && b(object);
}
