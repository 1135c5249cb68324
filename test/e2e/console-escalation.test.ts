// Issue 17 (6), escalation, as the on-call does it in the demo: the header names the crash-looping
// controller, `:ctrl` lists it first with how it last died, `enter` shows why it waits, its limits and what
// its previous container printed before the OOM killer ended it.
import { afterEach, describe, expect, it } from 'vitest';
import { press, runCommand, selectedLine, startDemo } from './support/console.js';
import type { Terminal } from './support/terminal.js';

let term: Terminal | undefined;
afterEach(() => {
  term?.stop();
  term = undefined;
});

describe('fluxdeck --demo, escalating a crash-looping controller', () => {
  it(':ctrl, the crash-looping pod selected, enter: the reason and the previous container’s log', async () => {
    term = await startDemo();
    const home = term.screen();
    expect(home).toMatch(
      /^⚠ controllers: image-reflector-controller CrashLoopBackOff \(last OOMKilled, 7 restarts\)/m,
    );

    const list = await runCommand(term, 'ctrl', /^Controllers\(all\)/m);
    expect(list).toMatch(/^\s+NAMESPACE\s+NAME\s+READY\s+RESTARTS\s+STATUS\s+LAST EXIT\s/m);
    // Sorted first and selected: restarts with when, kubectl-style, and how it last ended.
    expect(selectedLine(list)).toMatch(
      /^>\s+flux-system\s+image-reflector-controller-\S+\s+False\s+7 \(\d+s ago\)\s+CrashLoopBackOff\s+OOMKilled 137\s/,
    );

    const details = await press(term, 'Enter', /loading tags into the badger database/);
    expect(details).toMatch(/^Pod\/flux-system\/image-reflector-controller-/m);
    expect(details).toContain('image-reflector-controller  not ready  CrashLoopBackOff');
    expect(details).toMatch(
      /last terminated: OOMKilled 137, \d+s ago \(out of memory: over its memory limit\)/,
    );
    expect(details).toContain("Previous container's log (last 50 lines)");

    // e: the kubelet's events about the pod.
    const events = await press(
      term,
      'e',
      // The message wraps at a space on a 120-column screen: its pod name may start the next line.
      /Back-off restarting failed container manager in pod\s+image-reflector/,
    );
    expect(events).toMatch(/Warning BackOff\s+Pod\/image-reflector-controller-\S+ \(x\d+\)/);
  }, 120_000);
});
