// notification-controller: Alerts and Providers (v1beta3) have no status logic at all — `flux get` prints a
// constant Ready (docs/flux-api.md) — so only Receivers are reconciled: they get their webhook path.
import { kindInfo } from '../../flux/kinds.js';
import { resourceIdOf } from '../resources.js';
import { setCondition } from './conditions.js';
import type { KindHandler } from './contract.js';
import { sha256Hex } from './ids.js';
import { getStr, statusOf } from './json.js';

export function receiverHandler(): KindHandler {
  return {
    kind: 'Receiver',
    resource: resourceIdOf(kindInfo('Receiver')),
    controller: 'notification-controller',
    intervalOf: () => undefined,
    start(receiver, attempt) {
      const token = getStr(receiver, 'spec', 'secretRef', 'name');
      const path = `/hook/${sha256Hex(`${token}${receiver.metadata.name}${receiver.metadata.namespace ?? ''}`)}`;
      return {
        progress: { reconciling: 'reconciliation in progress', ready: 'reconciliation in progress' },
        finish(draft) {
          statusOf(draft).webhookPath = path;
          const message = `Receiver initialized for path: ${path}`;
          setCondition(
            draft,
            { type: 'Ready', status: 'True', reason: 'Succeeded', message },
            attempt.nowIso(),
          );
          attempt.log('info', message);
          return { state: 'ready' };
        },
      };
    },
  };
}
