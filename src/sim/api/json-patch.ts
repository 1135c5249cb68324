// JSON patch (RFC 6902) with JSON pointers (RFC 6901). Errors are split as the API server splits them:
// a malformed patch document is the client's syntax error (400), an operation that cannot apply to
// this object (failed test, missing path) is unprocessable (422).

import { field } from '../../flux/narrow.js';
import { deepCopy, deepEqual, isRecord, setOwn } from '../deep.js';

export class PatchSyntaxError extends Error {}
export class PatchApplyError extends Error {}

interface Operation {
  readonly op: 'add' | 'remove' | 'replace' | 'test' | 'move' | 'copy';
  readonly path: string;
  readonly from?: string;
  readonly value?: unknown;
}

const OPS = new Set(['add', 'remove', 'replace', 'test', 'move', 'copy']);

export function parseJsonPatch(document: unknown): Operation[] {
  if (!Array.isArray(document))
    throw new PatchSyntaxError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  return document.map((item, index) => {
    if (!isRecord(item)) throw new PatchSyntaxError(`operation ${index} is not an object`);
    const { op, path, from } = item;
    if (typeof op !== 'string' || !OPS.has(op)) throw new PatchSyntaxError(`Unexpected kind: ${String(op)}`);
    if (typeof path !== 'string') throw new PatchSyntaxError(`operation ${index}: missing path`);
    if ((op === 'move' || op === 'copy') && typeof from !== 'string') {
      throw new PatchSyntaxError(`operation ${index}: missing from`);
    }
    if ((op === 'add' || op === 'replace' || op === 'test') && !Object.hasOwn(item, 'value')) {
      throw new PatchSyntaxError(`operation ${index}: missing value`);
    }
    return {
      op,
      path,
      from: typeof from === 'string' ? from : undefined,
      value: field(item, 'value'),
    } as Operation;
  });
}

function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchApplyError(`invalid JSON pointer: "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

function arrayIndex(token: string, length: number, forAdd: boolean): number {
  if (forAdd && token === '-') return length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw new PatchApplyError(`invalid array index: ${token}`);
  const index = Number(token);
  if (index > length || (!forAdd && index === length))
    throw new PatchApplyError(`array index out of bounds: ${index}`);
  return index;
}

/** The container holding the last token of `pointer`, and that token. */
function locate(root: unknown, pointer: string): { parent: Container; key: string } {
  const path = tokens(pointer);
  const key = path.pop();
  if (key === undefined) throw new PatchApplyError('cannot operate on the document root');
  let node: unknown = root;
  for (const token of path) {
    if (Array.isArray(node)) node = node[arrayIndex(token, node.length, false)];
    else if (isRecord(node) && Object.hasOwn(node, token)) node = node[token];
    else throw new PatchApplyError(`doc is missing path: "${pointer}": missing value`);
  }
  if (!Array.isArray(node) && !isRecord(node)) {
    throw new PatchApplyError(`doc is missing path: "${pointer}": missing value`);
  }
  return { parent: node, key };
}

function get(root: unknown, pointer: string): unknown {
  const { parent, key } = locate(root, pointer);
  if (Array.isArray(parent)) return parent[arrayIndex(key, parent.length, false)];
  if (!Object.hasOwn(parent, key))
    throw new PatchApplyError(`doc is missing path: "${pointer}": missing value`);
  return parent[key];
}

function add(root: unknown, pointer: string, value: unknown): void {
  const { parent, key } = locate(root, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(key, parent.length, true), 0, value);
  else setOwn(parent, key, value);
}

function remove(root: unknown, pointer: string): unknown {
  const { parent, key } = locate(root, pointer);
  if (Array.isArray(parent)) return parent.splice(arrayIndex(key, parent.length, false), 1)[0];
  if (!Object.hasOwn(parent, key))
    throw new PatchApplyError(`Unable to remove nonexistent key: ${key}: missing value`);
  const old = parent[key];
  delete parent[key];
  return old;
}

export function applyJsonPatch(document: unknown, operations: readonly Operation[]): unknown {
  // Operations apply to a copy under a wrapper so that a patch on "" (the root) can replace it.
  const doc = deepCopy(document);
  let root = doc;
  for (const op of operations) {
    if (op.path === '' && (op.op === 'add' || op.op === 'replace')) {
      root = deepCopy(op.value);
      continue;
    }
    switch (op.op) {
      case 'add':
        add(root, op.path, deepCopy(op.value));
        break;
      case 'remove':
        remove(root, op.path);
        break;
      case 'replace':
        try {
          get(root, op.path);
        } catch {
          throw new PatchApplyError(
            `replace operation does not apply: doc is missing key: ${op.path}: missing value`,
          );
        }
        remove(root, op.path);
        add(root, op.path, deepCopy(op.value));
        break;
      case 'test':
        if (!deepEqual(op.path === '' ? root : get(root, op.path), op.value)) {
          throw new PatchApplyError(`testing value ${op.path} failed: test failed`);
        }
        break;
      case 'move': {
        const from = op.from as string;
        if (op.path.startsWith(`${from}/`))
          throw new PatchApplyError(`cannot move ${from} into its own child`);
        add(root, op.path, remove(root, from));
        break;
      }
      case 'copy':
        add(root, op.path, deepCopy(get(root, op.from as string)));
        break;
    }
  }
  return root;
}
