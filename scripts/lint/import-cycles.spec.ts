import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './import-cycles';

const ROOT = new URL('../..', import.meta.url).pathname;

describe('import cycles', () => {
	it('finds none under src', () => {
		const graph = importGraph(ROOT, 'src');
		expect(graph.get('src/lib/binance/wire.ts')).toContain('src/lib/binance/wire-fast.ts');
		expect(importCycles(graph)).toEqual([]);
	});

	it('finds a cycle of two, a longer one, and not a diamond', () => {
		const graph = new Map([
			['a', ['b']],
			['b', ['a', 'c']],
			['c', ['d']],
			['d', ['e']],
			['e', ['c']],
			['f', ['g', 'h']],
			['g', ['i']],
			['h', ['i']],
			['i', []]
		]);
		expect(importCycles(graph)).toEqual([
			['c', 'd', 'e'],
			['a', 'b']
		]);
	});
});
