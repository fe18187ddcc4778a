import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Busy processes beside the end-to-end bench (`--contend N`): N `yes > /dev/null`, one per core
 * to take, so the browser competes for the CPU as on a loaded phone. They are killed by pid when
 * the bench ends, or if it is interrupted or exits.
 */
export interface Contention {
	readonly count: number;
	stop(): void;
}

export function startContention(count: number): Contention {
	if (!Number.isInteger(count) || count < 0) {
		throw new Error(`--contend takes a whole number of busy processes, got ${count}`);
	}
	const children: ChildProcess[] = [];
	const interrupted = () => {
		stop();
		process.exit(130);
	};
	const stop = () => {
		for (const child of children.splice(0)) {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		}
		process.off('exit', stop);
		process.off('SIGINT', interrupted);
		process.off('SIGTERM', interrupted);
	};
	// stdout 'ignore' is /dev/null: `yes` writes as fast as the core lets it.
	for (let i = 0; i < count; i++) children.push(spawn('yes', [], { stdio: 'ignore' }));
	if (count > 0) {
		process.on('exit', stop);
		process.once('SIGINT', interrupted);
		process.once('SIGTERM', interrupted);
	}
	return { count, stop };
}
