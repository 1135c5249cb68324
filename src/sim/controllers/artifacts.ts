// What source-controller stores: artifacts with revision, digest, path and URL under its storage server, and
// the simulated upstreams they come from (Git branch heads move only when a scenario or a fix pushes).
import type { SimStore } from '../types.js';
import { hashHex } from './ids.js';

export const STORAGE_HOST = 'http://source-controller.flux-system.svc.cluster.local.';

export interface Artifact {
  readonly digest: string;
  readonly lastUpdateTime: string;
  readonly path: string;
  readonly revision: string;
  readonly size: number;
  readonly url: string;
}

/** `gitrepository/flux-system/sre-platform/<file>` and its URL on the storage server. */
export function storagePath(kindLower: string, namespace: string, name: string, file: string): string {
  return `${kindLower}/${namespace}/${name}/${file}`;
}

export function makeArtifact(input: {
  readonly kindLower: string;
  readonly namespace: string;
  readonly name: string;
  readonly file: string;
  readonly revision: string;
  readonly at: string;
}): Artifact {
  const digest = hashHex(input.kindLower, input.namespace, input.name, input.revision);
  const path = storagePath(input.kindLower, input.namespace, input.name, input.file);
  return {
    digest: `sha256:${digest}`,
    lastUpdateTime: input.at,
    path,
    revision: input.revision,
    size: 2048 + (Number.parseInt(digest.slice(0, 6), 16) % 900_000),
    url: `${STORAGE_HOST}/${path}`,
  };
}

export interface Commit {
  readonly sha: string;
  readonly subject: string;
}

/** Heads of the simulated Git remotes, by `<url>#<branch>`. */
export class GitRemotes {
  private readonly heads = new Map<string, Commit>();

  head(url: string, branch: string): Commit {
    const key = `${url}#${branch}`;
    let head = this.heads.get(key);
    if (!head) {
      head = {
        sha: hashHex('git', url, branch).slice(0, 40),
        subject: 'Merge pull request #412 from platform/renovate-charts',
      };
      this.heads.set(key, head);
    }
    return head;
  }

  /** The scenario says what the branch points at (so seeded artifacts and the remote agree). */
  seed(url: string, branch: string, commit: Commit): void {
    this.heads.set(`${url}#${branch}`, commit);
  }

  push(url: string, branch: string, subject: string): Commit {
    const previous = this.head(url, branch);
    const commit = { sha: hashHex('commit', previous.sha, subject).slice(0, 40), subject };
    this.heads.set(`${url}#${branch}`, commit);
    return commit;
  }
}

const REMOTES = new WeakMap<SimStore, GitRemotes>();

export function gitRemotesOf(store: SimStore): GitRemotes {
  let remotes = REMOTES.get(store);
  if (!remotes) {
    remotes = new GitRemotes();
    REMOTES.set(store, remotes);
  }
  return remotes;
}
