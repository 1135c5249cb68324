// Which version of each Flux kind the server serves: the newest version in the catalog that the server lists
// for the kind's plural, falling back through older ones (docs/flux-api.md: OCIRepository was v1beta2-only
// before Flux 2.6 while GitRepository was already v1, so groups are not enough — versions' resource lists
// decide). One GET /apis, then one GET per group version that matters, each at most once per run.
import { type FluxKind, type KindName, kindInfo } from '../flux/kinds.js';
import { isKubeError } from './errors.js';
import type { ResourceType } from './paths.js';
import type { Transport } from './transport.js';

export type Discovered =
  | { readonly kind: KindName; readonly served: true; readonly resource: ResourceType }
  | {
      readonly kind: KindName;
      readonly served: false;
      readonly message: string;
      /** The server's side of it alone, e.g. `the API group helm.toolkit.fluxcd.io is not served`. */
      readonly why: string;
    };

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** One discovery pass: answers are memoised so that many kinds cost one request per group version. */
export class DiscoverySession {
  private groups: Promise<Map<string, Set<string>>> | undefined;
  private readonly resources = new Map<string, Promise<Set<string>>>();

  constructor(
    private readonly transport: Transport,
    private readonly signal?: AbortSignal,
  ) {}

  /**
   * Asks for the served groups now, so that a kind that needs discovery later finds them already here;
   * a failure is left for discover() to report.
   */
  prefetchGroups(): void {
    this.servedGroups().catch(() => undefined);
  }

  private servedGroups(): Promise<Map<string, Set<string>>> {
    this.groups ??= this.transport
      .request({ path: '/apis', signal: this.signal, about: { verb: 'get', resource: 'API groups' } })
      .then((body) => {
        const map = new Map<string, Set<string>>();
        for (const g of asArray(asRecord(body)['groups'])) {
          const name = asRecord(g)['name'];
          if (typeof name !== 'string') continue;
          const versions = asArray(asRecord(g)['versions'])
            .map((v) => asRecord(v)['version'])
            .filter((v): v is string => typeof v === 'string');
          map.set(name, new Set(versions));
        }
        return map;
      });
    return this.groups;
  }

  private servedPlurals(group: string, version: string): Promise<Set<string>> {
    const key = `${group}/${version}`;
    let found = this.resources.get(key);
    if (!found) {
      found = this.transport
        .request({
          path: `/apis/${group}/${version}`,
          signal: this.signal,
          about: { verb: 'get', resource: key, collection: true },
        })
        .then(
          (body) =>
            new Set(
              asArray(asRecord(body)['resources'])
                .map((r) => asRecord(r)['name'])
                .filter((n): n is string => typeof n === 'string' && !n.includes('/')),
            ),
          (error: unknown) => {
            // The version disappeared between the two requests: treat as not served.
            if (isKubeError(error, 'not-installed') || isKubeError(error, 'not-found'))
              return new Set<string>();
            throw error;
          },
        );
      this.resources.set(key, found);
    }
    return found;
  }

  private ready: Promise<boolean> | undefined;

  /**
   * Whether the server says it is fully up: /readyz answers 200 (its checks include the CRD informer's
   * sync). Only a failing readiness (5xx) counts as "not up": a server that hides /readyz (403, 404) or
   * cannot be asked is not held against the kinds. Asked at most once per discovery pass.
   */
  serverReady(): Promise<boolean> {
    this.ready ??= this.transport
      .openStream({ path: '/readyz', signal: this.signal, about: { verb: 'get', resource: 'readyz' } })
      .then(
        (response) => {
          response.destroy();
          return true;
        },
        (error: unknown) => !(isKubeError(error) && error.status >= 500),
      );
    return this.ready;
  }

  async discover(kind: KindName): Promise<Discovered> {
    const info: FluxKind = kindInfo(kind);
    const versions = (await this.servedGroups()).get(info.group);
    if (!versions) {
      const why = `the API group ${info.group} is not served`;
      return { kind, served: false, message: notInstalled(info, why), why };
    }
    for (const version of info.versions) {
      if (!versions.has(version)) continue;
      if ((await this.servedPlurals(info.group, version)).has(info.plural)) {
        return { kind, served: true, resource: { group: info.group, version, plural: info.plural } };
      }
    }
    const why = `no version this console knows (${info.versions.join(', ')}) is served`;
    return { kind, served: false, message: notInstalled(info, why), why };
  }
}

function notInstalled(info: FluxKind, why: string): string {
  return `${info.kind} (${info.plural}.${info.group}) is not installed: ${why}`;
}
