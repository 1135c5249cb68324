// Seeded Events and controller log lines, so the console has history to show from the first second.
import { FLUX_SYSTEM_NAMESPACE, type KindName } from '../../flux/kinds.js';
import { kindsOf, SIM_CONTROLLERS, type SimControllerName } from '../controllers/catalog.js';
import { randomUuid } from '../controllers/ids.js';
import { getStr } from '../controllers/json.js';
import { findControllerPod } from '../controllers/pods.js';
import {
  type FluxLogLevel,
  LEGACY_LOG_FORMAT,
  legacyReconcilerLogLine,
  reconcilerLogLine,
  startupLogLines,
} from '../flux-logs.js';
import type { SimContext } from '../types.js';
import { MANAGER_CONTAINER } from './flux-system.js';

export interface SeededLine {
  readonly at: number;
  readonly controller: SimControllerName;
  readonly level: FluxLogLevel;
  readonly msg: string;
  readonly object: { readonly kind: KindName; readonly namespace: string; readonly name: string };
  readonly extras?: Readonly<Record<string, unknown>>;
}

/** Collects log lines from several stories, then writes each controller's lines in time order. */
export class LogHistory {
  private readonly lines: SeededLine[] = [];

  constructor(private readonly ctx: SimContext) {}

  add(line: SeededLine): void {
    const reconcileID = getStr(line.extras, 'reconcileID') || randomUuid(this.ctx.random);
    this.lines.push({ ...line, extras: { ...line.extras, reconcileID } });
  }

  /** One reconcile's lines share a reconcileID. */
  reconcile(
    controller: SimControllerName,
    object: SeededLine['object'],
    at: number,
    entries: readonly Omit<SeededLine, 'controller' | 'object' | 'at'>[],
  ): void {
    const reconcileID = randomUuid(this.ctx.random);
    entries.forEach((e, i) => {
      this.add({ ...e, controller, object, at: at + i * 350, extras: { reconcileID, ...e.extras } });
    });
  }

  /** Formatted lines of one controller in [from, to), in time order. */
  take(controller: SimControllerName, from: number, to: number): string[] {
    return this.lines
      .filter((l) => l.controller === controller && l.at >= from && l.at < to)
      .sort((a, b) => a.at - b.at)
      .map((l) => format(controller, l));
  }
}

/** Appends lines to the controller pod's `manager` log; `end` stops that container's log (a restart). */
export function writePodLog(
  ctx: SimContext,
  controller: SimControllerName,
  lines: readonly string[],
  end = false,
): void {
  const pod = findControllerPod(ctx, controller)?.metadata.name;
  if (!pod) return;
  if (lines.length > 0) ctx.logs.append(FLUX_SYSTEM_NAMESPACE, pod, MANAGER_CONTAINER, lines.join('\n'));
  if (end) ctx.logs.end(FLUX_SYSTEM_NAMESPACE, pod, MANAGER_CONTAINER);
}

function format(controller: SimControllerName, line: SeededLine): string {
  const { reconcileID, ...extras } = line.extras ?? {};
  if (LEGACY_LOG_FORMAT.has(controller)) {
    return legacyReconcilerLogLine({
      level: line.level,
      at: line.at,
      msg: line.msg,
      object: line.object,
      extras,
    });
  }
  return reconcilerLogLine({
    level: line.level,
    at: line.at,
    msg: line.msg,
    object: line.object,
    reconcileID: String(reconcileID),
    extras,
  });
}

/** Startup lines only, for a cluster where nothing else happened yet. */
export function seedEmptyLogs(ctx: SimContext, startedAt: number): void {
  for (const controller of SIM_CONTROLLERS) {
    writePodLog(ctx, controller, startupLogLines(controller, kindsOf(controller), startedAt + 4000));
  }
}
