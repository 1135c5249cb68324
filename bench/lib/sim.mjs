// Starts `fluxdeck sim` as its own process, as a user would, and waits until it has settled.
import { spawn } from 'node:child_process';
import { cpuMs } from './proc.mjs';
import { sleep } from './stats.mjs';

/**
 * `fluxdeck sim --objects N [--churn C --log-rate L]`. Resolves once the kubeconfig path (its first line)
 * is printed and the simulator's own CPU use has calmed down (start-up reconciles done), so what is
 * measured next is the console, not the simulator warming up.
 */
export async function startSim({ node, cli, objects, churn = 0, logRate = 0, inventory = 0 }) {
  const args = [cli, 'sim', '--objects', String(objects)];
  if (inventory > 0) args.push('--inventory', String(inventory));
  if (churn > 0) args.push('--churn', String(churn));
  if (logRate > 0) args.push('--log-rate', String(logRate));
  const child = spawn(node, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const kubeconfig = await new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve(out.slice(0, nl).trim());
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`fluxdeck sim exited (${code}): ${stderr.trim()}`)));
  });
  await settle(child.pid, churn > 0 || logRate > 0 ? 95 : 25);
  return {
    kubeconfig,
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/** Waits (1–20 s) until two half-second windows in a row use less than `percent` of a core. */
async function settle(pid, percent) {
  await sleep(1000);
  let calm = 0;
  for (let i = 0; i < 40 && calm < 2; i++) {
    const c0 = cpuMs(pid);
    await sleep(500);
    const used = ((cpuMs(pid) ?? 0) - (c0 ?? 0)) / 5; // ms per 500 ms → % of a core
    calm = used < percent ? calm + 1 : 0;
  }
}
