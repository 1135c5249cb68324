// image-reflector-controller (ImageRepository scans, ImagePolicy tag selection) and
// image-automation-controller (ImageUpdateAutomation runs). Periodic scans that find the same tags write
// nothing, so an idle cluster stays quiet.
import { kindInfo } from '../../flux/kinds.js';
import { resourceIdOf } from '../resources.js';
import type { SimContext, SimObject } from '../types.js';
import { conditionIs, setCondition } from './conditions.js';
import { type KindHandler, objectStoreKey } from './contract.js';
import { parseGoDuration } from './duration.js';
import { field, getList, getNum, getStr, statusOf } from './json.js';

const IMAGE_REPOSITORIES = resourceIdOf(kindInfo('ImageRepository'));
const IMAGE_POLICIES = resourceIdOf(kindInfo('ImagePolicy'));
const DEFAULT_INTERVAL_MS = 10 * 60_000;

/** Tags a registry would list for an image: a short semver history, newest first. */
export function imageTags(image: string): string[] {
  let seed = 0;
  for (const ch of image) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
  const major = 1 + (seed % 6);
  const minor = 2 + (seed % 9);
  const tags: string[] = [];
  for (let m = minor; m >= Math.max(0, minor - 3); m--) {
    for (let p = m === minor ? seed % 4 : 3; p >= 0; p--) tags.push(`${major}.${m}.${p}`);
  }
  return tags;
}

export function canonicalImageName(image: string): string {
  const first = image.split('/')[0] ?? '';
  if (first.includes('.') || first.includes(':')) return image;
  return image.includes('/') ? `index.docker.io/${image}` : `index.docker.io/library/${image}`;
}

export function imageRepositoryHandler(): KindHandler {
  return {
    kind: 'ImageRepository',
    resource: IMAGE_REPOSITORIES,
    controller: 'image-reflector-controller',
    revisionOf: (o) => getList(o, 'status', 'lastScanResult', 'latestTags').join(','),
    intervalOf: (o) => parseGoDuration(field(o, 'spec', 'interval')) ?? DEFAULT_INTERVAL_MS,
    start(repo, attempt) {
      const image = getStr(repo, 'spec', 'image');
      const tags = imageTags(image);
      const interval = parseGoDuration(field(repo, 'spec', 'interval')) ?? DEFAULT_INTERVAL_MS;
      return {
        progress: { reconciling: 'reconciliation in progress', ready: 'reconciliation in progress' },
        finish(draft) {
          const status = statusOf(draft);
          const same = getNum(draft, 'status', 'lastScanResult', 'tagCount') === tags.length;
          const message = `successful scan: found ${tags.length} tags`;
          if (!same || attempt.triggered) {
            status.canonicalImageName = canonicalImageName(image);
            status.lastScanResult = {
              tagCount: tags.length,
              scanTime: attempt.nowIso(),
              latestTags: tags.slice(0, 10),
            };
            status.observedExclusionList = ['^.*\\.sig$'];
          }
          setCondition(
            draft,
            { type: 'Ready', status: 'True', reason: 'Succeeded', message },
            attempt.nowIso(),
          );
          attempt.log('info', message);
          return { state: 'ready', requeueAfterMs: interval };
        },
      };
    },
  };
}

export function imagePolicyHandler(ctx: SimContext): KindHandler {
  const repoOf = (o: SimObject) => ({
    namespace: getStr(o, 'spec', 'imageRepositoryRef', 'namespace') || (o.metadata.namespace ?? 'default'),
    name: getStr(o, 'spec', 'imageRepositoryRef', 'name'),
  });
  return {
    kind: 'ImagePolicy',
    resource: IMAGE_POLICIES,
    controller: 'image-reflector-controller',
    sourcesOf: (o) => [objectStoreKey(IMAGE_REPOSITORIES, repoOf(o).namespace, repoOf(o).name)],
    revisionOf: (o) => getStr(o, 'status', 'latestRef', 'tag'),
    intervalOf: () => undefined,
    start(policy, attempt) {
      const ref = repoOf(policy);
      const repo = ctx.store.get(IMAGE_REPOSITORIES, ref.namespace, ref.name);
      const tags = repo ? getList(repo, 'status', 'lastScanResult', 'latestTags').map(String) : [];
      return {
        progress: { reconciling: 'reconciliation in progress', ready: 'reconciliation in progress' },
        finish(draft) {
          const now = attempt.nowIso();
          if (!repo || !conditionIs(repo, 'Ready', 'True') || tags.length === 0) {
            const message = `cannot determine latest tag for policy: ImageRepository '${ref.namespace}/${ref.name}' is not ready`;
            setCondition(
              draft,
              { type: 'Ready', status: 'False', reason: 'DependencyNotReady', message },
              now,
            );
            attempt.log('error', 'Reconciler error', { error: message });
            return { state: 'retry', requeueAfterMs: 30_000 };
          }
          const image = getStr(repo, 'spec', 'image');
          const tag = tags[0] ?? 'latest';
          const status = statusOf(draft);
          const previous = field(draft, 'status', 'latestRef');
          if (getStr(previous, 'tag') && getStr(previous, 'tag') !== tag)
            status.observedPreviousRef = previous;
          status.latestRef = { name: image, tag };
          const message = `Latest image tag for ${image} resolved to ${tag}`;
          setCondition(draft, { type: 'Ready', status: 'True', reason: 'Succeeded', message }, now);
          attempt.log('info', message);
          return { state: 'ready' };
        },
      };
    },
  };
}

export function imageUpdateAutomationHandler(ctx: SimContext): KindHandler {
  return {
    kind: 'ImageUpdateAutomation',
    resource: resourceIdOf(kindInfo('ImageUpdateAutomation')),
    controller: 'image-automation-controller',
    intervalOf: (o) => parseGoDuration(field(o, 'spec', 'interval')) ?? DEFAULT_INTERVAL_MS,
    start(auto, attempt) {
      const namespace = auto.metadata.namespace ?? 'default';
      const policies = ctx.store.list(IMAGE_POLICIES, namespace);
      const gitName = getStr(auto, 'spec', 'sourceRef', 'name');
      const git = ctx.store.get(resourceIdOf(kindInfo('GitRepository')), namespace, gitName);
      const interval = parseGoDuration(field(auto, 'spec', 'interval')) ?? DEFAULT_INTERVAL_MS;
      return {
        progress: { reconciling: 'reconciliation in progress', ready: 'reconciliation in progress' },
        finish(draft) {
          const status = statusOf(draft);
          const observed = Object.fromEntries(
            policies.map((p) => [
              p.metadata.name,
              {
                name: getStr(p, 'status', 'latestRef', 'name'),
                tag: getStr(p, 'status', 'latestRef', 'tag'),
              },
            ]),
          );
          const sourceRevision = git ? getStr(git, 'status', 'artifact', 'revision') : '';
          if (attempt.triggered || !field(status, 'lastAutomationRunTime')) {
            status.lastAutomationRunTime = attempt.nowIso();
          }
          status.observedPolicies = observed;
          if (sourceRevision) status.observedSourceRevision = sourceRevision;
          setCondition(
            draft,
            { type: 'Ready', status: 'True', reason: 'Succeeded', message: 'repository up-to-date' },
            attempt.nowIso(),
          );
          attempt.log('info', 'no changes made in working directory; no commit');
          return { state: 'ready', requeueAfterMs: interval };
        },
      };
    },
  };
}
