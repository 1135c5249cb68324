// What a user feels at the console: time to the first complete frame, memory, CPU while idle or busy, and
// key-to-frame latency (a key is sent; the clock stops at the first frame whose screen shows its effect).
import { isLoading, objectCount, openConsole, selectedRow, title } from './console.mjs';
import { classifyFrame, clockFramesAllowed } from './idle-frames.mjs';
import { cpuMs, peakRssMb, rssMb } from './proc.mjs';
import { sleep, summary } from './stats.mjs';

/**
 * Opens the console and waits for the first complete frame: every kind loaded (no "loading …" line, the
 * header counts all `total` objects) and rows on screen (a selected row under the table title).
 */
export async function startConsole({ node, cli, kubeconfig, total, nodeArgs = [], env = {} }) {
  const session = await openConsole({ node, cli, kubeconfig, nodeArgs, env });
  const complete = (s) =>
    objectCount(s) === total && !isLoading(s) && title(s) !== undefined && !!selectedRow(s);
  const at = await session.until(complete, 60_000, `all ${total} objects on screen`).catch(async (error) => {
    await session.close();
    throw error;
  });
  return { session, firstFrameMs: Math.round(at - session.spawnedAt), peakRssMb: peakRssMb(session.pid) };
}

/**
 * CPU (% of one core), frames drawn and bytes written over `ms` in which nobody types; `clockFrames` of
 * the frames changed nothing but durations turning over at the minute (idle-frames.mjs).
 */
export async function watchQuietly(session, ms) {
  const frames = session.frames;
  const bytes = session.bytes;
  let clockFrames = 0;
  let youngFrames = 0;
  let previous = session.screen.lines();
  const stop = session.onFrame((screen) => {
    const lines = screen.lines();
    const kind = classifyFrame(previous, lines);
    if (kind === 'clock') clockFrames++;
    else if (kind === 'young') youngFrames++;
    previous = lines;
  });
  const c0 = cpuMs(session.pid);
  const t0 = performance.now();
  await sleep(ms);
  const cpu = ((cpuMs(session.pid) ?? 0) - (c0 ?? 0)) / (performance.now() - t0);
  stop();
  return {
    seconds: ms / 1000,
    cpuPercent: Math.round(cpu * 1000) / 10,
    frames: session.frames - frames,
    clockFrames,
    youngFrames,
    clockFramesAllowed: clockFramesAllowed(ms),
    bytes: session.bytes - bytes,
  };
}

/** `:word` + enter; resolves when the table title names `view`. */
export async function openView(session, word, view) {
  session.press(`:${word}\r`);
  await session.until((s) => title(s)?.view === view, 10_000, `the ${view} view`);
}

/** Opens the controller logs pane (split) so log lines stream while we type; false if it did not open. */
export async function openLogs(session) {
  session.press('l');
  return session
    .until((s) => s.lines().some((line) => line.includes('Logs [')), 5000, 'the logs pane')
    .then(
      () => true,
      () => false,
    );
}

/**
 * The object the selected row shows: its KIND, NAMESPACE and NAME cells, cut at the header's column
 * positions (with the logs pane open the table keeps fewer columns). Status cells are left out: they
 * change under churn while the same object stays selected.
 */
export function selectedObject(screen) {
  const lines = screen.lines();
  // The first column is KIND, NAMESPACE or NAME depending on the view and the width left by the logs pane.
  const header = lines.find((line) => /^ {2}(KIND|NAMESPACE|NAME)\b/.test(line));
  const row = lines.find((line) => line.startsWith('> '));
  if (!header || !row) return undefined;
  const starts = [...header.matchAll(/\S+(?: \S+)*/g)].map((m) => ({ label: m[0], at: m.index }));
  const cells = [];
  for (let i = 0; i < starts.length; i++) {
    const { label, at } = starts[i];
    if (label !== 'KIND' && label !== 'NAMESPACE' && label !== 'NAME') continue;
    const end = i + 1 < starts.length ? starts[i + 1].at : undefined;
    cells.push(row.slice(at, end).trim());
  }
  return cells.join(' ');
}

/**
 * Pause between keys: 60–160 ms, a fast typist's or a held key's cadence. Faster than Ink's 30 frames a
 * second and every key would wait for the previous frame's throttle window — a benchmark artefact.
 */
const gap = () => sleep(60 + Math.random() * 100);

/**
 * `j` × count (`k` while the selection works its way back up from the last row). Effect: the selected row
 * is another object. The selection is kept by object identity, so rows re-sorting under churn never
 * change it — only the key does. But they can carry it: at 1,000 objects each changes every few seconds,
 * and an object that turns Ready sorts among the Ready ones, often near the end, where `j` has nothing
 * to move to and would count as a key without effect.
 */
export async function moveLatency(session, count) {
  const samples = [];
  let failures = 0;
  let unseen = 0;
  let key = 'j';
  for (let i = 0; i < count; i++) {
    const before = selectedObject(session.screen);
    const place = title(session.screen);
    const beforeIndex = place?.index;
    if (before === undefined) unseen++;
    if (place && place.index >= place.total) key = 'k';
    else if (place && place.index <= 1) key = 'j';
    const sent = session.press(key);
    try {
      const at = await session.until(
        (s) => {
          const now = selectedObject(s);
          // Should the selected row not be readable, the title's position is all the user sees move.
          if (now === undefined) return before === undefined && title(s)?.index !== beforeIndex;
          if (now !== before) return true;
          // Two objects whose names differ only where the NAME cell is cut read alike
          // (`billing-p..cs-server` for billing-prod-1-… and billing-prod-2-…): then the title's position,
          // one step the key's way, says the selection moved.
          const index = title(s)?.index;
          return beforeIndex !== undefined && index === beforeIndex + (key === 'j' ? 1 : -1);
        },
        2000,
        'the selection to move',
      );
      samples.push(at - sent);
    } catch {
      failures++;
    }
    await gap();
  }
  return { ...summary(samples), failures, selectionOffScreen: unseen };
}

/**
 * Filter keystrokes × count: `/` opens the prompt, then `a`, and cycles `p i - 1` typed and erased
 * (backspace). Effect: the table title shows the new filter text with its row count — the same frame
 * that shows the filtered rows.
 */
export async function filterLatency(session, count) {
  session.press('/');
  await sleep(300);
  session.press('a');
  await session.until((s) => title(s)?.filter === 'a', 5000, 'the filter "a"');
  const cycle = ['p', 'i', '-', '1', '\x7f', '\x7f', '\x7f', '\x7f'];
  let text = 'a';
  const samples = [];
  let failures = 0;
  for (let i = 0; i < count; i++) {
    const key = cycle[i % cycle.length];
    text = key === '\x7f' ? text.slice(0, -1) : text + key;
    const want = text;
    const sent = session.press(key);
    try {
      const at = await session.until((s) => title(s)?.filter === want, 2000, `the filter "${want}"`);
      samples.push(at - sent);
    } catch {
      failures++;
    }
    await gap();
  }
  session.press('\x1b');
  await sleep(200);
  session.press('\x1b');
  return { ...summary(samples), failures };
}

/** RSS now and at its peak, MB. */
export function memory(session) {
  return { rssMb: rssMb(session.pid), peakRssMb: peakRssMb(session.pid) };
}
