import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of the browser's renderer and GPU processes, from the process table (/proc): the
 * renderer runs the page's main thread and its dedicated workers, the GPU process rasters and
 * composites for it. DevTools' `Performance.getMetrics` counts the page's main thread only, so it
 * would leave out the feed worker, which does most of the work at high rates. Linux only.
 */

/** One process as /proc/<pid>/stat says: its parent and CPU time (user + system) in clock ticks. */
export interface ProcStat {
	readonly pid: number;
	readonly ppid: number;
	readonly ticks: number;
}

/**
 * Parses a /proc/<pid>/stat line. The command name (field 2) sits in parentheses and may hold
 * spaces or parentheses itself, so the fields are counted from the last `)`.
 */
export function parseStat(text: string): ProcStat {
	const close = text.lastIndexOf(')');
	const pid = Number.parseInt(text, 10);
	// After the name: state (field 3), ppid (4), ..., utime (14), stime (15).
	const fields = text.slice(close + 2).split(' ');
	const ppid = Number(fields[1]);
	const utime = Number(fields[11]);
	const stime = Number(fields[12]);
	if (close < 0 || ![pid, ppid, utime, stime].every(Number.isFinite)) {
		throw new Error(`not a /proc/<pid>/stat line: ${text.slice(0, 120)}`);
	}
	return { pid, ppid, ticks: utime + stime };
}

/** The Chromium process types counted: the page's renderer (with its workers) and the GPU process. */
const COUNTED = /(?:^|[\s\0])--type=(?:renderer|gpu-process)(?:[\s\0]|$)/;

/**
 * Whether /proc/<pid>/cmdline is a counted Chromium process. Chromium rewrites its children's
 * titles, so their arguments are joined by spaces there, not NULs: both are accepted.
 */
export function isCounted(cmdline: string): boolean {
	return COUNTED.test(cmdline);
}

function readProc(pid: number): { stat: ProcStat; cmdline: string } | null {
	try {
		const stat = parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
		const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
		return { stat, cmdline };
	} catch {
		// Gone between the listing and the read: it ran no more.
		return null;
	}
}

/** Whether `pid` descends from `ancestor` (Chromium's zygote forks the renderers). */
function descends(pid: number, ancestor: number, parents: ReadonlyMap<number, number>): boolean {
	let current: number | undefined = parents.get(pid);
	for (let hops = 0; current !== undefined && current > 1 && hops < 16; hops++) {
		if (current === ancestor) return true;
		current = parents.get(current);
	}
	return false;
}

/** CPU ticks of the counted processes by pid, and of the renderers' threads by role. */
export interface BrowserTicks {
	/** Every renderer and GPU process under the browser, by pid (threads included). */
	readonly processes: Map<number, number>;
	/** The renderers' main threads (the page's scripts, style, layout, paint), by pid. */
	readonly main: Map<number, number>;
	/** The renderers' dedicated worker threads (the feed worker), by thread id. */
	readonly workers: Map<number, number>;
}

/**
 * A renderer's thread's role: its main thread has the process's id; Chromium names a dedicated
 * worker's thread `DedicatedWorker thread` (`comm` keeps its first 15 characters).
 */
export function threadRole(pid: number, tid: number, comm: string): 'main' | 'worker' | 'other' {
	if (tid === pid) return 'main';
	return comm.startsWith('DedicatedWorker') ? 'worker' : 'other';
}

function readThreads(pid: number, into: BrowserTicks): void {
	let tids: string[];
	try {
		tids = readdirSync(`/proc/${pid}/task`);
	} catch {
		return;
	}
	for (const name of tids) {
		const tid = Number(name);
		try {
			const comm = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
			const role = threadRole(pid, tid, comm);
			if (role === 'other') continue;
			const { ticks } = parseStat(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
			if (role === 'main') into.main.set(pid, ticks);
			else into.workers.set(tid, ticks);
		} catch {
			// The thread ended between the listing and the read.
		}
	}
}

/** Ticks of every renderer and GPU process under `browserPid`, and of the renderers' threads. */
export function browserTicks(browserPid: number): BrowserTicks {
	const procs = readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.map((name) => readProc(Number(name)))
		.filter((proc) => proc !== null);
	const parents = new Map(procs.map((proc) => [proc.stat.pid, proc.stat.ppid]));
	const ticks: BrowserTicks = { processes: new Map(), main: new Map(), workers: new Map() };
	for (const { stat, cmdline } of procs) {
		if (isCounted(cmdline) && descends(stat.pid, browserPid, parents)) {
			ticks.processes.set(stat.pid, stat.ticks);
			if (/--type=renderer/.test(cmdline)) readThreads(stat.pid, ticks);
		}
	}
	return ticks;
}

/** CPU ms per second of each part between two samples over `seconds` (see cpuMsPerSecond). */
export function cpuSplit(
	before: BrowserTicks,
	after: BrowserTicks,
	seconds: number
): { total: number; main: number; worker: number } {
	return {
		total: cpuMsPerSecond(before.processes, after.processes, seconds),
		main: cpuMsPerSecond(before.main, after.main, seconds),
		worker: cpuMsPerSecond(before.workers, after.workers, seconds)
	};
}

let ticksPerSecond: number | null = null;

/** The kernel's clock ticks per second (`getconf CLK_TCK`, 100 on Linux nearly always). */
export function clockTicks(): number {
	if (ticksPerSecond === null) {
		const text = execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
		const value = Number(text.trim());
		ticksPerSecond = Number.isFinite(value) && value > 0 ? value : 100;
	}
	return ticksPerSecond;
}

/**
 * CPU ms the counted processes used between two samples, per second of `seconds`. A process that
 * started in between counts from zero; one that exited in between is lost (a page's renderer
 * lives through its measurement).
 */
export function cpuMsPerSecond(
	before: ReadonlyMap<number, number>,
	after: ReadonlyMap<number, number>,
	seconds: number,
	ticksPerS = clockTicks()
): number {
	let ticks = 0;
	for (const [pid, now] of after) ticks += Math.max(0, now - (before.get(pid) ?? 0));
	return Math.round((ticks * 1000) / ticksPerS / seconds);
}
