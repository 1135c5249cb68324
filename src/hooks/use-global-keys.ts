// The bottom key layer: commands that work wherever the focus is (quit, help, command line, logs pane
// placement, namespaces, details tabs for the selection, and the runbook actions).
import { type ActionCommand, isActionCommand } from '../keymap.js';
import type { DetailsTab } from '../present/details-lines.js';
import { LAYER, useKeyLayer } from './use-key-dispatch.js';

export interface GlobalKeyHandlers {
  readonly quit: () => void;
  readonly help: () => void;
  readonly command: () => void;
  readonly back: () => boolean;
  readonly allNamespaces: () => void;
  readonly logs: (mode: 'split' | 'full') => void;
  readonly focus: () => void;
  readonly details: (tab: DetailsTab) => void;
  readonly action: (command: ActionCommand) => void;
  readonly gotoRoot: () => void;
  readonly trace: () => void;
}

export function useGlobalKeys(h: GlobalKeyHandlers): void {
  useKeyLayer({ priority: LAYER.global, scopes: ['view', 'global'] }, (ev) => {
    const command = ev.command;
    if (command === undefined) return false;
    if (isActionCommand(command)) {
      h.action(command);
      return true;
    }
    switch (command) {
      case 'quit':
        h.quit();
        return true;
      case 'help':
        h.help();
        return true;
      case 'command':
        h.command();
        return true;
      case 'back':
        return h.back();
      case 'allNamespaces':
        h.allNamespaces();
        return true;
      case 'logsToggle':
      case 'logsFull':
        h.logs(command === 'logsFull' ? 'full' : 'split');
        return true;
      case 'focusNext':
        h.focus();
        return true;
      case 'yaml':
        h.details('yaml');
        return true;
      case 'events':
        h.details('events');
        return true;
      case 'history':
        h.details('history');
        return true;
      case 'changes':
        h.details('changes');
        return true;
      case 'inventory':
        h.details('inventory');
        return true;
      case 'gotoRoot':
        h.gotoRoot();
        return true;
      case 'trace':
        h.trace();
        return true;
      default:
        return false;
    }
  });
}
