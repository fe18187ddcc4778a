import { describe, expect, it } from 'vitest';
import { bookFigures, spreadAndMid } from './order-book';

describe('bookFigures', () => {
	const bids = [
		['61000.10000000', '1.50000000'],
		['61000.00000000', '0.50000000']
	] as const;
	const asks = [
		['61000.20000000', '0.25000000'],
		['61000.40000000', '0.75000000'],
		['61001.00000000', '2.00000000']
	] as const;

	it('sums sizes best first and scales depth bars by the deeper side', () => {
		const book = bookFigures(bids, asks);
		expect(book.bids.map((l) => l.cumulative)).toEqual([1.5, 2]);
		expect(book.asks.map((l) => l.cumulative)).toEqual([0.25, 1, 3]);
		expect(book.asks.at(-1)?.depth).toBe(1);
		expect(book.bids[1]?.depth).toBeCloseTo(2 / 3, 12);
		expect(book.bids[0]?.price).toBe('61000.10000000');
	});

	it('gives the exact spread and mid, spread in basis points of the mid', () => {
		const book = bookFigures(bids, asks);
		expect(book.spread).toBe('0.1');
		expect(book.mid).toBe('61000.15');
		expect(book.spreadBps).toBeCloseTo((0.1 / 61000.15) * 10_000, 9);
	});

	it('imbalance is (bid size - ask size) / (bid size + ask size) over the levels', () => {
		expect(bookFigures(bids, asks).imbalance).toBeCloseTo((2 - 3) / 5, 12);
		expect(bookFigures(bids, []).imbalance).toBe(1);
		expect(bookFigures([], asks).imbalance).toBe(-1);
	});

	it('has no spread, mid or imbalance for an empty book', () => {
		const book = bookFigures([], []);
		expect(book).toMatchObject({ spread: null, mid: null, spreadBps: null, imbalance: null });
	});
});

describe('spreadAndMid', () => {
	it('keeps the half tick of a one-tick spread exact', () => {
		expect(spreadAndMid('0.00001230', '0.00001231')).toMatchObject({
			spread: '0.00000001',
			mid: '0.000012305'
		});
	});

	it('refuses text that is not a plain decimal', () => {
		expect(spreadAndMid('abc', '1')).toBeNull();
	});
});
