// Colours by meaning, not by place. Every component takes a `color` paint: the skin in use (see
// src/present/skins.ts), or false with NO_COLOR — then nothing may emit an escape code (no colour, no
// inverse, no bold), so meaning must also be in the text.
import type { Health } from '../flux/types.js';
import { SKINS, type Skin, type SkinName, type Style, type Tone } from './skins.js';

export type { Skin, Style, Tone } from './skins.js';

/** A skin; `true` is the default skin; false means NO_COLOR: no escape code at all. */
export type Paint = Skin | boolean;

export function skinOf(paint: Paint): Skin | undefined {
  return paint === true ? SKINS.default : paint === false ? undefined : paint;
}

/** What the console draws with: the chosen skin, unless NO_COLOR is set — it overrides every skin. */
export function paintFor(skin: SkinName, noColor: boolean): Paint {
  return noColor ? false : SKINS[skin];
}

/** The colour alone (borders, and text whose weight the caller decides). */
export function toneColor(tone: Tone | undefined, paint: Paint): string | undefined {
  return tone ? skinOf(paint)?.tones[tone].color : undefined;
}

/**
 * Everything the skin says about a tone, for spreading onto <Text>. Only the attributes the skin sets
 * are present, so a spread after an explicit `bold` keeps it unless the skin says bold itself.
 */
export function toneStyle(tone: Tone | undefined, paint: Paint): Style {
  const skin = skinOf(paint);
  return skin && tone ? skin.tones[tone] : {};
}

/** The selected row: the skin's selection while the table has the focus, its unfocused form otherwise. */
export function selectionStyle(paint: Paint, selected: boolean, focused: boolean): Style {
  const skin = skinOf(paint);
  if (!skin || !selected) return {};
  return focused ? skin.selection : skin.selectionUnfocused;
}

/** The console's name and the focused pane's title. */
export function headerStyle(paint: Paint, on = true): Style {
  return (on && skinOf(paint)?.header) || {};
}

/** A dialog's border colour: the danger colour in a dangerous context. */
export function borderColor(paint: Paint, danger: boolean): string | undefined {
  const skin = skinOf(paint);
  return danger ? skin?.danger.color : skin?.dialogBorder.color;
}

/** A dangerous context's name in a confirmation. */
export function dangerStyle(paint: Paint): Style {
  return skinOf(paint)?.danger ?? {};
}

const HEALTH_TONES: Readonly<Record<Health, Tone>> = {
  Ready: 'ok',
  Reconciling: 'busy',
  Waiting: 'warn',
  Pending: 'warn',
  Failed: 'bad',
  Stalled: 'bad',
  Degraded: 'bad',
  Suspended: 'muted',
};

export function healthTone(health: Health | 'Missing'): Tone {
  return health === 'Missing' ? 'bad' : HEALTH_TONES[health];
}

/** Text attributes that are escape codes too: only with a skin, never with NO_COLOR. */
export function emphasis(paint: Paint, on: boolean): boolean | undefined {
  return paint !== false && on ? true : undefined;
}
