// source-controller: fetch (simulated), store an artifact, report it. Shared lifecycle for every source kind;
// the per-kind part — where the revision comes from and how messages read — is in source-kinds.ts.
import { type KindName, kindInfo } from '../../flux/kinds.js';
import { resourceIdOf } from '../resources.js';
import type { SimObject } from '../types.js';
import { makeArtifact, STORAGE_HOST } from './artifacts.js';
import { conditionIs, findCondition, removeCondition, setCondition } from './conditions.js';
import type { Attempt, AttemptOutcome, KindHandler } from './contract.js';
import { parseGoDuration } from './duration.js';
import { field, getStr, statusOf } from './json.js';

export interface FetchSuccess {
  readonly ok: true;
  readonly revision: string;
  /** File name of the artifact in storage. */
  readonly file: string;
  readonly reason: string;
  readonly readyMessage: string;
  readonly eventReason: string;
  readonly eventMessage: string;
  readonly extraStatus?: Readonly<Record<string, unknown>>;
}

export interface FetchFailure {
  readonly ok: false;
  readonly reason: string;
  readonly message: string;
  /** The negative-polarity condition the failure shows up as. */
  readonly condition: 'FetchFailed' | 'BuildFailed';
}

export interface SourceKind {
  readonly kind: KindName;
  /** The result of fetching now; undefined for static objects (e.g. HelmRepository of type oci). */
  fetch(object: SimObject): FetchSuccess | FetchFailure | undefined;
  /** `status.url`: where the latest artifact is served. */
  readonly latestFile?: string;
  sourcesOf?(object: SimObject): readonly string[];
}

const DEFAULT_INTERVAL_MS = 10 * 60_000;

export function sourceHandler(def: SourceKind): KindHandler {
  const info = kindInfo(def.kind);
  const kindLower = def.kind.toLowerCase();
  return {
    kind: def.kind,
    resource: resourceIdOf(info),
    controller: 'source-controller',
    ...(def.sourcesOf ? { sourcesOf: def.sourcesOf } : {}),
    intervalOf: (object) => parseGoDuration(field(object, 'spec', 'interval')) ?? DEFAULT_INTERVAL_MS,
    start(object, attempt) {
      const result = def.fetch(object);
      if (!result) return undefined;
      const interval = parseGoDuration(field(object, 'spec', 'interval')) ?? DEFAULT_INTERVAL_MS;
      const current = getStr(object, 'status', 'artifact', 'revision');
      // source-controller's ProgressiveStatus: Reconciling when asked; Ready Unknown only for a new upstream
      // revision (written then even on a periodic attempt) or while Ready says nothing yet. A failing
      // source's retries leave Ready False as it was.
      const drift = result.ok && result.revision !== current;
      const progress = drift
        ? `building artifact: new upstream revision '${result.revision}'`
        : 'reconciliation in progress';
      const ready = findCondition(object, 'Ready');
      const unsettled = ready === undefined || ready.status === 'Unknown';
      return {
        progress: {
          reconciling: progress,
          ...(drift || unsettled ? { ready: progress } : {}),
          ...(drift ? { always: true } : {}),
        },
        finish: (draft) =>
          result.ok
            ? succeed(draft, result, attempt, interval, kindLower, def.latestFile)
            : fail(draft, result, attempt, interval),
      };
    },
  };
}

function succeed(
  draft: SimObject,
  result: FetchSuccess,
  attempt: Attempt,
  interval: number,
  kindLower: string,
  latestFile: string | undefined,
): AttemptOutcome {
  const status = statusOf(draft);
  const now = attempt.nowIso();
  const previous = getStr(status, 'artifact', 'revision');
  const wasReady = conditionIs(draft, 'Ready', 'True');
  const { namespace = '', name } = draft.metadata;
  if (previous !== result.revision) {
    status.artifact = makeArtifact({
      kindLower,
      namespace,
      name,
      file: result.file,
      revision: result.revision,
      at: now,
    });
    attempt.log('info', result.eventMessage, { revision: result.revision });
    attempt.event(draft, {
      type: 'Normal',
      reason: result.eventReason,
      message: result.eventMessage,
      revision: result.revision,
    });
  } else {
    attempt.log('info', `no changes since last reconcilation: observed revision '${result.revision}'`);
    if (!wasReady) {
      attempt.event(draft, {
        type: 'Normal',
        reason: result.reason,
        message: result.readyMessage,
        revision: result.revision,
      });
    }
  }
  if (latestFile) status.url = `${STORAGE_HOST}/${kindLower}/${namespace}/${name}/${latestFile}`;
  Object.assign(status, result.extraStatus ?? {});
  for (const type of ['Ready', 'ArtifactInStorage']) {
    setCondition(draft, { type, status: 'True', reason: result.reason, message: result.readyMessage }, now);
  }
  for (const type of ['FetchFailed', 'BuildFailed', 'ArtifactOutdated', 'StorageOperationFailed']) {
    removeCondition(draft, type);
  }
  return { state: 'ready', requeueAfterMs: interval };
}

function fail(draft: SimObject, result: FetchFailure, attempt: Attempt, interval: number): AttemptOutcome {
  const now = attempt.nowIso();
  setCondition(
    draft,
    { type: 'Ready', status: 'False', reason: result.reason, message: result.message },
    now,
  );
  setCondition(
    draft,
    { type: result.condition, status: 'True', reason: result.reason, message: result.message },
    now,
  );
  attempt.log('error', 'Reconciler error', { error: result.message });
  attempt.event(draft, { type: 'Warning', reason: result.reason, message: result.message });
  // A failing source keeps serving its last artifact (status.artifact stays).
  return { state: 'retry', requeueAfterMs: interval };
}
