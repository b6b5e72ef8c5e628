import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * CPU time spent by the servers behind local ports, read from Linux's /proc: the process listening on
 * each port and the helpers it forked (PostgreSQL's backends are children of the postmaster). A ratio
 * alone cannot say whether an app is slower in itself or waits on the database; this can.
 */

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  return ticksPerSecond;
}

interface ProcessTimes {
  parent: number;
  /** utime + stime, plus cutime + cstime: a child reaped between two readings moves its time here. */
  ticks: number;
}

function readProcesses(): Map<number, ProcessTimes> {
  const processes = new Map<number, ProcessTimes>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name, which may itself hold spaces or parentheses.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const [parent, utime, stime, cutime, cstime] = [fields[1], fields[11], fields[12], fields[13], fields[14]].map(
        Number,
      );
      processes.set(Number(entry), {
        parent: parent ?? 0,
        ticks: (utime ?? 0) + (stime ?? 0) + (cutime ?? 0) + (cstime ?? 0),
      });
    } catch {
      // The process ended while being read.
    }
  }
  return processes;
}

/** Inodes of listening TCP sockets (IPv4 and IPv6), each with its port. */
function listeningSockets(): Map<string, number> {
  const sockets = new Map<string, number>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      // local_address is ADDR:PORT in hex, state 0A is LISTEN, the tenth column is the inode.
      const columns = line.trim().split(/\s+/);
      const port = columns[1]?.split(":").at(-1);
      if (port && columns[3] === "0A" && columns[9]) sockets.set(columns[9], Number.parseInt(port, 16));
    }
  }
  return sockets;
}

/** The ports a process listens on. */
function portsOf(pid: number, sockets: Map<string, number>): number[] {
  const ports: number[] = [];
  let descriptors: string[] = [];
  try {
    descriptors = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return ports;
  }
  for (const descriptor of descriptors) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${descriptor}`))?.[1];
      const port = inode && sockets.get(inode);
      if (port) ports.push(port);
    } catch {
      // Closed while being read.
    }
  }
  return ports;
}

/**
 * The server's own process and the helpers it forked (PostgreSQL's backends), but not other servers it
 * started: the stack that serves PGlite is also the parent of the app and the emulators.
 */
function serverTicks(
  root: number,
  processes: Map<number, ProcessTimes>,
  children: Map<number, number[]>,
  listeners: Map<number, number[]>,
): number {
  let ticks = 0;
  const pending = [root];
  for (let pid = pending.pop(); pid !== undefined; pid = pending.pop()) {
    ticks += processes.get(pid)?.ticks ?? 0;
    pending.push(...(children.get(pid) ?? []).filter((child) => !listeners.has(child)));
  }
  return ticks;
}

/** Milliseconds of CPU used so far by the server on each port; ports without a listener (or no /proc) are left out. */
export function readCpu(ports: number[]): Map<number, number> {
  const ms = new Map<number, number>();
  let processes: Map<number, ProcessTimes>;
  try {
    processes = readProcesses();
  } catch {
    return ms;
  }
  const sockets = listeningSockets();
  const listeners = new Map<number, number[]>();
  const children = new Map<number, number[]>();
  for (const [pid, { parent }] of processes) {
    const listening = portsOf(pid, sockets);
    if (listening.length > 0) listeners.set(pid, listening);
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const wanted = new Set(ports);
  for (const [pid, listening] of listeners) {
    for (const port of listening) {
      if (wanted.has(port) && !ms.has(port))
        ms.set(port, (serverTicks(pid, processes, children, listeners) * 1000) / clockTicks());
    }
  }
  return ms;
}

/** CPU milliseconds per request on `port` between two readings, or undefined when either lacks it. */
export function cpuPerRequest(
  before: Map<number, number>,
  after: Map<number, number>,
  port: number,
  requests: number,
): number | undefined {
  const start = before.get(port);
  const end = after.get(port);
  return start === undefined || end === undefined || requests === 0 ? undefined : (end - start) / requests;
}
