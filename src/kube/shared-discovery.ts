// Discovery shared by every watch of a cluster port. A watch that needs fresh answers (after a 404 or a
// disconnection) asks for a session newer than the one it used; when many watches fail together they all
// get the same new session, so a reconnect costs one discovery pass, not one per kind.
import type { KindName } from '../flux/kinds.js';
import { DiscoverySession } from './discovery.js';
import type { Resolution } from './list-watch.js';
import type { Transport } from './transport.js';

export class SharedDiscovery {
  private session: DiscoverySession;
  private generation = 0;

  constructor(
    private readonly transport: Transport,
    private readonly signal?: AbortSignal,
  ) {
    this.session = new DiscoverySession(transport, signal);
  }

  private newerThan(used: number): { session: DiscoverySession; generation: number } {
    if (this.generation <= used) {
      this.session = new DiscoverySession(this.transport, this.signal);
      this.generation = used + 1;
    }
    return { session: this.session, generation: this.generation };
  }

  /** A resolve function for one kind's ListWatch. */
  resolver(kind: KindName): (fresh: boolean) => Promise<Resolution> {
    let used = -1;
    return async (fresh) => {
      const { session, generation } = fresh
        ? this.newerThan(used)
        : { session: this.session, generation: this.generation };
      used = generation;
      const found = await session.discover(kind);
      return found.served
        ? { served: true, resource: found.resource }
        : { served: false, message: found.message, why: found.why, serverReady: () => session.serverReady() };
    };
  }

  /** The current answer for a kind (for single requests: get, patch). */
  current(kind: KindName): ReturnType<DiscoverySession['discover']> {
    return this.session.discover(kind);
  }

  /** Forget cached answers (the next request for a kind asks the server again). */
  refresh(): void {
    this.newerThan(this.generation);
  }
}
