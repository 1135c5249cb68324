// What a `:` command line does once parsed: open a view, the logs, a namespace, a context, a filter …
import type { Dispatch } from 'react';
import { traceTargetKey } from '../flux/trace.js';
import type { Tone } from '../present/theme.js';
import type { UiAction } from '../present/ui-state.js';
import type { CommandLineResult } from './command-line.js';
import type { NavAction } from './navigation.js';

export interface CommandRouterDeps {
  readonly dispatch: Dispatch<NavAction>;
  readonly dispatchUi: Dispatch<UiAction>;
  readonly flash: (text: string, tone?: Tone) => void;
  readonly quit: () => void;
  readonly onSwitchContext: ((name: string) => void) | undefined;
  readonly onFleet?: (() => void) | undefined;
  /** The selected Flux object's key (`:timeline chain` narrows to its chain). */
  readonly selectedKey: () => string | undefined;
  /** `:report`: writes the report and says where (or why not). */
  readonly report: () => void;
  /** The namespace shown (undefined: all): `:trace` without `-n` looks there, else in `default`. */
  readonly namespace: () => string | undefined;
}

export function routeCommand(result: CommandLineResult, d: CommandRouterDeps): void {
  switch (result.type) {
    case 'view':
      d.dispatch({
        type: 'open',
        view: result.target.view,
        ...(result.target.kind ? { kind: result.target.kind } : {}),
      });
      return;
    case 'logs':
      d.dispatchUi({ type: 'logs', mode: 'full' });
      return;
    case 'namespace':
      d.dispatch({ type: 'namespace', namespace: result.namespace });
      return;
    case 'context':
      if (d.onSwitchContext) d.onSwitchContext(result.name);
      else d.flash('switching contexts is not available here');
      return;
    case 'health':
      d.dispatch({ type: 'health', health: result.health });
      return;
    case 'help':
      d.dispatchUi({ type: 'help', open: true });
      return;
    case 'timeline-chain': {
      const key = d.selectedKey();
      if (key) d.dispatch({ type: 'open', view: 'timeline', scope: key });
      else d.flash('select a Flux object first: :timeline chain narrows to its dependency chain');
      return;
    }
    case 'report':
      d.report();
      return;
    case 'trace': {
      const namespace = result.namespace ?? d.namespace() ?? 'default';
      const scope = traceTargetKey({ kind: result.kind, namespace, name: result.name });
      d.dispatch({ type: 'open', view: 'trace', scope });
      return;
    }
    case 'tree': {
      const namespace = result.namespace ?? d.namespace() ?? 'flux-system';
      d.dispatch({ type: 'open', view: 'tree', scope: `${result.kind}/${namespace}/${result.name}` });
      return;
    }
    case 'fleet':
      if (d.onFleet) d.onFleet();
      else d.flash('not a fleet: open one with --context A,B, --all-contexts or --fleet', 'bad');
      return;
    case 'quit':
      d.quit();
      return;
    case 'error':
      d.flash(result.message, 'bad');
      return;
  }
}
