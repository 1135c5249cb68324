// Why a simulated object fails: state of the simulated world (a broken chart upgrade, bad Git credentials,
// invalid YAML in Git), set by a scenario and read by the controllers, never visible through the API.
import { type ObjectRef, objectKey } from '../../flux/types.js';
import type { SimStore } from '../types.js';

export interface ObjectFault {
  /** The Ready reason the controller reports, e.g. `UpgradeFailed`, `AuthenticationFailed`, `BuildFailed`. */
  readonly reason: string;
  /** The underlying error text, as the tool (Helm, Git, kustomize) prints it. */
  readonly message: string;
  /**
   * Cleared by an operator intervention — a reset or force request, or a manual Helm rollback — rather than by a
   * fix in Git (e.g. a webhook that was not ready yet during the upgrade).
   */
  readonly transient: boolean;
  /** HelmRelease: only upgrades/installs to this chart version fail. */
  readonly chartVersion?: string;
  /** Fixing it means a new commit in the object's Git source (invalid YAML fixed and pushed). */
  readonly fixedByCommit?: boolean;
}

export class FaultRegistry {
  private readonly faults = new Map<string, ObjectFault>();
  private readonly listeners = new Set<(ref: ObjectRef, fault: ObjectFault) => void>();

  set(ref: ObjectRef, fault: ObjectFault): void {
    this.faults.set(objectKey(ref), fault);
  }

  get(ref: ObjectRef): ObjectFault | undefined {
    return this.faults.get(objectKey(ref));
  }

  /** Removes the fault; listeners (the controllers) react, e.g. by pushing a fix commit to the source. */
  fix(ref: ObjectRef): boolean {
    const fault = this.faults.get(objectKey(ref));
    if (!fault) return false;
    this.faults.delete(objectKey(ref));
    for (const listener of this.listeners) listener(ref, fault);
    return true;
  }

  /** Clears a transient fault after an operator intervention; persistent faults stay. */
  intervene(ref: ObjectRef): void {
    if (this.get(ref)?.transient) this.faults.delete(objectKey(ref));
  }

  onFix(listener: (ref: ObjectRef, fault: ObjectFault) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.faults.size;
  }
}

const REGISTRIES = new WeakMap<SimStore, FaultRegistry>();

/** The fault registry of a simulated cluster (keyed by its store, which scenario and controllers share). */
export function faultsOf(store: SimStore): FaultRegistry {
  let registry = REGISTRIES.get(store);
  if (!registry) {
    registry = new FaultRegistry();
    REGISTRIES.set(store, registry);
  }
  return registry;
}
