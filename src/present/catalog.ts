// The console's views as data: what each shows and the words that open it from the command line.
// Kind-specific words (`:hr`, `:gitrepo`, `:bucket` …) come from the kinds catalog, not from here.
import {
  type FluxKind,
  findKind,
  KINDS,
  KINDS_BY_FAMILY,
  type KindFamily,
  type KindName,
} from '../flux/kinds.js';

export type ViewId =
  | 'failing'
  | 'kustomizations'
  | 'helmreleases'
  | 'sources'
  | 'images'
  | 'notifications'
  | 'operator'
  | 'controllers'
  | 'events'
  | 'audit'
  | 'suspended'
  | 'timeline'
  /** `:trace KIND/NAME -n NS`: opened with its object, never by a word alone. */
  | 'trace'
  /** `:tree KIND/NAME -n NS` or `t`: opened with its owner, never by a word alone. */
  | 'tree'
  /** `enter` on a workload in the tree: its pods. */
  | 'workload'
  /** `l` on a workload's pod: its log, followed. */
  | 'podlog';

export interface ViewSpec {
  readonly id: ViewId;
  readonly title: string;
  /** Command-line words that open it. */
  readonly words: readonly string[];
  /** The Flux kinds it lists; empty for the controller pods, events and session views. */
  readonly kinds: readonly KindName[];
  /** When set, a `:word` naming one kind of this family opens this view narrowed to that kind. */
  readonly family?: KindFamily;
}

const kindsOf = (family: KindFamily) => KINDS_BY_FAMILY(family).map((k) => k.kind);

export const VIEWS: readonly ViewSpec[] = [
  { id: 'failing', title: 'Failing', words: ['fail', 'failing'], kinds: KINDS.map((k) => k.kind) },
  {
    id: 'kustomizations',
    title: 'Kustomizations',
    words: ['ks', 'kustomizations'],
    kinds: ['Kustomization'],
  },
  { id: 'helmreleases', title: 'HelmReleases', words: ['hr', 'helmreleases'], kinds: ['HelmRelease'] },
  { id: 'sources', title: 'Sources', words: ['src', 'sources'], kinds: kindsOf('source'), family: 'source' },
  { id: 'images', title: 'Images', words: ['img', 'images'], kinds: kindsOf('image'), family: 'image' },
  {
    id: 'notifications',
    title: 'Notifications',
    words: ['notif', 'notifications'],
    kinds: kindsOf('notification'),
    family: 'notification',
  },
  {
    id: 'operator',
    title: 'Flux Operator',
    words: ['operator', 'fo'],
    kinds: kindsOf('operator'),
    family: 'operator',
  },
  { id: 'controllers', title: 'Controllers', words: ['ctrl', 'controllers', 'pods', 'po'], kinds: [] },
  { id: 'events', title: 'Events', words: ['events', 'ev'], kinds: [] },
  { id: 'audit', title: 'Audit', words: ['audit'], kinds: [] },
  { id: 'suspended', title: 'Suspended', words: ['suspended'], kinds: [] },
  { id: 'timeline', title: 'Timeline', words: ['timeline', 'tl'], kinds: [] },
  { id: 'trace', title: 'Trace', words: [], kinds: [] },
  { id: 'tree', title: 'Tree', words: [], kinds: [] },
  { id: 'workload', title: 'Pods', words: [], kinds: [] },
  { id: 'podlog', title: 'Log', words: [], kinds: [] },
];

/** Words people type that the kinds catalog does not know (flux's own sub-command names). */
const KIND_ALIASES: Readonly<Record<string, KindName>> = {
  git: 'GitRepository',
  oci: 'OCIRepository',
  helm: 'HelmRepository',
  chart: 'HelmChart',
  // The Flux Operator's kinds: `instance` is flux-operator's own word, `fi` FluxInstance's initials.
  fi: 'FluxInstance',
  instance: 'FluxInstance',
};

export function viewSpec(id: ViewId): ViewSpec {
  const found = VIEWS.find((v) => v.id === id);
  if (!found) throw new Error(`unknown view ${id}`);
  return found;
}

export interface ViewTarget {
  readonly view: ViewId;
  /** Narrows a family view (Sources, Images, Notifications) to one kind. */
  readonly kind?: KindName;
}

/** What `:word` opens: a view by its own words, or the view of a kind (narrowed within a family view). */
export function viewForWord(word: string): ViewTarget | undefined {
  const w = word.toLowerCase();
  const direct = VIEWS.find((v) => v.words.includes(w));
  if (direct) return { view: direct.id };
  const alias = KIND_ALIASES[w];
  const kind: FluxKind | undefined = alias ? KINDS.find((k) => k.kind === alias) : findKind(w);
  if (!kind) return undefined;
  const exact = VIEWS.find((v) => v.family === undefined && v.kinds.length === 1 && v.kinds[0] === kind.kind);
  if (exact) return { view: exact.id };
  const family = VIEWS.find((v) => v.family === kind.family);
  return family ? { view: family.id, kind: kind.kind } : undefined;
}

/** Every word that opens something, for completion: view words, aliases, kind short names and plurals. */
export function viewWords(): readonly string[] {
  const words = new Set<string>();
  for (const v of VIEWS) for (const w of v.words) words.add(w);
  for (const w of Object.keys(KIND_ALIASES)) words.add(w);
  for (const k of KINDS) {
    for (const s of k.shortNames) words.add(s);
    words.add(k.singular);
  }
  return [...words];
}
