// The confirmation dialog of a runbook action: where (context, namespace — red when it looks like
// production), what (targets, steps in words, the exact commands), the warnings and the options. The
// default answer is No; only `y` confirms. Without colour (NO_COLOR) every meaning is also in the text.
import { Box, Text } from 'ink';
import { emphasis, type Tone, toneColor } from '../theme.js';
import type { DialogModel, DialogOption } from './types.js';

export interface ConfirmDialogProps {
  readonly model: DialogModel;
  readonly width?: number | undefined;
  readonly color?: boolean;
}

interface SectionProps {
  readonly title: string;
  readonly lines: readonly string[];
  readonly tone?: Tone;
  readonly color: boolean;
}

function Section({ title, lines, tone, color }: SectionProps) {
  if (lines.length === 0) return null;
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold={emphasis(color, true)}>{title}</Text>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a static list rendered once per plan; lines may repeat
        <Text key={i} color={toneColor(tone, color)} wrap="wrap">
          {line}
        </Text>
      ))}
    </Box>
  );
}

function OptionLine({ option, color }: { readonly option: DialogOption; readonly color: boolean }) {
  return (
    <Text wrap="wrap">
      <Text color={toneColor('accent', color)}>[{option.keyLabel}]</Text> {option.label}:{' '}
      <Text bold={emphasis(color, true)}>{option.value || '—'}</Text>
    </Text>
  );
}

function Footer({ model, color }: { readonly model: DialogModel; readonly color: boolean }) {
  if (model.editing) {
    return (
      <Text>
        {model.editing.label}: <Text inverse={emphasis(color, true)}>{model.editing.text}</Text>
        {color ? '' : '_'}
        <Text dimColor={emphasis(color, true)}> (enter: done)</Text>
      </Text>
    );
  }
  if (model.planning) return <Text>Reading the cluster… any key cancels.</Text>;
  if (model.refusal !== undefined) return <Text>Nothing can be done here: any key closes this dialog.</Text>;
  return (
    <Text>
      Proceed? <Text bold={emphasis(color, true)}>y</Text> = yes, any other key = No (the default)
    </Text>
  );
}

export function ConfirmDialog({ model, width, color = true }: ConfirmDialogProps) {
  const danger = model.dangerousContext;
  return (
    <Box
      flexDirection="column"
      borderStyle={color ? 'round' : 'classic'}
      borderColor={toneColor(danger ? 'bad' : 'warn', color)}
      paddingX={1}
      {...(width ? { width } : {})}
    >
      <Text bold={emphasis(color, true)}>{model.title}</Text>
      <Text wrap="wrap">
        Context:{' '}
        <Text color={toneColor(danger ? 'bad' : 'ok', color)} bold={emphasis(color, true)}>
          {model.context}
        </Text>
        {danger ? <Text color={toneColor('bad', color)}> (PRODUCTION?)</Text> : null}
        {'  '}Cluster: <Text bold={emphasis(color, true)}>{model.cluster}</Text>
        {'  '}Namespace: <Text bold={emphasis(color, true)}>{model.namespace}</Text>
      </Text>
      <Section title="Targets" lines={model.targets} color={color} />
      {model.refusal !== undefined ? (
        <Box marginTop={1}>
          <Text color={toneColor('bad', color)} wrap="wrap">
            {model.refusal}
          </Text>
        </Box>
      ) : null}
      {model.details ? (
        <Section title={model.details.title} lines={model.details.lines} color={color} />
      ) : null}
      <Section title="What will happen" lines={model.steps.map((s, i) => `${i + 1}. ${s}`)} color={color} />
      <Section
        title="Equivalent commands"
        lines={model.commands.map((c) => `$ ${c}`)}
        tone="accent"
        color={color}
      />
      <Section title="Warnings" lines={model.warnings.map((w) => `! ${w}`)} tone="warn" color={color} />
      {model.options.length > 0 && model.refusal === undefined ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold={emphasis(color, true)}>Options</Text>
          {model.options.map((o) => (
            <OptionLine key={o.id} option={o} color={color} />
          ))}
        </Box>
      ) : null}
      <Box marginTop={1}>
        <Footer model={model} color={color} />
      </Box>
    </Box>
  );
}
