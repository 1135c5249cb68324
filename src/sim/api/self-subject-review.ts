// POST /apis/authentication.k8s.io/v1/selfsubjectreviews, as `kubectl auth whoami` sends it: nothing is
// stored; the answer is the user the request's token authenticated as, with the groups a cluster admin of
// a kubeadm/kind cluster has.

import type { ApiContext, ResourceRequest } from './context.js';
import { readObject, sendJson } from './http.js';
import { groupVersion } from './output.js';
import { errors } from './status-errors.js';

export async function handleSelfSubjectReview(ctx: ApiContext, r: ResourceRequest): Promise<void> {
  const { def, version, name } = r.route;
  if (name !== undefined) throw errors.methodNotAllowed();
  const body = await readObject(r.req);
  const apiVersion = groupVersion(def, version);
  if (typeof body['kind'] === 'string' && body['kind'] !== def.kind) {
    throw errors.badRequest(
      `the kind in the data (${body['kind']}) does not match the expected kind (${def.kind})`,
    );
  }
  sendJson(r.res, 201, {
    kind: def.kind,
    apiVersion,
    metadata: { creationTimestamp: null },
    status: { userInfo: { username: ctx.user, groups: ['kubeadm:cluster-admins', 'system:authenticated'] } },
  });
}
