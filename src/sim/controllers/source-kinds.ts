// Where each source kind's revision comes from and how source-controller words it (docs/flux-api.md).
import { kindInfo } from '../../flux/kinds.js';
import { resourceIdOf } from '../resources.js';
import type { SimContext, SimObject } from '../types.js';
import { gitRemotesOf } from './artifacts.js';
import { resolveChartVersion } from './charts.js';
import { type KindHandler, objectStoreKey } from './contract.js';
import { hashHex } from './ids.js';
import { field, getStr } from './json.js';
import { faultsOf } from './object-faults.js';
import { type FetchFailure, type FetchSuccess, sourceHandler } from './source.js';

const ref = (
  kind: 'GitRepository' | 'OCIRepository' | 'HelmRepository' | 'HelmChart' | 'Bucket',
  o: SimObject,
) => ({
  kind,
  namespace: o.metadata.namespace ?? '',
  name: o.metadata.name,
});

function faultFailure(
  ctx: SimContext,
  kind: Parameters<typeof ref>[0],
  o: SimObject,
  prefix: (m: string) => string,
): FetchFailure | undefined {
  const fault = faultsOf(ctx.store).get(ref(kind, o));
  return fault
    ? { ok: false, reason: fault.reason, message: prefix(fault.message), condition: 'FetchFailed' }
    : undefined;
}

export function sourceHandlers(ctx: SimContext): KindHandler[] {
  return [gitRepository(ctx), ociRepository(ctx), helmRepository(ctx), helmChart(ctx), bucket(ctx)];
}

function gitRepository(ctx: SimContext): KindHandler {
  return sourceHandler({
    kind: 'GitRepository',
    latestFile: 'latest.tar.gz',
    fetch(o) {
      const url = getStr(o, 'spec', 'url');
      const failure = faultFailure(
        ctx,
        'GitRepository',
        o,
        (m) => `failed to checkout and determine revision: unable to clone '${url}': ${m}`,
      );
      if (failure) return failure;
      const branch = getStr(o, 'spec', 'ref', 'branch') || getStr(o, 'spec', 'ref', 'tag') || 'master';
      const head = gitRemotesOf(ctx.store).head(url, branch);
      const revision = `${branch}@sha1:${head.sha}`;
      return success(
        revision,
        `${head.sha}.tar.gz`,
        `stored artifact for revision '${revision}'`,
        `stored artifact for commit '${head.subject}'`,
      );
    },
  });
}

function ociRepository(ctx: SimContext): KindHandler {
  return sourceHandler({
    kind: 'OCIRepository',
    latestFile: 'latest.tar.gz',
    fetch(o) {
      const url = getStr(o, 'spec', 'url');
      const failure = faultFailure(
        ctx,
        'OCIRepository',
        o,
        (m) => `failed to determine artifact digest: ${m}`,
      );
      if (failure) return failure;
      const tag = getStr(o, 'spec', 'ref', 'tag') || 'latest';
      const digest = hashHex('oci', url, tag);
      const revision = `${tag}@sha256:${digest}`;
      return success(
        revision,
        `${digest}.tar.gz`,
        `stored artifact for digest '${revision}'`,
        `stored artifact with revision '${revision}' from '${url}'`,
      );
    },
  });
}

function helmRepository(ctx: SimContext): KindHandler {
  return sourceHandler({
    kind: 'HelmRepository',
    latestFile: 'index.yaml',
    fetch(o) {
      // OCI Helm repositories have no status logic: Flux treats them as static (docs/flux-api.md).
      if (field(o, 'spec', 'type') === 'oci') return undefined;
      const url = getStr(o, 'spec', 'url');
      const failure = faultFailure(
        ctx,
        'HelmRepository',
        o,
        (m) => `failed to fetch Helm repository index: ${m}`,
      );
      if (failure) return failure;
      const digest = hashHex('index', url);
      const revision = `sha256:${digest}`;
      return success(
        revision,
        `index-${digest}.yaml`,
        `stored artifact: revision '${revision}'`,
        `stored fetched index of size 2.1MB from '${url}'`,
      );
    },
  });
}

function bucket(ctx: SimContext): KindHandler {
  return sourceHandler({
    kind: 'Bucket',
    latestFile: 'latest.tar.gz',
    fetch(o) {
      const name = getStr(o, 'spec', 'bucketName');
      const failure = faultFailure(
        ctx,
        'Bucket',
        o,
        (m) => `failed to confirm existence of '${name}' bucket: ${m}`,
      );
      if (failure) return failure;
      const digest = hashHex('bucket', getStr(o, 'spec', 'endpoint'), name);
      const revision = `sha256:${digest}`;
      return success(
        revision,
        `${digest}.tar.gz`,
        `stored artifact: revision '${revision}'`,
        `stored artifact with 27 fetched files from '${name}' bucket`,
      );
    },
  });
}

function helmChart(ctx: SimContext): KindHandler {
  const sourceOf = (o: SimObject) => {
    const kind = getStr(o, 'spec', 'sourceRef', 'kind') || 'HelmRepository';
    const info =
      kind === 'GitRepository' || kind === 'Bucket' || kind === 'HelmRepository' ? kindInfo(kind) : undefined;
    return {
      kind,
      name: getStr(o, 'spec', 'sourceRef', 'name'),
      resource: info ? resourceIdOf(info) : undefined,
    };
  };
  return sourceHandler({
    kind: 'HelmChart',
    latestFile: 'latest.tar.gz',
    sourcesOf(o) {
      const source = sourceOf(o);
      return source.resource ? [objectStoreKey(source.resource, o.metadata.namespace, source.name)] : [];
    },
    fetch(o) {
      const chart = getStr(o, 'spec', 'chart');
      const source = sourceOf(o);
      const failure = faultFailure(ctx, 'HelmChart', o, (m) => m);
      if (failure) return failure;
      const found = source.resource
        ? ctx.store.get(source.resource, o.metadata.namespace, source.name)
        : undefined;
      if (!found) {
        return fetchFailure(
          'SourceUnavailable',
          `failed to get source: ${source.kind}.source.toolkit.fluxcd.io "${source.name}" not found`,
        );
      }
      const isOci = source.kind === 'HelmRepository' && field(found, 'spec', 'type') === 'oci';
      const sourceRevision = getStr(found, 'status', 'artifact', 'revision');
      if (!isOci && sourceRevision === '') {
        return fetchFailure(
          'NoSourceArtifact',
          `no artifact available for ${source.kind} source '${source.name}'`,
        );
      }
      const version = resolveChartVersion(chart, getStr(o, 'spec', 'version') || '*');
      const packaged = source.kind !== 'HelmRepository';
      const message = `${packaged ? 'packaged' : 'pulled'} '${chart}' chart with version '${version}'`;
      const reason = packaged ? 'ChartPackageSucceeded' : 'ChartPullSucceeded';
      return {
        ok: true,
        revision: version,
        file: `${chart}-${version}.tgz`,
        reason,
        readyMessage: message,
        eventReason: reason,
        eventMessage: message,
        extraStatus: {
          observedChartName: chart,
          ...(sourceRevision ? { observedSourceArtifactRevision: sourceRevision } : {}),
          observedValuesFiles: [],
        },
      };
    },
  });
}

function success(revision: string, file: string, readyMessage: string, eventMessage: string): FetchSuccess {
  return {
    ok: true,
    revision,
    file,
    reason: 'Succeeded',
    readyMessage,
    eventReason: 'NewArtifact',
    eventMessage,
  };
}

function fetchFailure(reason: string, message: string): FetchFailure {
  return { ok: false, reason, message, condition: 'FetchFailed' };
}
