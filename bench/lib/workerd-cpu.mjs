// CPU time of the workerd process that Miniflare spawned, read from Linux's per-thread scheduler statistics
// (/proc/PID/task/TID/schedstat: nanoseconds on CPU). workerd freezes the clocks inside the isolate, so this is
// the way to see what a request cost in CPU. The isolate runs on workerd's main thread (the one named
// "workerd"); V8's background threads (compilers, GC) are counted separately.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Whether this machine exposes per-thread CPU time (Linux with schedstats). */
export const cpuTimeAvailable = () => existsSync(`/proc/${process.pid}/task/${process.pid}/schedstat`);

/** The pid of the newest workerd child of this process, or undefined. */
export function workerdPid() {
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  let found;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (ppid === String(process.pid) && comm === 'workerd' && (!found || Number(pid) > Number(found))) found = pid;
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/** CPU milliseconds so far: the main thread (where the isolate runs) and all threads of `pid`. */
export function cpuMs(pid) {
  let mainMs = 0;
  let allMs = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let ns;
    try {
      ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      continue; // the thread ended
    }
    allMs += ns / 1e6;
    if (tid === String(pid)) mainMs = ns / 1e6;
  }
  return { mainMs, allMs };
}
