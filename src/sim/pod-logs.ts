// Container logs of the simulated pods, bounded per container like a kubelet's log rotation.
// A container's log runs until end() (the container stopped); the next append starts a fresh log and the
// ended one becomes the "previous" log (what `kubectl logs --previous` shows after a restart). Until then —
// a container waiting in CrashLoopBackOff — the ended log is the previous one: the kubelet serves the
// container of lastState.terminated for `--previous`, which is the one that just died.

import type { LogRecord, PodLogs, SimClock } from './types.js';

interface Follower {
  readonly onRecord: (record: LogRecord) => void;
  readonly onEnd: (() => void) | undefined;
}

class ContainerLog {
  readonly records: LogRecord[] = [];
  ended = false;
  readonly followers = new Set<Follower>();
}

interface ContainerLogs {
  current: ContainerLog;
  previous: ContainerLog | undefined;
}

const keyOf = (namespace: string, pod: string, container: string): string =>
  `${namespace}/${pod}/${container}`;

export class MemoryPodLogs implements PodLogs {
  private readonly containers = new Map<string, ContainerLogs>();

  constructor(
    private readonly clock: SimClock,
    private readonly maxLines = 5000,
  ) {}

  append(namespace: string, pod: string, container: string, text: string): void {
    const logs = this.entry(namespace, pod, container);
    if (logs.current.ended) {
      logs.previous = logs.current;
      logs.current = new ContainerLog();
    }
    const log = logs.current;
    const at = this.clock.now();
    for (const line of text.replace(/\n$/, '').split('\n')) {
      const record: LogRecord = { at, text: line };
      log.records.push(record);
      for (const follower of [...log.followers]) follower.onRecord(record);
    }
    // Trim in chunks so a busy container does not pay an array shift per line.
    if (log.records.length > this.maxLines + this.maxLines / 10) {
      log.records.splice(0, log.records.length - this.maxLines);
    }
  }

  read(
    namespace: string,
    pod: string,
    container: string,
    options: { tailLines?: number; sinceSeconds?: number; previous?: boolean },
  ): LogRecord[] {
    const logs = this.containers.get(keyOf(namespace, pod, container));
    const log = options.previous ? (logs?.current.ended ? logs.current : logs?.previous) : logs?.current;
    if (!log) return [];
    let records = log.records.slice(-this.maxLines);
    if (options.sinceSeconds !== undefined) {
      const since = this.clock.now() - options.sinceSeconds * 1000;
      records = records.filter((r) => r.at >= since);
    }
    if (options.tailLines !== undefined) {
      records = options.tailLines <= 0 ? [] : records.slice(-options.tailLines);
    }
    return records;
  }

  /**
   * New lines as they are written. `onEnd` (beyond the PodLogs contract, for the HTTP layer) is called
   * when the container stops, or at once when it has already stopped.
   */
  follow(
    namespace: string,
    pod: string,
    container: string,
    listener: (record: LogRecord) => void,
    onEnd?: () => void,
  ): () => void {
    const log = this.entry(namespace, pod, container).current;
    if (log.ended) {
      onEnd?.();
      return () => {};
    }
    const follower: Follower = { onRecord: listener, onEnd };
    log.followers.add(follower);
    return () => log.followers.delete(follower);
  }

  end(namespace: string, pod: string, container: string): void {
    const logs = this.containers.get(keyOf(namespace, pod, container));
    if (!logs || logs.current.ended) return;
    const log = logs.current;
    log.ended = true;
    const followers = [...log.followers];
    log.followers.clear();
    for (const follower of followers) follower.onEnd?.();
  }

  /** Whether the container has an ended log: from before its latest restart, or its own when it stopped. */
  hasPrevious(namespace: string, pod: string, container: string): boolean {
    const logs = this.containers.get(keyOf(namespace, pod, container));
    return logs !== undefined && (logs.current.ended || logs.previous !== undefined);
  }

  /** Forget a deleted pod's logs, ending any follower first. */
  forgetPod(namespace: string, pod: string): void {
    const prefix = `${namespace}/${pod}/`;
    for (const key of [...this.containers.keys()]) {
      if (!key.startsWith(prefix)) continue;
      this.end(namespace, pod, key.slice(prefix.length));
      this.containers.delete(key);
    }
  }

  private entry(namespace: string, pod: string, container: string): ContainerLogs {
    const key = keyOf(namespace, pod, container);
    let logs = this.containers.get(key);
    if (!logs) {
      logs = { current: new ContainerLog(), previous: undefined };
      this.containers.set(key, logs);
    }
    return logs;
  }
}
