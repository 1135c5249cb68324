// The resources the simulated API serves: the Flux kinds of the catalog at the versions of the chosen
// Flux profile, plus the few built-in kinds the console and kubectl need. Discovery, routing, RBAC
// messages and Table output all read this table.

import { type FluxKind, KINDS, type PrinterColumn } from '../flux/kinds.js';
import type { FluxVersionProfile, ResourceId } from './types.js';

export type SubresourceName = 'status' | 'log';

export interface ResourceDef {
  readonly id: ResourceId;
  /** '' for the core group. */
  readonly group: string;
  /** Served versions, preferred (storage) first. */
  readonly versions: readonly string[];
  readonly plural: string;
  readonly singular: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly subresources: readonly SubresourceName[];
  /** Custom resources follow CRD rules: no strategic merge patch, list items carry kind/apiVersion. */
  readonly custom: boolean;
  /** additionalPrinterColumns of the CRD (custom resources only). */
  readonly printerColumns: readonly PrinterColumn[];
}

const ALL_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
] as const;

/** Resource ids of the built-in kinds, for code that seeds or reads them. */
export const CORE_RESOURCES = {
  namespaces: 'namespaces',
  pods: 'pods',
  events: 'events',
  secrets: 'secrets',
  configmaps: 'configmaps',
  deployments: 'apps/deployments',
  replicasets: 'apps/replicasets',
  services: 'services',
  serviceaccounts: 'serviceaccounts',
  statefulsets: 'apps/statefulsets',
  daemonsets: 'apps/daemonsets',
  jobs: 'batch/jobs',
  selfsubjectreviews: 'authentication.k8s.io/selfsubjectreviews',
} as const satisfies Record<string, ResourceId>;

export function resourceIdOf(kind: Pick<FluxKind, 'group' | 'plural'>): ResourceId {
  return `${kind.group}/${kind.plural}`;
}

interface BuiltIn {
  group: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  subresources: SubresourceName[];
  verbs?: readonly string[];
}

const BUILT_INS: readonly BuiltIn[] = [
  {
    group: '',
    plural: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
    categories: [],
    subresources: ['status'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  },
  {
    group: '',
    plural: 'pods',
    singular: 'pod',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['log', 'status'],
  },
  {
    group: '',
    plural: 'events',
    singular: 'event',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
    categories: [],
    subresources: [],
  },
  {
    group: '',
    plural: 'secrets',
    singular: 'secret',
    kind: 'Secret',
    namespaced: true,
    shortNames: [],
    categories: [],
    subresources: [],
  },
  {
    group: '',
    plural: 'configmaps',
    singular: 'configmap',
    kind: 'ConfigMap',
    namespaced: true,
    shortNames: ['cm'],
    categories: [],
    subresources: [],
  },
  {
    group: 'apps',
    plural: 'deployments',
    singular: 'deployment',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['status'],
  },
  {
    group: 'apps',
    plural: 'replicasets',
    singular: 'replicaset',
    kind: 'ReplicaSet',
    namespaced: true,
    shortNames: ['rs'],
    categories: ['all'],
    subresources: ['status'],
  },
  {
    group: '',
    plural: 'services',
    singular: 'service',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    subresources: ['status'],
  },
  {
    group: '',
    plural: 'serviceaccounts',
    singular: 'serviceaccount',
    kind: 'ServiceAccount',
    namespaced: true,
    shortNames: ['sa'],
    categories: [],
    subresources: [],
  },
  {
    group: 'apps',
    plural: 'statefulsets',
    singular: 'statefulset',
    kind: 'StatefulSet',
    namespaced: true,
    shortNames: ['sts'],
    categories: ['all'],
    subresources: ['status'],
  },
  {
    group: 'apps',
    plural: 'daemonsets',
    singular: 'daemonset',
    kind: 'DaemonSet',
    namespaced: true,
    shortNames: ['ds'],
    categories: ['all'],
    subresources: ['status'],
  },
  {
    group: 'batch',
    plural: 'jobs',
    singular: 'job',
    kind: 'Job',
    namespaced: true,
    shortNames: [],
    categories: ['all'],
    subresources: ['status'],
  },
  {
    // Create-only and never stored: the answer says who the request's credentials belong to.
    group: 'authentication.k8s.io',
    plural: 'selfsubjectreviews',
    singular: 'selfsubjectreview',
    kind: 'SelfSubjectReview',
    namespaced: false,
    shortNames: [],
    categories: [],
    subresources: [],
    verbs: ['create'],
  },
];

function builtInDef(b: BuiltIn): ResourceDef {
  return {
    id: b.group === '' ? b.plural : `${b.group}/${b.plural}`,
    group: b.group,
    versions: ['v1'],
    plural: b.plural,
    singular: b.singular,
    kind: b.kind,
    namespaced: b.namespaced,
    verbs: b.verbs ?? ALL_VERBS,
    shortNames: b.shortNames,
    categories: b.categories,
    subresources: b.subresources,
    custom: false,
    printerColumns: [],
  };
}

function fluxDef(kind: FluxKind, versions: readonly string[]): ResourceDef {
  return {
    id: resourceIdOf(kind),
    group: kind.group,
    versions,
    plural: kind.plural,
    singular: kind.singular,
    kind: kind.kind,
    namespaced: true,
    verbs: ALL_VERBS,
    shortNames: kind.shortNames,
    categories: kind.categories,
    subresources: ['status'],
    custom: true,
    printerColumns: kind.printerColumns,
  };
}

export interface ApiGroup {
  readonly name: string;
  readonly versions: readonly string[];
}

export class ResourceRegistry {
  private readonly defs: readonly ResourceDef[];
  private readonly removed = new Set<ResourceId>();
  /**
   * A restarted API server serves before its apiextensions controllers have registered the CRDs again:
   * while true, every custom resource is left out of discovery and its paths answer 404.
   */
  registering = false;

  constructor(readonly profile: FluxVersionProfile) {
    const flux = KINDS.flatMap((kind) => {
      const versions = profile === 'legacy' ? kind.legacyVersions : kind.versions.slice(0, 1);
      return versions.length > 0 ? [fluxDef(kind, versions)] : [];
    });
    this.defs = [...BUILT_INS.map(builtInDef), ...flux];
  }

  /** Every resource currently served (removed CRDs excluded). */
  served(): ResourceDef[] {
    return this.defs.filter((d) => !this.removed.has(d.id) && !(this.registering && d.custom));
  }

  byId(id: ResourceId): ResourceDef | undefined {
    return this.served().find((d) => d.id === id);
  }

  /** The resource at /apis/<group>/<version>/<plural>, if served at that version. */
  find(group: string, version: string, plural: string): ResourceDef | undefined {
    return this.served().find(
      (d) => d.group === group && d.plural === plural && d.versions.includes(version),
    );
  }

  inGroupVersion(group: string, version: string): ResourceDef[] {
    return this.served().filter((d) => d.group === group && d.versions.includes(version));
  }

  /** Served API groups except the core group, versions preferred first, in a stable order. */
  groups(): ApiGroup[] {
    const groups = new Map<string, string[]>();
    for (const def of this.served()) {
      if (def.group === '') continue;
      const versions = groups.get(def.group) ?? [];
      for (const v of def.versions) if (!versions.includes(v)) versions.push(v);
      groups.set(def.group, versions);
    }
    return [...groups].map(([name, versions]) => ({ name, versions }));
  }

  /** Takes a custom resource out of discovery and routing, as if its CRD were deleted. */
  remove(kind: string): ResourceDef {
    const def = this.customByKind(kind);
    this.removed.add(def.id);
    return def;
  }

  restore(kind: string): void {
    this.removed.delete(this.customByKind(kind).id);
  }

  restoreAll(): void {
    this.removed.clear();
  }

  private customByKind(kind: string): ResourceDef {
    const def = this.defs.find((d) => d.custom && d.kind === kind);
    if (!def) throw new Error(`no custom resource of kind ${kind} is served by this simulated cluster`);
    return def;
  }
}
