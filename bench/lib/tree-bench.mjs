// The tree of a large Kustomization (`:tree`, docs/inventory.md): from the key to the frame in which every
// one of its objects has been read and judged (the summary says all are ready), and the keys afterwards,
// while its watches stay open.
import { isLoading, openConsole, title } from './console.mjs';
import { moveLatency } from './console-bench.mjs';
import { peakRssMb } from './proc.mjs';
import { median, sleep } from './stats.mjs';

const COMMAND = ':tree ks/big-inventory -n flux-system';

export async function benchTree({ node, cli, kubeconfig, objects, rounds, keys }) {
  const session = await openConsole({ node, cli, kubeconfig });
  try {
    await session.until((s) => title(s) !== undefined && !isLoading(s), 60_000, 'the first frame');
    // The entries plus the owner's Namespace.
    const complete = new RegExp(`all ${objects} managed objects ready`);
    const opens = [];
    for (let i = 0; i < rounds; i++) {
      // Typed first; the clock starts at enter, as the user's wait does.
      session.press(COMMAND);
      await session.until((s) => s.lines().some((l) => l.includes(COMMAND)), 10_000, 'the command typed');
      const sent = session.press('\r');
      const at = await session.until(
        (s) => title(s)?.view === 'Tree' && s.lines().some((l) => complete.test(l)),
        30_000,
        `the tree of ${objects} objects, all read`,
      );
      opens.push(Math.round(at - sent));
      if (i < rounds - 1) {
        session.press('\u001b');
        await session.until((s) => title(s)?.view !== 'Tree', 10_000, 'back from the tree');
        await sleep(500);
      }
    }
    const move = await moveLatency(session, keys);
    return { openMs: median(opens), runs: opens, keys: move, peakRssMb: peakRssMb(session.pid) };
  } finally {
    await session.close();
  }
}
