// YAML as Helm prints it (sigs.k8s.io/yaml over go-yaml v2): keys sorted, two-space indents, sequences of
// mappings as `- key: value`, strings that would read as something else (numbers, booleans, timestamps)
// double-quoted, strings plain YAML cannot hold single-quoted, and long scalars folded at a space once the
// line is past 80 columns.

const BEST_WIDTH = 80;
const NON_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const NUMBER =
  /^[-+]?(?:\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0b[01_]+|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const TIMESTAMP =
  /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::?\d{2})?))?)?$/;

export function goYaml(value: unknown): string {
  const out: string[] = [];
  emit(value, 0, out, '');
  return `${out.join('\n')}\n`;
}

function emit(value: unknown, indent: number, out: string[], prefix: string): void {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push(`${prefix}[]`);
      return;
    }
    if (prefix) out.push(prefix.trimEnd());
    for (const item of value) {
      if (isMap(item) && Object.keys(item).length > 0) emitMap(item, indent + 2, out, `${pad}- `);
      else emit(item, indent + 2, out, `${pad}- `);
    }
    return;
  }
  if (isMap(value)) {
    if (Object.keys(value).length === 0) {
      out.push(`${prefix}{}`);
      return;
    }
    if (prefix) out.push(prefix.trimEnd());
    emitMap(value, indent, out, pad);
    return;
  }
  out.push(prefix + scalar(value, prefix.length, indent));
}

function emitMap(map: Record<string, unknown>, indent: number, out: string[], firstPrefix: string): void {
  const pad = ' '.repeat(indent);
  Object.keys(map)
    .sort()
    .forEach((key, i) => {
      const head = `${i === 0 ? firstPrefix : pad}${scalar(key, 0, indent)}:`;
      const v = map[key];
      if (isMap(v) && Object.keys(v).length > 0) emit(v, indent + 2, out, head);
      else if (Array.isArray(v) && v.length > 0) emit(v, indent, out, head);
      else out.push(`${head} ${scalar(v, head.length + 1, indent)}`);
    });
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalar(value: unknown, column: number, indent: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const s = String(value);
  if (s.includes('\n'))
    return `|-\n${s
      .split('\n')
      .map((l) => `${' '.repeat(indent + 2)}${l}`)
      .join('\n')}`;
  if (s === '' || NON_STRING.test(s) || NUMBER.test(s) || TIMESTAMP.test(s)) return `"${escapeDouble(s)}"`;
  if (hasControl(s)) return `"${escapeDouble(s)}"`;
  if (plainAllowed(s)) return fold(s, column, indent + 2);
  return fold(`'${s.replaceAll("'", "''")}'`, column, indent + 2);
}

function plainAllowed(s: string): boolean {
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/^[-?:][^\s]/.test(s)) return false;
  return !(/^\s|\s$/.test(s) || s.includes(': ') || s.includes(' #') || s.endsWith(':'));
}

/** go-yaml's emitter: a space becomes a line break once the line is already past the best width. */
function fold(text: string, column: number, continuation: number): string {
  let out = '';
  let col = column;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === ' ' && col > BEST_WIDTH && text[i + 1] !== ' ' && i + 1 < text.length) {
      out += `\n${' '.repeat(continuation)}`;
      col = continuation;
      continue;
    }
    out += ch;
    col += 1;
  }
  return out;
}

function isControl(code: number): boolean {
  return code < 0x20 || code === 0x7f;
}

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isControl(s.charCodeAt(i)) && s[i] !== '\t') return true;
  return false;
}

function escapeDouble(s: string): string {
  let out = '';
  for (const c of s) {
    const code = c.charCodeAt(0);
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (isControl(code)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += c;
  }
  return out;
}
