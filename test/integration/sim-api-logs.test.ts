// pods/log through client-node's Log and raw requests: tailLines, follow until the container stops,
// timestamps, sinceSeconds, container selection errors, previous logs after a restart.

import { PassThrough } from 'node:stream';
import { ApiException, Log } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raw, seedPod, startTestSim, type TestSim, until } from './sim-api-helpers.js';

let t: TestSim;

beforeAll(async () => {
  t = await startTestSim({ clock: 'virtual' });
  seedPod(t.sim, 'flux-system', 'helm-controller-abc', ['manager']);
  seedPod(t.sim, 'flux-system', 'two-containers', ['manager', 'sidecar']);
  for (let i = 1; i <= 10; i++)
    t.sim.logs.append('flux-system', 'helm-controller-abc', 'manager', `line ${i}`);
});
afterAll(async () => {
  await t?.sim.stop();
});

function collect(stream: PassThrough): { text: () => string; ended: Promise<void> } {
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  const ended = new Promise<void>((resolve) => stream.on('end', () => resolve()));
  return { text: () => text, ended };
}

describe('pods/log', () => {
  it('returns the last tailLines lines as text/plain', async () => {
    const res = await raw(
      t.kc,
      'GET',
      '/api/v1/namespaces/flux-system/pods/helm-controller-abc/log?tailLines=3',
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain');
    expect(res.text).toBe('line 8\nline 9\nline 10\n');
  });

  it('follows new lines with client-node Log and ends when the container stops', async () => {
    const stream = new PassThrough();
    const out = collect(stream);
    await new Log(t.kc).log('flux-system', 'helm-controller-abc', 'manager', stream, {
      follow: true,
      tailLines: 2,
    });
    await until(() => out.text() === 'line 9\nline 10\n', 5000, 'the tail');
    t.sim.logs.append('flux-system', 'helm-controller-abc', 'manager', 'line 11');
    t.sim.logs.append('flux-system', 'helm-controller-abc', 'manager', 'line 12');
    await until(() => out.text().endsWith('line 12\n'), 5000, 'followed lines');
    t.sim.logs.end('flux-system', 'helm-controller-abc', 'manager');
    await out.ended;
    expect(out.text()).toBe('line 9\nline 10\nline 11\nline 12\n');
  });

  it('serves the ended log as --previous once the restarted container writes again', async () => {
    t.sim.logs.append('flux-system', 'helm-controller-abc', 'manager', 'fresh start');
    const current = await raw(t.kc, 'GET', '/api/v1/namespaces/flux-system/pods/helm-controller-abc/log');
    expect(current.text).toBe('fresh start\n');
    const previous = await raw(
      t.kc,
      'GET',
      '/api/v1/namespaces/flux-system/pods/helm-controller-abc/log?previous=true&tailLines=1',
    );
    expect(previous.text).toBe('line 12\n');
    const none = await raw(
      t.kc,
      'GET',
      '/api/v1/namespaces/flux-system/pods/two-containers/log?container=manager&previous=true',
    );
    expect(none.status).toBe(400);
    expect(none.json().message).toBe(
      'previous terminated container "manager" in pod "two-containers" not found',
    );
  });

  it('prefixes RFC3339Nano timestamps and honours sinceSeconds on the clock', async () => {
    seedPod(t.sim, 'flux-system', 'stamped', ['manager']);
    t.sim.logs.append('flux-system', 'stamped', 'manager', 'old');
    await t.sim.clock.advance(60_250);
    t.sim.logs.append('flux-system', 'stamped', 'manager', 'new');
    const res = await raw(
      t.kc,
      'GET',
      '/api/v1/namespaces/flux-system/pods/stamped/log?timestamps=true&sinceSeconds=30',
    );
    const at = new Date(t.sim.clock.now()).toISOString().replace('.250Z', '.25Z');
    expect(res.text).toBe(`${at} new\n`);
  });

  it('stops a follow when the pod is deleted', async () => {
    seedPod(t.sim, 'flux-system', 'short-lived', ['manager']);
    const stream = new PassThrough();
    const out = collect(stream);
    await new Log(t.kc).log('flux-system', 'short-lived', 'manager', stream, { follow: true });
    t.sim.logs.append('flux-system', 'short-lived', 'manager', 'bye');
    await until(() => out.text() === 'bye\n', 5000, 'the line');
    t.sim.store.delete('pods', 'flux-system', 'short-lived');
    await out.ended;
    // The stream ended with what was written before the pod went, nothing more.
    expect(out.text()).toBe('bye\n');
  });

  it('requires a container name when the pod has several, with the kubelet wording', async () => {
    const res = await raw(t.kc, 'GET', '/api/v1/namespaces/flux-system/pods/two-containers/log');
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({
      reason: 'BadRequest',
      message: 'a container name must be specified for pod two-containers, choose one of: [manager sidecar]',
    });
    const bad = await raw(
      t.kc,
      'GET',
      '/api/v1/namespaces/flux-system/pods/two-containers/log?container=nope',
    );
    expect(bad.json().message).toBe('container nope is not valid for pod two-containers');
  });

  it('answers a missing pod with 404', async () => {
    try {
      await new Log(t.kc).log('flux-system', 'ghost', 'manager', new PassThrough());
      expect.unreachable('the request should fail');
    } catch (error) {
      expect(error).toBeInstanceOf(ApiException);
      expect((error as ApiException<unknown>).code).toBe(404);
    }
    const res = await raw(t.kc, 'GET', '/api/v1/namespaces/flux-system/pods/ghost/log');
    expect(res.json().message).toBe('pods "ghost" not found');
  });
});
