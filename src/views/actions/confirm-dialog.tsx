// The confirmation dialog of a runbook action: where (context, namespace — red when it looks like
// production), what (targets, steps in words, the exact commands), the warnings and the options. The
// default answer is No; only `y` confirms. Without colour (NO_COLOR) every meaning is also in the text.
// What fits in the rows the layout leaves is decided by src/present/dialog-fit.ts.
import { Box, Text } from 'ink';
import { formatHint, formatKeys, hint } from '../../keymap.js';
import type { DialogModel, DialogOption } from '../../present/dialog.js';
import { fitDialog } from '../../present/dialog-fit.js';
import { borderColor, dangerStyle, emphasis, type Paint, type Tone, toneStyle } from '../../present/theme.js';

export interface ConfirmDialogProps {
  readonly model: DialogModel;
  readonly width?: number | undefined;
  /** Columns available for text (wrapping is computed, so the height is known); default: no wrapping. */
  readonly textWidth?: number | undefined;
  /** The dialog never grows past this many rows: its body scrolls instead (↑/↓). */
  readonly maxHeight?: number | undefined;
  /** Lines the body is scrolled down (clamped). */
  readonly scroll?: number;
  /** The commands key was pressed an odd number of times: the commands fold or unfold against the fit. */
  readonly commandsToggled?: boolean;
  readonly color?: Paint;
}

/** One physical line of the dialog body. */
interface BodyLine {
  readonly text: string;
  readonly tone?: Tone | undefined;
  readonly bold?: boolean;
}

/** Hard-wraps at spaces where it can, so every body line is one terminal row and the height is exact. */
export function wrapText(text: string, width: number | undefined): string[] {
  if (!width || width < 10 || text.length <= width) return [text];
  const out: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const space = rest.lastIndexOf(' ', width);
    const cut = space > width / 2 ? space : width;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, '');
  }
  if (rest) out.push(rest);
  return out;
}

function section(
  title: string,
  lines: readonly string[],
  width: number | undefined,
  tone?: Tone,
): BodyLine[] {
  if (lines.length === 0) return [];
  return [
    { text: '' },
    { text: title, bold: true },
    ...lines.flatMap((line) => wrapText(line, width).map((text) => ({ text, tone }))),
  ];
}

function bodyLines(model: DialogModel, width: number | undefined): BodyLine[] {
  return [
    ...section('Targets', model.targets, width),
    ...(model.refusal !== undefined
      ? [{ text: '' }, ...wrapText(model.refusal, width).map((text) => ({ text, tone: 'bad' as Tone }))]
      : []),
    ...(model.details ? section(model.details.title, model.details.lines, width) : []),
    ...section(
      'What will happen',
      model.steps.map((s, i) => `${i + 1}. ${s}`),
      width,
    ),
  ];
}

function commandLines(model: DialogModel, width: number | undefined): BodyLine[] {
  return section(
    `Equivalent commands  ${formatHint('dialogCommands', 'hide')}`,
    model.commands.map((c) => `$ ${c}`),
    width,
    'accent',
  );
}

/** The one line the commands fold to, e.g. `<c> show the 2 equivalent commands`. */
export function foldedCommandsText(count: number): string {
  return formatHint(
    'dialogCommands',
    `show the ${count === 1 ? 'equivalent command' : `${count} equivalent commands`}`,
  );
}

function OptionLine({ option, color }: { readonly option: DialogOption; readonly color: Paint }) {
  return (
    <Text wrap="wrap">
      <Text {...toneStyle('accent', color)}>{hint(option.keyLabel, option.label)}</Text>:{' '}
      <Text bold={emphasis(color, true)}>{option.value || '—'}</Text>
    </Text>
  );
}

function Footer({ model, color }: { readonly model: DialogModel; readonly color: Paint }) {
  if (model.editing) {
    return (
      <Text>
        {model.editing.label}: <Text inverse={emphasis(color, true)}>{model.editing.text}</Text>
        {color ? '' : '_'}
        <Text dimColor={emphasis(color, true)}>{`  ${formatHint('textDone')}`}</Text>
      </Text>
    );
  }
  if (model.planning) return <Text>Reading the cluster… any key cancels.</Text>;
  if (model.refusal !== undefined) return <Text>Nothing can be done here: any key closes this dialog.</Text>;
  const typed = model.typed;
  if (typed?.active) {
    return (
      <Box flexDirection="column">
        <Text wrap="wrap">
          Type <Text bold={emphasis(color, true)}>{typed.expected}</Text>
          {model.targets.length > 1 ? ' (the number of objects)' : ''} to confirm:{' '}
          <Text inverse={emphasis(color, true)}>{typed.text}</Text>
          {color ? '' : '_'}
          <Text
            dimColor={emphasis(color, true)}
          >{`  ${formatHint('typedConfirm')}  ${formatHint('typedCancel')}`}</Text>
        </Text>
        {typed.wrong ? (
          <Text {...toneStyle('bad', color)} wrap="wrap">
            {`That is not ${typed.expected}: nothing was done. Type it exactly, or ${formatKeys('typedCancel', { first: true })} to cancel.`}
          </Text>
        ) : null}
      </Box>
    );
  }
  if (typed) {
    return (
      <Text wrap="wrap">
        Proceed? <Text bold={emphasis(color, true)}>{formatHint('confirm')}</Text>, then type{' '}
        <Text bold={emphasis(color, true)}>{typed.expected}</Text>
        {model.targets.length > 1 ? ' (the number of objects)' : ' (its name)'} — any other key = No (the
        default)
      </Text>
    );
  }
  return (
    <Text>
      Proceed? <Text bold={emphasis(color, true)}>{formatHint('confirm')}</Text>, any other key = No (the
      default)
    </Text>
  );
}

/** The rows the question takes: one, or what the typed confirmation wraps to (with its "that is not" line). */
function footerRows(model: DialogModel, width: number | undefined): number {
  const typed = model.typed;
  if (!typed || model.refusal !== undefined || model.planning || model.editing) return 1;
  const question = typed.active
    ? `Type ${typed.expected} (the number of objects) to confirm: ${typed.text}_  ${formatHint('typedConfirm')}  ${formatHint('typedCancel')}`
    : `Proceed? ${formatHint('confirm')}, then type ${typed.expected} (the number of objects) — any other key = No (the default)`;
  const wrong =
    typed.active && typed.wrong
      ? wrapText(`That is not ${typed.expected}: nothing was done. Type it exactly, or esc to cancel.`, width)
          .length
      : 0;
  return wrapText(question, width).length + wrong;
}

export function ConfirmDialog({
  model,
  width,
  textWidth,
  maxHeight,
  scroll = 0,
  commandsToggled = false,
  color = true,
}: ConfirmDialogProps) {
  const danger = model.dangerousContext;
  const inner = textWidth ? textWidth - 4 : undefined;
  const main = bodyLines(model, inner);
  const commands = commandLines(model, inner);
  const asText = model.user ? `  As: ${model.user}` : '';
  const contextText = `Context: ${model.context}${danger ? ' (PRODUCTION?)' : ''}  Cluster: ${model.cluster}  Namespace: ${model.namespace}${asText}`;
  const showOptions = model.options.length > 0 && model.refusal === undefined;
  // Warnings stay in view whatever the scroll: nobody should confirm without having seen them.
  const warningLines = model.warnings.flatMap((w) => wrapText(`! ${w}`, inner));
  const optionRows = showOptions
    ? model.options.reduce(
        (n, o) => n + wrapText(`${hint(o.keyLabel, o.label)}: ${o.value || '—'}`, inner).length,
        0,
      )
    : 0;
  // Compact: the body's leading blank line and the "Targets" title go (the context line is right above).
  const lead = model.targets.length > 0 ? 2 : Math.min(1, main.length);
  const fit = fitDialog(
    {
      // Borders, title, context line(s) and the question.
      fixed: 2 + 1 + wrapText(contextText, inner).length + footerRows(model, inner),
      warnings: warningLines.length,
      options: optionRows,
      body: main.length,
      bodyLead: lead,
      commands: commands.length,
    },
    maxHeight,
    scroll,
    commandsToggled,
  );
  const all = fit.commandsShown ? [...main, ...commands] : main;
  const body = (fit.compact ? all.slice(lead) : all).map((line, id) => ({ ...line, id }));
  const { top, window } = fit;
  const visible = body.slice(top, top + window);
  const below = body.length - top - window;
  return (
    <Box
      flexDirection="column"
      borderStyle={color ? 'round' : 'classic'}
      borderColor={borderColor(color, danger)}
      paddingX={1}
      {...(width ? { width } : {})}
    >
      <Text bold={emphasis(color, true)} wrap="truncate-end">
        {model.title}
      </Text>
      <Text wrap="wrap">
        Context:{' '}
        <Text bold={emphasis(color, true)} {...(danger ? dangerStyle(color) : toneStyle('ok', color))}>
          {model.context}
        </Text>
        {danger ? <Text {...toneStyle('bad', color)}> (PRODUCTION?)</Text> : null}
        {'  '}Cluster: <Text bold={emphasis(color, true)}>{model.cluster}</Text>
        {'  '}Namespace: <Text bold={emphasis(color, true)}>{model.namespace}</Text>
        {model.user ? (
          <>
            {'  '}As: <Text bold={emphasis(color, true)}>{model.user}</Text>
          </>
        ) : null}
      </Text>
      {fit.markerAbove ? (
        <Text dimColor={emphasis(color, true)} wrap="truncate-end">
          {`↑ ${top} more lines above (${formatHint('dialogScrollUp')})`}
        </Text>
      ) : null}
      {visible.map((line) => (
        <Text
          key={line.id}
          bold={emphasis(color, line.bold === true)}
          {...toneStyle(line.tone, color)}
          wrap="truncate-end"
        >
          {line.text || ' '}
        </Text>
      ))}
      {fit.markerBelow ? (
        <Text dimColor={emphasis(color, true)} wrap="truncate-end">
          {`↓ ${below} more lines below (${formatHint('dialogScrollDown')}) — read them before you confirm`}
        </Text>
      ) : null}
      {fit.commandsFolded ? (
        <Text {...toneStyle('accent', color)} wrap="truncate-end">
          {foldedCommandsText(model.commands.length)}
        </Text>
      ) : null}
      {warningLines.length > 0 && !fit.compact ? (
        <Box marginTop={1}>
          <Text bold={emphasis(color, true)}>Warnings</Text>
        </Box>
      ) : null}
      {warningLines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: wrapped rows of fixed text; position is identity
        <Text key={`w${i}`} {...toneStyle('warn', color)}>
          {line}
        </Text>
      ))}
      {showOptions ? (
        <Box flexDirection="column" marginTop={fit.compact ? 0 : 1}>
          {fit.compact ? null : <Text bold={emphasis(color, true)}>Options</Text>}
          {model.options.map((o) => (
            <OptionLine key={o.id} option={o} color={color} />
          ))}
        </Box>
      ) : null}
      <Box marginTop={fit.compact ? 0 : 1}>
        <Footer model={model} color={color} />
      </Box>
    </Box>
  );
}
