import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { BUILDS } from '../../tests/support/builds.ts';
import { repoRoot } from '../../tests/support/fixtures.ts';

let built: string | null = null;

/**
 * The test build (`npm run build:test`: the app with the seams the browser benches read, such as
 * `window.__tickscope`), built afresh once per bench run so no stale build is measured; returns its
 * folder. The build's log goes to stderr: stdout carries only the benches' JSON lines.
 */
export function testBuild(): string {
	if (built !== null) return built;
	const result = spawnSync('npm', ['run', 'build:test'], {
		cwd: repoRoot,
		stdio: ['ignore', process.stderr, process.stderr]
	});
	if (result.status !== 0) {
		throw new Error(
			`npm run build:test failed (${result.error?.message ?? `exit ${result.status}`})`
		);
	}
	built = path.join(repoRoot, BUILDS.test.dir);
	return built;
}
