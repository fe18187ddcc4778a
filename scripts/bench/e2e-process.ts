import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot } from '../../tests/support/fixtures.ts';

/** Helper processes of the bench (app server, test server), stopped if the bench is interrupted. */
const helpers = new Set<ChildProcess>();

function interrupted(): void {
	for (const child of helpers) child.kill('SIGKILL');
	process.exit(130);
}

/** Runs `node <args>` from the repository root; TypeScript entries go through tsx's loader. */
export function spawnHelper(args: readonly string[]): ChildProcess {
	if (helpers.size === 0) {
		process.once('SIGINT', interrupted);
		process.once('SIGTERM', interrupted);
	}
	const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
		cwd: repoRoot,
		stdio: ['ignore', 'pipe', 'inherit']
	});
	helpers.add(child);
	child.once('exit', () => helpers.delete(child));
	return child;
}

/** The first match of `pattern` (its first group) in the helper's output; rejects if it exits first. */
export function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
	return new Promise((resolve, reject) => {
		let text = '';
		child.stdout?.on('data', (chunk: Buffer) => {
			text += chunk.toString('utf8');
			const match = pattern.exec(text);
			if (match?.[1] !== undefined) resolve(match[1]);
		});
		child.once('exit', (code) =>
			reject(new Error(`${child.spawnargs.join(' ')} exited (${code})`))
		);
		child.once('error', reject);
	});
}

/** SIGTERM, then SIGKILL if it is still there after 5 s. */
export function stopHelper(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
		child.once('exit', () => {
			clearTimeout(kill);
			if (helpers.size === 0) {
				process.off('SIGINT', interrupted);
				process.off('SIGTERM', interrupted);
			}
			resolve();
		});
		child.kill('SIGTERM');
	});
}
