// Colours by meaning, not by place. Every component takes a `color` flag: with NO_COLOR it is false and
// nothing may emit an escape code (no colour, no inverse, no bold), so meaning must also be in the text.
import type { Health } from '../flux/types.js';

export type Tone = 'ok' | 'bad' | 'warn' | 'busy' | 'muted' | 'accent' | 'alert';

const COLORS: Readonly<Record<Tone, string>> = {
  ok: 'green',
  bad: 'red',
  warn: 'yellow',
  busy: 'cyan',
  muted: 'gray',
  accent: 'blue',
  alert: 'redBright',
};

export function toneColor(tone: Tone | undefined, color: boolean): string | undefined {
  return color && tone ? COLORS[tone] : undefined;
}

const HEALTH_TONES: Readonly<Record<Health, Tone>> = {
  Ready: 'ok',
  Reconciling: 'busy',
  Waiting: 'warn',
  Pending: 'warn',
  Failed: 'bad',
  Stalled: 'bad',
  Suspended: 'muted',
};

export function healthTone(health: Health | 'Missing'): Tone {
  return health === 'Missing' ? 'bad' : HEALTH_TONES[health];
}

/** Text attributes that are escape codes too: only with colour. */
export function emphasis(color: boolean, on: boolean): boolean | undefined {
  return color && on ? true : undefined;
}
