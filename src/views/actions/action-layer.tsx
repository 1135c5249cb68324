// What the app mounts over its layout for actions: the confirmation dialog on top (when one is open) and
// the progress lines at the bottom. Props only; the key handling is `handleDialogKey` from useActions.
import { Box, useStdout } from 'ink';
import type { ActionLayerModel } from '../../present/dialog.js';
import { dialogMaxHeight, headerLines } from '../../present/layout.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { ProgressPanel } from './progress.js';

export interface ActionLayerProps extends ActionLayerModel {
  /** Header lines above the body (src/present/layout.ts headerLines); default: no banner. */
  readonly headerRows?: number;
  /** The runbook line stands under the body. */
  readonly advice?: boolean;
}

// A progress line may wrap to two rows.
const PROGRESS_ROWS = 2;

export function ActionLayer({
  dialog,
  progress,
  scroll = 0,
  commandsToggled = false,
  width,
  height,
  color = true,
  headerRows = headerLines(false),
  advice = true,
}: ActionLayerProps) {
  const { stdout } = useStdout();
  if (!dialog && progress.length === 0) return null;
  const rows = height ?? (stdout as { rows?: number }).rows;
  const columns = width ?? (stdout as { columns?: number }).columns;
  const maxHeight = rows
    ? dialogMaxHeight(rows, headerRows, advice, PROGRESS_ROWS * progress.length)
    : undefined;
  return (
    <Box flexDirection="column" {...(width ? { width } : {})}>
      {dialog ? (
        <ConfirmDialog
          model={dialog}
          width={width}
          textWidth={columns}
          maxHeight={maxHeight}
          scroll={scroll}
          commandsToggled={commandsToggled}
          color={color}
        />
      ) : null}
      <ProgressPanel items={progress} color={color} />
    </Box>
  );
}
