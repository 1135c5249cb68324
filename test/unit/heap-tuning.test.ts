import { describe, expect, it } from 'vitest';
import { boundHeapGrowth, restartWithStartFlags } from '../../src/heap-tuning.js';

describe('boundHeapGrowth', () => {
  it('bounds the old generation’s growth', () => {
    expect(boundHeapGrowth({}, [])).toEqual(['--heap-growing-percent=25']);
    expect(boundHeapGrowth({ NODE_OPTIONS: '--max-semi-space-size=16' }, [])).toEqual([
      '--heap-growing-percent=25',
    ]);
  });

  it('leaves the flag alone when the user set it (NODE_OPTIONS or node arguments, either spelling)', () => {
    expect(boundHeapGrowth({ NODE_OPTIONS: '--heap-growing-percent=80' }, [])).toEqual([]);
    expect(boundHeapGrowth({}, ['--heap_growing_percent=80'])).toEqual([]);
  });
});

describe('restartWithStartFlags', () => {
  const argv = ['/usr/bin/node', '/opt/fluxdeck/dist/cli.js', '--demo', '-A'];

  it('starts the same command again with a bounded young generation, two malloc arenas and a fixed mmap threshold, keeping node’s own arguments and the environment', () => {
    expect(
      restartWithStartFlags({ KUBECONFIG: '/tmp/k' }, ['--enable-source-maps'], argv, '/usr/bin/node'),
    ).toEqual({
      file: '/usr/bin/node',
      args: [
        '/usr/bin/node',
        '--max-semi-space-size=4',
        '--enable-source-maps',
        '/opt/fluxdeck/dist/cli.js',
        '--demo',
        '-A',
      ],
      env: {
        KUBECONFIG: '/tmp/k',
        MALLOC_ARENA_MAX: '2',
        GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=65536',
      },
    });
  });

  it('keeps the user’s own MALLOC_ARENA_MAX', () => {
    expect(restartWithStartFlags({ MALLOC_ARENA_MAX: '8' }, [], argv, '/usr/bin/node')?.env).toMatchObject({
      MALLOC_ARENA_MAX: '8',
    });
  });

  it('keeps the user’s own GLIBC_TUNABLES', () => {
    const own = 'glibc.malloc.tcache_count=0';
    expect(restartWithStartFlags({ GLIBC_TUNABLES: own }, [], argv, '/usr/bin/node')?.env).toEqual({
      MALLOC_ARENA_MAX: '2',
      GLIBC_TUNABLES: own,
    });
  });

  it('does not restart once the flag is there (no loop), nor over the user’s own value', () => {
    expect(restartWithStartFlags({}, ['--max-semi-space-size=16'], argv, '/usr/bin/node')).toBeUndefined();
    expect(
      restartWithStartFlags({ NODE_OPTIONS: '--max_semi_space_size=64' }, [], argv, '/usr/bin/node'),
    ).toBeUndefined();
  });
});
