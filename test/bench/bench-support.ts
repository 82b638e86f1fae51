import { readdirSync, readFileSync } from 'node:fs';

/** What every benchmark script prints and measures with. */

export function out(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}


/** A small seeded generator, so the mix is the same run after run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** CPU time used so far, in ms, by one process (utime + stime from /proc; Linux only, else 0). */
function processCpuMs(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** Linux's USER_HZ: 100 on every architecture Node.js runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

function postgresPids(): string[] {
  try {
    return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry) && readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres');
  } catch {
    return [];
  }
}

export interface CpuSplit {
  api: number;
  postgres: number;
  client: number;
}

/**
 * Where a run's CPU went: the API processes, every PostgreSQL process and this (client) process. Take one before a run
 * and `cpuSince` after it. PostgreSQL backends that exit during the run take their time with them (the runs keep their
 * pools open, so they do not).
 */
export function cpuSnapshot(apiPids: number[]): CpuSplit {
  const usage = process.cpuUsage();
  return {
    api: apiPids.reduce((sum, pid) => sum + processCpuMs(pid), 0),
    postgres: postgresPids().reduce((sum, pid) => sum + processCpuMs(pid), 0),
    client: (usage.user + usage.system) / 1000,
  };
}

/** CPU ms per operation since `before`, as a printable line. */
export function cpuLine(before: CpuSplit, apiPids: number[], operations: number): string {
  const after = cpuSnapshot(apiPids);
  const per = (key: keyof CpuSplit) => ((after[key] - before[key]) / operations).toFixed(2);
  return `CPU per attempt: API ${per('api')} ms, PostgreSQL ${per('postgres')} ms, bench client ${per('client')} ms`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

