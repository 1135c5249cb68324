// The logs pane as the view draws it: display-ready lines, notices and counters.
import type { Tone } from './theme.js';
import type { Notice } from './watch-state.js';

export interface LogLine {
  readonly text: string;
  readonly tone: Tone | undefined;
  /** This line belongs to the current search match. */
  readonly current: boolean;
}

export interface LogsModel {
  readonly title: string;
  readonly lines: readonly LogLine[];
  readonly notices: readonly Notice[];
  readonly search: string;
  /** Entries that arrived (and match) since the view was paused. */
  readonly newCount: number;
  readonly matchCount: number;
  readonly paused: boolean;
  /** What an empty pane means, when it is empty. */
  readonly empty: string | undefined;
}
