// What the app mounts over its layout for actions: the confirmation dialog on top (when one is open) and
// the progress lines at the bottom. Props only; the key handling is `handleDialogKey` from useActions.
import { Box } from 'ink';
import { ConfirmDialog } from './confirm-dialog.js';
import { ProgressPanel } from './progress.js';
import type { DialogModel, ProgressModel } from './types.js';

export interface ActionLayerProps {
  readonly dialog: DialogModel | undefined;
  readonly progress: readonly ProgressModel[];
  readonly width?: number | undefined;
  readonly color?: boolean;
}

export function ActionLayer({ dialog, progress, width, color = true }: ActionLayerProps) {
  if (!dialog && progress.length === 0) return null;
  return (
    <Box flexDirection="column" {...(width ? { width } : {})}>
      {dialog ? <ConfirmDialog model={dialog} width={width} color={color} /> : null}
      <ProgressPanel items={progress} color={color} />
    </Box>
  );
}
