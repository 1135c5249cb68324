// The benchmark's idle verdict: a frame that only turns durations over at the minute is the console keeping
// its clock right; anything else drawn while nothing happens is a render the budget does not allow.
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ES module of the benchmark, no types
import { classifyFrame, clockFramesAllowed } from '../../bench/lib/idle-frames.mjs';

const before = [
  'fluxdeck  ctx fluxdeck-sim  12 failing of 10066 Flux objects  no events for 9m',
  '  Kustomization  flux-system  team-apps   Failed    124m !  source team-apps   retrying in 30s   124m',
  '  HelmRelease    apps         podinfo     Suspended 3h10m !                    upgrade failed     29d',
  '  GitRepository  flux-system  team-apps   Failed    9m59s !                    checkout failed    9m59s',
];

describe('classifyFrame', () => {
  it('calls a frame where only durations moved a clock frame', () => {
    const after = [
      'fluxdeck  ctx fluxdeck-sim  12 failing of 10066 Flux objects  no events for 10m',
      '  Kustomization  flux-system  team-apps   Failed    125m !  source team-apps   retrying in 30s   125m',
      '  HelmRelease    apps         podinfo     Suspended 3h11m !                    upgrade failed     30d',
      '  GitRepository  flux-system  team-apps   Failed      10m !                    checkout failed      10m',
    ];
    expect(classifyFrame(before, after)).toBe('clock');
  });

  it('calls any other change a render', () => {
    const status = [...before];
    status[1] = (status[1] as string).replace('Failed   ', 'Ready    ');
    expect(classifyFrame(before, status)).toBe('other');
    const message = [...before];
    message[1] = (message[1] as string).replace('retrying in 30s', 'retrying in 15s');
    expect(classifyFrame(before, message)).toBe('other');
    expect(classifyFrame(before, [...before, 'a new line'])).toBe('other');
    const back = [...before];
    back[2] = (back[2] as string).replace('3h10m', '3h9m');
    expect(classifyFrame(before, back)).toBe('other');
    const name = [...before];
    name[2] = (name[2] as string).replace('podinfo', 'podinfx');
    expect(classifyFrame(before, name)).toBe('other');
  });

  it('calls a frame where only durations under ten minutes moved a young frame, counted apart', () => {
    const young = [...before];
    young[3] = (young[3] as string).replaceAll('9m59s', '9m58s');
    const after = [...young];
    after[3] = (after[3] as string).replaceAll('9m58s', '9m59s');
    expect(classifyFrame(young, after)).toBe('young');
    // Together with the minute's turnover it is that turnover's frame.
    const minute = [...after];
    minute[1] = (minute[1] as string).replaceAll('124m', '125m');
    expect(classifyFrame(young, minute)).toBe('clock');
    // Counting down is not the clock, young or not.
    expect(classifyFrame(after, young)).toBe('other');
  });

  it('counts a lower-bound streak (≥) moving on at the minute as the clock, and its bound changing as news', () => {
    const bounded = [
      '  HelmRelease  kyverno  kyverno  Stalled  ≥40m !  ◉ root (blocks 8)  Helm upgrade failed  41d',
    ];
    const minute = [
      '  HelmRelease  kyverno  kyverno  Stalled  ≥41m !  ◉ root (blocks 8)  Helm upgrade failed  42d',
    ];
    expect(classifyFrame(bounded, minute)).toBe('clock');
    const exact = [
      '  HelmRelease  kyverno  kyverno  Stalled   41m !  ◉ root (blocks 8)  Helm upgrade failed  42d',
    ];
    expect(classifyFrame(bounded, exact)).toBe('other');
    expect(classifyFrame(exact, minute)).toBe('other');
  });

  it('sees no change in a repeated frame', () => {
    expect(classifyFrame(before, [...before])).toBe('none');
  });

  it('allows one turnover per minute the window touches', () => {
    expect(clockFramesAllowed(10_000)).toBe(1);
    expect(clockFramesAllowed(60_000)).toBe(1);
    expect(clockFramesAllowed(75_000)).toBe(2);
  });
});
