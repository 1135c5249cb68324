// Key layers of what sits above the panes: the quit confirmation (modal) and the help screen.
import { LAYER, useKeyLayer } from './use-key-dispatch.js';

export function useConfirmKeys(active: boolean, onConfirm: () => void, onCancel: () => void): void {
  useKeyLayer({ priority: LAYER.dialog, scopes: ['dialog'], modal: true, active }, (ev) => {
    if (ev.command === 'confirm') onConfirm();
    if (ev.command === 'cancel') onCancel();
    return true;
  });
}

export interface HelpKeyHandlers {
  readonly close: () => void;
  readonly scroll: (delta: number) => void;
}

const SCROLL: Readonly<Partial<Record<string, number>>> = {
  up: -1,
  down: 1,
  pageUp: -10,
  pageDown: 10,
  top: Number.NEGATIVE_INFINITY,
  bottom: Number.POSITIVE_INFINITY,
};

export function useHelpKeys(active: boolean, h: HelpKeyHandlers): void {
  useKeyLayer({ priority: LAYER.overlay, scopes: ['view', 'global'], active }, (ev) => {
    if (ev.command === 'back' || ev.command === 'help') {
      h.close();
      return true;
    }
    const delta = ev.command ? SCROLL[ev.command] : undefined;
    if (delta !== undefined) {
      h.scroll(delta);
      return true;
    }
    // Quitting and the command line still work over the help screen; nothing else reaches the panes.
    return ev.command !== 'quit' && ev.command !== 'command';
  });
}
