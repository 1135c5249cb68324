// The shapes of cluster data as views receive them. Views may not import src/kube (they get data through
// hooks), so the port's data types are re-exported here, types only.
export type {
  ClusterEvent,
  ClusterInfo,
  ClusterSnapshot,
  ControllerPod,
  InventoryObjectHealth,
  InventoryReadout,
  LogEntry,
  LogSnapshot,
  LogStreamState,
  PodLogState,
  PodResourceList,
  PodSet,
  PodTermination,
  PreviousLogs,
  RawObject,
  TraceOutcome,
  WatchState,
  WorkloadSnapshot,
} from '../kube/port.js';
