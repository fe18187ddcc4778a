import { readdirSync } from 'node:fs';
import { ESLint, type Linter } from 'eslint';
import svelte from 'eslint-plugin-svelte';
import ts from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYERS, layerConfigs } from './layers.js';

/**
 * The README's import table, written out here on purpose rather than read from layers.js: the
 * test states what may import what, and the lint config must agree.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
	core: [],
	runtime: ['core'],
	binance: ['core', 'runtime'],
	storage: ['core', 'runtime'],
	protocol: [], // core, as `import type` only: see below
	feed: ['core', 'runtime', 'binance', 'storage', 'protocol'],
	client: ['core', 'runtime', 'protocol'],
	chart: ['core', 'protocol'],
	components: ['core', 'protocol', 'client', 'chart']
};
const FOLDERS = Object.keys(MAY_IMPORT);
const ROOT = new URL('../..', import.meta.url).pathname;

let eslint: ESLint;

beforeAll(() => {
	// The layer configs alone, without type information: a few hundred snippets in about a second.
	eslint = new ESLint({
		cwd: ROOT,
		overrideConfigFile: true,
		overrideConfig: [
			{ files: ['**/*.ts'], languageOptions: { parser: ts.parser } },
			...svelte.configs['flat/base'],
			{ files: ['**/*.svelte'], languageOptions: { parserOptions: { parser: ts.parser } } },
			...layerConfigs
		]
	});
});

/** The import sources flagged in `code` at the virtual `filePath` (nothing is read from disk). */
async function flagged(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	const messages = result?.messages ?? [];
	const lines = code.split('\n');
	for (const m of messages) {
		if (m.ruleId === null) throw new Error(`${filePath}: ${m.message}`);
	}
	// An import may break two rules at once (a forbidden folder's testing/): count it once.
	return [
		...new Set(messages.map((m) => /'([^']+)'/.exec(lines[m.line - 1] ?? '')?.[1] ?? m.message))
	];
}

/** One import per line, each of a different folder. */
const importsOf = (sources: readonly string[]): string =>
	sources.map((source, i) => `import { x${i} } from '${source}';`).join('\n');

const forbidden = (folder: string): string[] =>
	FOLDERS.filter((f) => f !== folder && !MAY_IMPORT[folder]?.includes(f));

describe('the layer rule', () => {
	it('has a row for every folder under src/lib', () => {
		const folders = readdirSync(`${ROOT}src/lib`, { withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => entry.name);
		expect(folders.sort()).toEqual([...FOLDERS].sort());
		expect(Object.keys(LAYERS).sort()).toEqual([...FOLDERS].sort());
	});

	it('is what eslint.config.js applies', async () => {
		const project = new ESLint({ cwd: ROOT });
		for (const file of ['src/lib/core/a.ts', 'src/lib/components/A.svelte', 'src/routes/a.ts']) {
			const config = (await project.calculateConfigForFile(file)) as Linter.Config;
			const mine = (await eslint.calculateConfigForFile(file)) as Linter.Config;
			const rule = '@typescript-eslint/no-restricted-imports';
			expect(config.rules?.[rule], file).toEqual(mine.rules?.[rule]);
			expect(config.rules?.['no-restricted-syntax'], file).toEqual(
				mine.rules?.['no-restricted-syntax']
			);
		}
	});

	describe.each(FOLDERS)('%s', (folder) => {
		const expected = [...forbidden(folder), 'routes'];

		it('may import only its row, written as relative paths', async () => {
			const targets = [...FOLDERS, 'routes'];
			const sources = targets.map((t) => (t === 'routes' ? '../../routes/+page' : `../${t}/x`));
			const found = await flagged(`src/lib/${folder}/a.ts`, importsOf(sources));
			expect(found).toEqual(sources.filter((_, i) => expected.includes(targets[i] ?? '')));
		});

		it('... from a subfolder, deeper paths', async () => {
			const sources = FOLDERS.map((t) => `../../${t}/sub/x`);
			const found = await flagged(`src/lib/${folder}/sub/a.ts`, importsOf(sources));
			expect(found).toEqual(sources.filter((_, i) => expected.includes(FOLDERS[i] ?? '')));
		});

		it('... written as $lib paths', async () => {
			const sources = FOLDERS.map((t) => `$lib/${t}/x`);
			const found = await flagged(`src/lib/${folder}/a.svelte.ts`, importsOf(sources));
			expect(found).toEqual(sources.filter((_, i) => expected.includes(FOLDERS[i] ?? '')));
		});

		it('... as dynamic import()', async () => {
			const code = FOLDERS.map((t, i) => `export const m${i} = import('../${t}/x');`).join('\n');
			const found = await flagged(`src/lib/${folder}/a.ts`, code);
			expect(found).toEqual(FOLDERS.filter((t) => expected.includes(t)).map((t) => `../${t}/x`));
		});

		it('never imports test helpers, tests/ or scripts/', async () => {
			const sources = [
				`../${folder}/testing/x`,
				'./testing/x',
				'$lib/core/testing/test-trades',
				'../../../tests/support/recordings',
				'../../../scripts/lib/candles-cli'
			];
			expect(await flagged(`src/lib/${folder}/a.ts`, importsOf(sources))).toEqual(sources);
		});

		it('leaves its *.spec.ts files free, like tests', async () => {
			const sources = [
				...FOLDERS.map((t) => `../${t}/testing/x`),
				'../../../tests/support/recordings',
				'../../../scripts/lib/candles-cli'
			];
			expect(await flagged(`src/lib/${folder}/a.spec.ts`, importsOf(sources))).toEqual([]);
		});
	});

	it('lets protocol import core types only', async () => {
		const code = [
			"import type { A } from '../core/a';",
			"import { type B } from '../core/b';",
			"export type { C } from '../core/c';",
			"import { d } from '../core/d';",
			"import { type E, e } from '../core/e';",
			"export { f } from '../core/f';",
			"export * from '../core/g';"
		].join('\n');
		expect(await flagged('src/lib/protocol/feed-api.ts', code)).toEqual([
			'../core/d',
			'../core/e',
			'../core/f',
			'../core/g'
		]);
	});

	it('checks Svelte components', async () => {
		const code = [
			'<script lang="ts">',
			"import { a } from '$lib/feed/feed-service';",
			"import { b } from '$lib/storage/tick-store';",
			"import { c } from '$lib/client/testing/test-builders';",
			"import { d } from '$lib/client/state/tickscope.svelte';",
			"import { e } from '$lib/chart/candle-chart';",
			"import Other from './Other.svelte';",
			'</script>'
		].join('\n');
		expect(await flagged('src/lib/components/A.svelte', code)).toEqual([
			'$lib/feed/feed-service',
			'$lib/storage/tick-store',
			'$lib/client/testing/test-builders'
		]);
	});

	it('lets routes import all of src/lib but no test helper', async () => {
		const sources = [...FOLDERS.map((t) => `$lib/${t}/x`), '$lib/client/testing/test-feed'];
		const code = `<script lang="ts">\n${importsOf(sources)}\n</script>`;
		expect(await flagged('src/routes/+page.svelte', code)).toEqual([
			'$lib/client/testing/test-feed'
		]);
	});

	it('lets the client start the worker by URL, not import it', async () => {
		const code = [
			"export const url = new URL('../feed/feed.worker.ts', import.meta.url);",
			"import FeedWorker from '../feed/feed.worker?worker';"
		].join('\n');
		expect(await flagged('src/lib/client/feed-client.ts', code)).toEqual([
			'../feed/feed.worker?worker'
		]);
	});

	it('ignores packages and same-folder files whose names look like folders', async () => {
		const sources = ['lightweight-charts', 'svelte/reactivity', './core-figures', '../feed-client'];
		expect(await flagged('src/lib/client/state/a.ts', importsOf(sources))).toEqual([]);
	});

	it('leaves tests/ and scripts/ free to import src, test helpers and tests/support', async () => {
		const sources = ['../../src/lib/binance/testing/connection-fakes', '../support/fixtures'];
		expect(await flagged('tests/server/a.ts', importsOf(sources))).toEqual([]);
		expect(await flagged('scripts/bench/a.ts', importsOf(sources))).toEqual([]);
	});
});
