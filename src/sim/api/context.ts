// What every API handler is given.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultState } from '../faults.js';
import type { MemoryPodLogs } from '../pod-logs.js';
import type { ResourceRegistry } from '../resources.js';
import type { MemoryStore } from '../store.js';
import type { SimClock } from '../types.js';
import type { ResourceRoute } from './routing.js';
import type { WatchHub } from './watch-hub.js';

export interface ApiContext {
  readonly store: MemoryStore;
  readonly registry: ResourceRegistry;
  readonly clock: SimClock;
  readonly logs: MemoryPodLogs;
  readonly faults: FaultState;
  readonly watches: WatchHub;
  /** Seeded randomness for generateName suffixes. */
  readonly random: () => number;
  /** The authenticated user, for RBAC messages. */
  readonly user: string;
}

export interface ResourceRequest {
  readonly route: ResourceRoute;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly query: URLSearchParams;
}
