import { describe, expect, it } from 'vitest';
import { boundHeapGrowth } from '../../src/heap-tuning.js';

describe('boundHeapGrowth', () => {
  it('bounds the young generation and the old generation’s growth', () => {
    expect(boundHeapGrowth({}, [])).toEqual(['--max-semi-space-size=16', '--heap-growing-percent=40']);
  });

  it('leaves a flag the user set (NODE_OPTIONS or node arguments, either spelling) alone', () => {
    expect(boundHeapGrowth({ NODE_OPTIONS: '--max-semi-space-size=64' }, [])).toEqual([
      '--heap-growing-percent=40',
    ]);
    expect(boundHeapGrowth({}, ['--heap_growing_percent=80'])).toEqual(['--max-semi-space-size=16']);
  });
});
