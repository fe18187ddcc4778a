import { describe, expect, it } from 'vitest';
import { DepthBook } from './depth-book.ts';

const snapshot = {
	time: 1_723_161_255_477,
	lastUpdateId: 100,
	bids: [
		['61837.63000000', '3.78826000'],
		['61837.62000000', '0.61700000'],
		['61830.00000000', '1.00000000']
	],
	asks: [
		['61837.64000000', '1.54698000'],
		['61840.00000000', '0.50000000']
	]
} as const;

describe('DepthBook', () => {
	it('starts from a snapshot with the best levels first', () => {
		const book = new DepthBook();
		book.reset(snapshot);
		expect(book.lastUpdateId).toBe(100);
		expect(book.top(2)).toEqual({
			bids: [
				['61837.63000000', '3.78826000'],
				['61837.62000000', '0.61700000']
			],
			asks: [
				['61837.64000000', '1.54698000'],
				['61840.00000000', '0.50000000']
			]
		});
	});

	it('applies diffs: new levels sorted in, changed quantities replaced, zero removes', () => {
		const book = new DepthBook();
		book.reset(snapshot);
		book.apply({
			E: 1_723_161_255_508,
			U: 99,
			u: 105,
			b: [
				['61837.63000000', '0.00000000'],
				['61837.70000000', '0.20000000'],
				['61830.00000000', '2.00000000']
			],
			a: [
				['61837.64000000', '0.00000000'],
				['61839.00000000', '0.30000000'],
				['61999.00000000', '0.00000000']
			]
		});
		expect(book.lastUpdateId).toBe(105);
		expect(book.size).toBe(5);
		expect(book.toJson(20)).toBe(
			'{"lastUpdateId":105,"bids":[["61837.70000000","0.20000000"],["61837.62000000","0.61700000"],["61830.00000000","2.00000000"]],' +
				'"asks":[["61839.00000000","0.30000000"],["61840.00000000","0.50000000"]]}'
		);
	});

	it('builds from diffs alone and shifts update ids for later laps', () => {
		const book = new DepthBook();
		book.reset(null);
		expect(book.toJson(5)).toBe('{"lastUpdateId":0,"bids":[],"asks":[]}');
		book.apply({ E: 1, U: 7, u: 9, b: [['10.00000000', '1.00000000']], a: [] }, 1000);
		expect(book.lastUpdateId).toBe(1009);
		book.reset(snapshot, 1000);
		expect(book.lastUpdateId).toBe(1100);
	});
});
