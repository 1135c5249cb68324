// The `/` filter: a case-insensitive substring, or a regular expression when written as /…/.
export interface RowFilter {
  readonly matches: (fields: readonly string[]) => boolean;
  /** A plain-text filter's test on the fields lower-cased and joined by FIELD_SEPARATOR (one text per row). */
  readonly matchesText?: (joinedLowerCase: string) => boolean;
  /** Why the text was not usable as typed (e.g. an invalid regular expression); it then matches as text. */
  readonly problem?: string;
}

const ALL: RowFilter = { matches: () => true };

export function compileFilter(text: string): RowFilter {
  const t = text.trim();
  if (t === '') return ALL;
  if (t.length > 2 && t.startsWith('/') && t.endsWith('/')) {
    try {
      const re = new RegExp(t.slice(1, -1), 'i');
      return { matches: (fields) => fields.some((f) => re.test(f)) };
    } catch (e) {
      const problem = `not a regular expression (${e instanceof Error ? e.message : String(e)}); matching it as text`;
      return { ...substring(t), problem };
    }
  }
  return substring(t);
}

/** Joins a row's fields for `matchesText`: a control character, which the prompt never lets one type. */
export const FIELD_SEPARATOR = '\u0000';

function substring(t: string): RowFilter {
  const needle = t.toLowerCase();
  return {
    matches: (fields) => fields.some((f) => f.toLowerCase().includes(needle)),
    matchesText: (text) => text.includes(needle),
  };
}
