import { describe, expect, it } from 'vitest';
import { boundHeapGrowth } from '../../src/heap-tuning.js';

describe('boundHeapGrowth', () => {
  it('bounds the old generation’s growth', () => {
    expect(boundHeapGrowth({}, [])).toEqual(['--heap-growing-percent=40']);
    expect(boundHeapGrowth({ NODE_OPTIONS: '--max-semi-space-size=16' }, [])).toEqual([
      '--heap-growing-percent=40',
    ]);
  });

  it('leaves the flag alone when the user set it (NODE_OPTIONS or node arguments, either spelling)', () => {
    expect(boundHeapGrowth({ NODE_OPTIONS: '--heap-growing-percent=80' }, [])).toEqual([]);
    expect(boundHeapGrowth({}, ['--heap_growing_percent=80'])).toEqual([]);
  });
});
