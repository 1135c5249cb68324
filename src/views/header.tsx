// The top lines: where we are (context, server, scope), whether the data is live, and the counts that matter
// during an incident. A DEMO badge so a simulated cluster is never mistaken for production.
import { Box, Text } from 'ink';
import { sanitizeText } from '../flux/sanitize.js';
import { formatDuration } from '../flux/time.js';
import type { ClusterInfo, ClusterSnapshot } from '../hooks/cluster-types.js';
import { truncate } from './text.js';
import { emphasis, type Tone, toneColor } from './theme.js';

export interface Counts {
  readonly total: number;
  readonly ready: number;
  readonly failing: number;
  readonly suspended: number;
  /** Failing for longer than the alert threshold. */
  readonly alerting: number;
}

export interface HeaderProps {
  readonly info: ClusterInfo;
  readonly namespace: string | undefined;
  readonly demo: boolean;
  readonly readonly: boolean;
  readonly connection: ClusterSnapshot['connection'];
  readonly lastEventAt: number;
  readonly counts: Counts;
  readonly alertThresholdMs: number;
  readonly now: number;
  readonly width: number;
  readonly color: boolean;
  /** e.g. `data may be stale — disconnected since 12:03:04, retrying`; undefined when every watch is fine. */
  readonly banner: string | undefined;
}

const CONNECTION_TONE: Readonly<Record<ClusterSnapshot['connection'], Tone>> = {
  connecting: 'busy',
  live: 'ok',
  degraded: 'warn',
  disconnected: 'bad',
};

function Badge({
  text,
  tone,
  color,
}: {
  readonly text: string;
  readonly tone: Tone;
  readonly color: boolean;
}) {
  return (
    <Text bold={emphasis(color, true)} inverse={emphasis(color, true)} color={toneColor(tone, color)}>
      {color ? ` ${text} ` : `[${text}]`}
    </Text>
  );
}

export function Header(props: HeaderProps) {
  const { info, counts, color, width } = props;
  const last =
    props.lastEventAt > 0
      ? // The clock ticks coarsely: an event newer than the last tick is simply 0s old.
        `last event ${formatDuration(Math.max(0, props.now - props.lastEventAt))} ago`
      : 'no events yet';
  const where = `ctx ${sanitizeText(info.context, 80)}  ${sanitizeText(info.server, 80)}  ns ${props.namespace ?? 'all'}`;
  const threshold = formatDuration(props.alertThresholdMs);
  // The context, server and namespace give way to what follows them (connection, last event), which say
  // whether the data is live; badges are ` DEMO ` / `[DEMO]` either way, six or eleven cells and a space.
  const fixed =
    'fluxdeck '.length +
    (props.demo ? 7 : 0) +
    (props.readonly ? 12 : 0) +
    2 +
    props.connection.length +
    2 +
    last.length;
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate">
        <Text bold={emphasis(color, true)} color={toneColor('accent', color)}>
          fluxdeck
        </Text>{' '}
        {props.demo ? <Badge text="DEMO" tone="warn" color={color} /> : null}
        {props.demo ? ' ' : ''}
        {props.readonly ? <Badge text="READ-ONLY" tone="accent" color={color} /> : null}
        {props.readonly ? ' ' : ''}
        {truncate(where, Math.max(10, width - fixed))}
        {'  '}
        <Text color={toneColor(CONNECTION_TONE[props.connection], color)}>{props.connection}</Text>
        <Text color={toneColor('muted', color)}>{`  ${last}`}</Text>
      </Text>
      <Text wrap="truncate">
        <Text color={toneColor('ok', color)}>{`ready ${counts.ready}`}</Text>
        {'  '}
        <Text
          color={toneColor(counts.failing > 0 ? 'bad' : 'muted', color)}
        >{`failing ${counts.failing}`}</Text>
        {'  '}
        <Text
          color={toneColor(counts.suspended > 0 ? 'warn' : 'muted', color)}
        >{`suspended ${counts.suspended}`}</Text>
        {'  '}
        <Text
          color={toneColor(counts.alerting > 0 ? 'alert' : 'muted', color)}
          bold={emphasis(color, counts.alerting > 0)}
        >
          {`failing > ${threshold}: ${counts.alerting}`}
        </Text>
        <Text color={toneColor('muted', color)}>{`  of ${counts.total} Flux objects`}</Text>
      </Text>
      {props.banner ? (
        <Text color={toneColor('bad', color)} bold={emphasis(color, true)} wrap="truncate">
          {truncate(`⚠ ${props.banner}`, width)}
        </Text>
      ) : null}
    </Box>
  );
}
