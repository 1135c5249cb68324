// The built-in skins: how each meaning (a tone) and each piece of furniture (the selection, titles,
// dialog borders, a dangerous context) is drawn. Data only; src/present/theme.ts applies it. Colour is
// never the only carrier of meaning: the status words stay, so a skin may drop colour altogether.

export type Tone = 'ok' | 'bad' | 'warn' | 'busy' | 'muted' | 'accent' | 'alert';

export const TONES: readonly Tone[] = ['ok', 'bad', 'warn', 'busy', 'muted', 'accent', 'alert'];

/** Text attributes, as Ink's <Text> takes them. Absent means "the terminal's own". */
export interface Style {
  readonly color?: string;
  readonly bold?: boolean;
  readonly underline?: boolean;
  readonly inverse?: boolean;
  readonly dimColor?: boolean;
}

export type SkinName = 'default' | 'light-terminal' | 'high-contrast' | 'monochrome';

export const SKIN_NAMES: readonly SkinName[] = ['default', 'light-terminal', 'high-contrast', 'monochrome'];

export interface Skin {
  readonly name: SkinName;
  readonly tones: Readonly<Record<Tone, Style>>;
  /** The selected row of the table that has the focus. */
  readonly selection: Style;
  /** The selected row of a table without the focus (the logs pane has it). */
  readonly selectionUnfocused: Style;
  /** The console's name in the header and the focused pane's title. */
  readonly header: Style;
  /** The border of a confirmation or the quit dialog. */
  readonly dialogBorder: Style;
  /** A confirmation in a dangerous context (--danger-context, `danger: true`): its border and context. */
  readonly danger: Style;
}

const DEFAULT: Skin = {
  name: 'default',
  tones: {
    ok: { color: 'green' },
    bad: { color: 'red' },
    warn: { color: 'yellow' },
    busy: { color: 'cyan' },
    muted: { color: 'gray' },
    accent: { color: 'blue' },
    alert: { color: 'redBright' },
  },
  selection: { inverse: true },
  selectionUnfocused: { underline: true },
  header: { color: 'blue', bold: true },
  dialogBorder: { color: 'yellow' },
  danger: { color: 'red' },
};

// A white background: no white, yellow, cyan or pale bright colours, which all but vanish on it.
const LIGHT_TERMINAL: Skin = {
  name: 'light-terminal',
  tones: {
    ok: { color: 'green' },
    bad: { color: 'red' },
    warn: { color: 'magenta' },
    busy: { color: 'blue' },
    muted: { color: 'gray' },
    accent: { color: 'blue' },
    alert: { color: 'red', bold: true },
  },
  selection: { inverse: true },
  selectionUnfocused: { underline: true },
  header: { color: 'blue', bold: true },
  dialogBorder: { color: 'magenta' },
  danger: { color: 'red', bold: true },
};

// Bright colours and bold, nothing faint: the muted tone is plain white rather than grey.
const HIGH_CONTRAST: Skin = {
  name: 'high-contrast',
  tones: {
    ok: { color: 'greenBright', bold: true },
    bad: { color: 'redBright', bold: true },
    warn: { color: 'yellowBright', bold: true },
    busy: { color: 'cyanBright', bold: true },
    muted: { color: 'white' },
    accent: { color: 'magentaBright', bold: true },
    alert: { color: 'redBright', bold: true, underline: true },
  },
  selection: { inverse: true, bold: true },
  selectionUnfocused: { underline: true, bold: true },
  header: { color: 'whiteBright', bold: true },
  dialogBorder: { color: 'yellowBright' },
  danger: { color: 'redBright', bold: true },
};

// No colour at all, but still escape codes for emphasis: the selection is inverse, failures bold, alerts
// bold and underlined, so what matters stands out on any terminal. (NO_COLOR goes further: nothing.)
const MONOCHROME: Skin = {
  name: 'monochrome',
  tones: {
    ok: {},
    bad: { bold: true },
    warn: {},
    busy: {},
    muted: { dimColor: true },
    accent: { bold: true },
    alert: { bold: true, underline: true },
  },
  selection: { inverse: true },
  selectionUnfocused: { underline: true },
  header: { bold: true },
  dialogBorder: {},
  danger: { bold: true },
};

export const SKINS: Readonly<Record<SkinName, Skin>> = {
  default: DEFAULT,
  'light-terminal': LIGHT_TERMINAL,
  'high-contrast': HIGH_CONTRAST,
  monochrome: MONOCHROME,
};

export function isSkinName(name: string): name is SkinName {
  return (SKIN_NAMES as readonly string[]).includes(name);
}
