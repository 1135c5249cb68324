// What of a confirmation dialog fits in the rows it may take (src/present/layout.ts dialogMaxHeight). The
// title, the context line, the warnings, the options and the question are always in view; the targets, the
// facts and the steps scroll (↑/↓) when they do not fit. The equivalent `flux`/`helm` commands are the one
// part a reader can do without at a glance: they show when everything fits and fold to one line when not,
// and the dialog's key (src/keymap.ts dialogCommands) flips that either way. When even that leaves the
// body too little room (an 80×24 terminal, two warnings and an option), the dialog goes compact: the
// blank lines and the "Targets" / "Warnings" / "Options" titles go (`!` and `<key>` still mark them), so
// the first target stays in view.

export interface DialogRows {
  /** Rows never given up: borders, title, context and the question (not the blank line above it). */
  readonly fixed: number;
  /** Rows of the warnings themselves (without their blank line and title). */
  readonly warnings: number;
  /** Rows of the options themselves (without their blank line and title). */
  readonly options: number;
  /** Rows of the scrolled body before the commands (targets, facts, steps), its leading blank line included. */
  readonly body: number;
  /** Rows the body starts with that a compact dialog leaves out (its blank line, the "Targets" title). */
  readonly bodyLead: number;
  /** Rows of the commands section (its blank line and title included); 0 when the plan has none. */
  readonly commands: number;
}

export interface DialogFit {
  /** The commands are part of the body. */
  readonly commandsShown: boolean;
  /** The commands are folded to one line, which stands after the body (always in view). */
  readonly commandsFolded: boolean;
  /** No blank lines, no "Targets", "Warnings" nor "Options" titles (the body starts `bodyLead` rows on). */
  readonly compact: boolean;
  /** The body does not fit: it scrolls. */
  readonly scrolls: boolean;
  /** "↑ more above" / "↓ more below" marker rows, each only while there is something that way. */
  readonly markerAbove: boolean;
  readonly markerBelow: boolean;
  /** First body row in view. */
  readonly top: number;
  /** Body rows in view. */
  readonly window: number;
  /** Body rows in all (the commands included when shown, its lead left out when compact). */
  readonly bodyRows: number;
}

/** A blank line and a title each for the warnings and the options that are there; the question's blank line. */
function decoration(rows: DialogRows): number {
  return (rows.warnings > 0 ? 2 : 0) + (rows.options > 0 ? 2 : 0) + 1;
}

const NO_MARKERS = { markerAbove: false, markerBelow: false } as const;

/**
 * The dialog's fit: `maxHeight` undefined means no limit; `toggled` is whether the reader pressed the
 * commands key an odd number of times (it flips the automatic choice); `scroll` is clamped.
 */
export function fitDialog(
  rows: DialogRows,
  maxHeight: number | undefined,
  scroll: number,
  toggled: boolean,
): DialogFit {
  const deco = decoration(rows);
  const hasCommands = rows.commands > 0;
  const kept = rows.fixed + rows.warnings + rows.options;
  const fitsAll = maxHeight === undefined || kept + deco + rows.body + rows.commands <= maxHeight;
  const commandsShown = hasCommands && fitsAll !== toggled;
  const commandsFolded = hasCommands && !commandsShown;
  const always = kept + (commandsFolded ? 1 : 0);
  const fullBody = rows.body + (commandsShown ? rows.commands : 0);
  const compact = maxHeight !== undefined && always + deco + fullBody > maxHeight;
  const bodyRows = fullBody - (compact ? Math.min(rows.bodyLead, rows.body) : 0);
  const room = maxHeight === undefined ? bodyRows : Math.max(1, maxHeight - always - (compact ? 0 : deco));
  const scrolls = bodyRows > room;
  if (!scrolls) {
    return {
      ...NO_MARKERS,
      commandsShown,
      commandsFolded,
      compact,
      scrolls,
      top: 0,
      window: bodyRows,
      bodyRows,
    };
  }
  if (room === 1) {
    // No room for a marker: one line of the body, which ↑/↓ still scroll.
    const top = Math.min(Math.max(0, scroll), bodyRows - 1);
    return { ...NO_MARKERS, commandsShown, commandsFolded, compact, scrolls, top, window: 1, bodyRows };
  }
  // Scrolled to the end, only the upper marker shows; at the top, only the lower one.
  const last = bodyRows - (room - 1);
  const top = Math.min(Math.max(0, scroll), last);
  const markerAbove = top > 0;
  const markerBelow = top < last;
  const window = Math.max(1, room - (markerAbove ? 1 : 0) - (markerBelow ? 1 : 0));
  return { commandsShown, commandsFolded, compact, scrolls, markerAbove, markerBelow, top, window, bodyRows };
}
