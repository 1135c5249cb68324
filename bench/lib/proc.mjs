// What /proc says about a process: CPU time used, resident memory now and at its peak.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticks;
function clockTicks() {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/** User + system CPU time of `pid` in ms, or undefined when it is gone. */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks();
  } catch {
    return undefined;
  }
}

function statusKb(pid, key) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${key}:`));
    return line ? Number(line.split(/\s+/)[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Resident set size now, MB. */
export const rssMb = (pid) => mb(statusKb(pid, 'VmRSS'));
/** Peak resident set size so far (VmHWM), MB. */
export const peakRssMb = (pid) => mb(statusKb(pid, 'VmHWM'));

function mb(kb) {
  return kb === undefined ? undefined : Math.round(kb / 102.4) / 10;
}

/** CPU use of `pid` over `ms` of wall time, as % of one core. */
export async function cpuPercentOver(pid, ms) {
  const c0 = cpuMs(pid);
  const t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const c1 = cpuMs(pid);
  const t1 = performance.now();
  if (c0 === undefined || c1 === undefined) return undefined;
  return Math.round(((c1 - c0) / (t1 - t0)) * 1000) / 10;
}
