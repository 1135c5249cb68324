// The top lines: where we are (context, server, scope), whether the data is live, and the counts that matter
// during an incident. A DEMO badge so a simulated cluster is never mistaken for production.
import { Box, Text } from 'ink';
import { sanitizeText } from '../flux/sanitize.js';
import { formatDuration, minuteStart } from '../flux/time.js';
import type { ClusterInfo, ClusterSnapshot } from '../present/cluster-types.js';
import type { Counts } from '../present/counts.js';
import { truncate } from '../present/text.js';
import { emphasis, headerStyle, type Paint, type Tone, toneStyle } from '../present/theme.js';

export interface HeaderProps {
  readonly info: ClusterInfo;
  readonly namespace: string | undefined;
  readonly demo: boolean;
  readonly readonly: boolean;
  readonly connection: ClusterSnapshot['connection'];
  /** Why the connection is only partial, e.g. `2 kinds not served yet` (src/hooks/use-summary.ts). */
  readonly unread?: string | undefined;
  readonly lastEventAt: number;
  readonly counts: Counts;
  readonly alertThresholdMs: number;
  readonly now: number;
  readonly width: number;
  readonly color: Paint;
  /** e.g. `data may be stale — disconnected since 12:03:04, retrying`; undefined when every watch is fine. */
  readonly banner: string | undefined;
  /** Why no Flux object could be read (every kind forbidden): shown instead of the counts. */
  readonly unreadable?: string | undefined;
}

const CONNECTION_TONE: Readonly<Record<ClusterSnapshot['connection'], Tone>> = {
  connecting: 'busy',
  live: 'ok',
  partial: 'warn',
  degraded: 'warn',
  disconnected: 'bad',
};

function Badge({ text, tone, color }: { readonly text: string; readonly tone: Tone; readonly color: Paint }) {
  return (
    <Text bold={emphasis(color, true)} inverse={emphasis(color, true)} {...toneStyle(tone, color)}>
      {color ? ` ${text} ` : `[${text}]`}
    </Text>
  );
}

/** How long the watches may be silent before the header says so. */
export const QUIET_NOTE_MS = 60_000;

/**
 * Nothing while watch events keep arriving (`live` says it all, and a counter of seconds would repaint the
 * screen on a cluster where nothing else changes); once they stop, how long ago, to the minute — a silent
 * watch on a busy cluster is worth a look. Silence counts from the watches' start until a first event
 * (`lastEventAt`), so a console that has received nothing says so after a minute, and the first event
 * after start changes nothing on screen (a "no events yet" note made the first event repaint an idle
 * console).
 */
export function quietNote(lastEventAt: number, now: number): string {
  if (lastEventAt <= 0) return '';
  const quiet = now - lastEventAt;
  if (quiet < QUIET_NOTE_MS) return '';
  // Whole minutes (kubectl's format would say 60s–119s below two minutes), counted to the start of the
  // clock's minute like every other duration from ten minutes on (elapsedShown): one repaint a minute.
  const minutes = Math.max(1, Math.floor((minuteStart(now) - lastEventAt) / 60_000));
  return `no events for ${minutes < 2 ? '1m' : formatDuration(minutes * 60_000)}`;
}

export function Header(props: HeaderProps) {
  const { info, counts, color, width } = props;
  const last = quietNote(props.lastEventAt, props.now);
  const note = info.namespaceNote && props.namespace === info.namespace ? ` (${info.namespaceNote})` : '';
  const where = `ctx ${sanitizeText(info.context, 80)}  ${sanitizeText(info.server, 80)}  ns ${props.namespace ?? 'all'}${note}`;
  const threshold = formatDuration(props.alertThresholdMs);
  const connection = props.unread ? `${props.connection}: ${props.unread}` : props.connection;
  // The context, server and namespace give way to what follows them (connection, last event), which say
  // whether the data is live; badges are ` DEMO ` / `[DEMO]` either way, six or eleven cells and a space.
  const fixed =
    'fluxdeck '.length +
    (props.demo ? 7 : 0) +
    (props.readonly ? 12 : 0) +
    2 +
    connection.length +
    (last === '' ? 0 : 2 + last.length);
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text {...headerStyle(color)}>fluxdeck</Text>{' '}
        {props.demo ? <Badge text="DEMO" tone="warn" color={color} /> : null}
        {props.demo ? ' ' : ''}
        {props.readonly ? <Badge text="READ-ONLY" tone="accent" color={color} /> : null}
        {props.readonly ? ' ' : ''}
        {truncate(where, Math.max(10, width - fixed))}
        {'  '}
        <Text {...toneStyle(CONNECTION_TONE[props.connection], color)}>{connection}</Text>
        {last === '' ? null : <Text {...toneStyle('muted', color)}>{`  ${last}`}</Text>}
      </Text>
      {props.unreadable ? (
        <Text {...toneStyle('bad', color)} bold={emphasis(color, true)} wrap="truncate">
          {truncate(`⚠ ${props.unreadable}`, width)}
        </Text>
      ) : (
        <Text wrap="truncate">
          <Text {...toneStyle('ok', color)}>{`ready ${counts.ready}`}</Text>
          {'  '}
          <Text
            {...toneStyle(counts.failing > 0 ? 'bad' : 'muted', color)}
          >{`failing ${counts.failing}`}</Text>
          {/* Only when there is some: the line must still end with the total at 80 columns. */}
          {counts.pending > 0 ? (
            <>
              {'  '}
              <Text {...toneStyle('warn', color)}>{`pending ${counts.pending}`}</Text>
            </>
          ) : null}
          {'  '}
          <Text
            {...toneStyle(counts.suspended > 0 ? 'warn' : 'muted', color)}
          >{`suspended ${counts.suspended}`}</Text>
          {'  '}
          <Text
            bold={emphasis(color, counts.alerting > 0)}
            {...toneStyle(counts.alerting > 0 ? 'alert' : 'muted', color)}
          >
            {`failing > ${threshold}: ${counts.alerting}`}
          </Text>
          <Text {...toneStyle('muted', color)}>{`  of ${counts.total} Flux objects`}</Text>
          {counts.notCounted ? (
            <Text {...toneStyle('warn', color)}>{` — not counted: ${counts.notCounted}`}</Text>
          ) : null}
        </Text>
      )}
      {props.banner ? (
        <Text {...toneStyle('bad', color)} bold={emphasis(color, true)} wrap="truncate">
          {truncate(`⚠ ${props.banner}`, width)}
        </Text>
      ) : null}
    </Box>
  );
}
