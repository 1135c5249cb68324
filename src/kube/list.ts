// A full list of a collection, paginated with limit/continue so 10,000 objects never arrive as one giant
// answer; restarts once without a continue token when the token expired (410), as client-go does.
import { isKubeError } from './errors.js';
import { withoutManagedFields } from './managed-fields.js';
import { collectionPath, type ResourceType, resourceName } from './paths.js';
import type { RawObject } from './port.js';
import type { Transport } from './transport.js';

export interface ListOptions {
  readonly namespace: string | undefined;
  readonly pageSize?: number;
  readonly labelSelector?: string | undefined;
  readonly fieldSelector?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /**
   * Items as the server sent them, metadata.managedFields included: for a read whose objects are gone as
   * soon as each kind is read (`status`), where dropping them is a copy of every object for nothing.
   */
  readonly keepManagedFields?: boolean;
}

export interface ListResult {
  readonly items: RawObject[];
  /** The list's resourceVersion: where a watch continues from. */
  readonly resourceVersion: string;
  readonly apiVersion: string;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export const DEFAULT_PAGE_SIZE = 500;

export async function listAll(
  transport: Transport,
  resource: ResourceType,
  options: ListOptions,
): Promise<ListResult> {
  try {
    return await listPages(transport, resource, options, options.pageSize ?? DEFAULT_PAGE_SIZE);
  } catch (error) {
    if (!isKubeError(error, 'gone')) throw error;
    return listPages(transport, resource, options, undefined);
  }
}

async function listPages(
  transport: Transport,
  resource: ResourceType,
  options: ListOptions,
  limit: number | undefined,
): Promise<ListResult> {
  const apiVersion = resource.group === '' ? resource.version : `${resource.group}/${resource.version}`;
  const kind = kindOfList(resource);
  const items: RawObject[] = [];
  let resourceVersion = '';
  let token: string | undefined;
  do {
    const body = record(
      await transport.request({
        path: collectionPath(resource, options.namespace),
        query: {
          limit,
          continue: token,
          labelSelector: options.labelSelector,
          fieldSelector: options.fieldSelector,
        },
        signal: options.signal,
        timeoutMs: 60_000,
        about: {
          verb: 'list',
          resource: resourceName(resource),
          namespace: options.namespace,
          collection: true,
        },
      }),
    );
    const page = body['items'];
    if (Array.isArray(page)) {
      for (const item of page) {
        if (typeof item !== 'object' || item === null) continue;
        // List items often omit apiVersion/kind; the objects are freshly parsed and ours, so fill them in place.
        const obj = item as Record<string, unknown>;
        if (typeof obj['apiVersion'] !== 'string') obj['apiVersion'] = apiVersion;
        if (typeof obj['kind'] !== 'string' && kind) obj['kind'] = kind;
        items.push(options.keepManagedFields ? obj : withoutManagedFields(obj));
      }
    }
    const meta = record(body['metadata']);
    resourceVersion = typeof meta['resourceVersion'] === 'string' ? meta['resourceVersion'] : resourceVersion;
    token = typeof meta['continue'] === 'string' && meta['continue'] !== '' ? meta['continue'] : undefined;
  } while (token !== undefined && limit !== undefined);
  return { items, resourceVersion, apiVersion };
}

const CORE_KINDS: Readonly<Record<string, string>> = {
  pods: 'Pod',
  events: 'Event',
  secrets: 'Secret',
  deployments: 'Deployment',
};

function kindOfList(resource: ResourceType): string | undefined {
  return CORE_KINDS[resource.plural];
}
