// The runbook's next step for the selected object (src/flux/advice.ts), worded with the key that does it,
// formatted from the key table (never a hard-coded "press r"); in --readonly the key is left out.
import { useCallback, useMemo } from 'react';
import { type Advice, type AdviceAction, adviseFor } from '../flux/advice.js';
import { type DependencyGraph, failingSource } from '../flux/graph.js';
import { sanitizeText } from '../flux/sanitize.js';
import type { ObjectKey, StatusRow } from '../flux/types.js';
import { binding, type CommandId, formatHint } from '../keymap.js';
import type { ClusterSnapshot } from '../kube/port.js';
import { SnapshotRows } from './snapshot-rows.js';

const COMMAND_FOR: Readonly<Record<AdviceAction, CommandId>> = {
  reconcile: 'reconcile',
  reconcileWithSource: 'reconcileWithSource',
  resume: 'resume',
  rollback: 'rollback',
  clearLock: 'clearHelmLock',
  fixChain: 'fixChain',
  gotoRoot: 'gotoRoot',
};

export function adviceCommand(advice: Advice): CommandId | undefined {
  return advice.action ? COMMAND_FOR[advice.action] : undefined;
}

/** `<R> reconcile+source — Helm upgrade failed; …`: the key first, so it survives a narrow terminal. */
export function adviceText(advice: Advice, readonly: boolean): string {
  const command = adviceCommand(advice);
  const text = sanitizeText(advice.text, 500);
  if (!command) return text;
  const b = binding(command);
  if (readonly && b.dangerous) return `[read-only: no actions] ${text}`;
  return `${formatHint(command)} — ${text}`;
}

export function useAdvice(snapshot: ClusterSnapshot, graph: DependencyGraph, now: number, readonly: boolean) {
  const byKey = useMemo(() => new SnapshotRows(snapshot), [snapshot]);
  const advise = useCallback(
    (row: StatusRow) => adviseFor(row, { graph, rows: byKey, now }),
    [graph, byKey, now],
  );
  const text = useCallback(
    (row: StatusRow) => {
      const advice = advise(row);
      return advice ? adviceText(advice, readonly) : undefined;
    },
    [advise, readonly],
  );
  /**
   * Where gotoRoot goes for this row: the advice's target, else its first root cause, else the failing
   * source it pulls from — whatever its BLOCKED BY column names (use-chain.ts).
   */
  const rootOf = useCallback(
    (row: StatusRow): ObjectKey | undefined =>
      advise(row)?.target ??
      graph.rootCauses(row.key).find((k) => k !== row.key) ??
      failingSource(row, (key) => byKey.get(key))?.key,
    [advise, graph, byKey],
  );
  return { text, rootOf };
}
