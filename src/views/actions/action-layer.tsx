// What the app mounts over its layout for actions: the confirmation dialog on top (when one is open) and
// the progress lines at the bottom. Props only; the key handling is `handleDialogKey` from useActions.
import { Box, useStdout } from 'ink';
import type { ActionLayerModel } from '../../present/dialog.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { ProgressPanel } from './progress.js';

export type ActionLayerProps = ActionLayerModel;

// The console keeps its header (2 lines), the table's title, heading and selected row, the runbook hint and the
// hint line visible around the dialog, so nobody confirms without seeing which cluster the console is on.
// A progress line may wrap to two rows.
const RESERVED_ROWS = 7;

export function ActionLayer({ dialog, progress, scroll = 0, width, height, color = true }: ActionLayerProps) {
  const { stdout } = useStdout();
  if (!dialog && progress.length === 0) return null;
  const rows = height ?? (stdout as { rows?: number }).rows;
  const columns = width ?? (stdout as { columns?: number }).columns;
  const maxHeight = rows ? Math.max(8, rows - RESERVED_ROWS - 2 * progress.length) : undefined;
  return (
    <Box flexDirection="column" {...(width ? { width } : {})}>
      {dialog ? (
        <ConfirmDialog
          model={dialog}
          width={width}
          textWidth={columns}
          maxHeight={maxHeight}
          scroll={scroll}
          color={color}
        />
      ) : null}
      <ProgressPanel items={progress} color={color} />
    </Box>
  );
}
