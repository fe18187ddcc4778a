import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordedTrades } from '../../../tests/support/recordings';
import { SymbolAggregator, type ColumnsResult } from './aggregator';
import { FIXED_INTERVALS } from './interval';
import { decodeChunk, encodeChunk, type TickColumns } from './tick-codec';
import { epochMs } from './time';
import type { Trade } from './trade';

/** Every trade of a recording, by upper-case symbol, in file order. */
function recorded(file: string): Map<string, Trade[]> {
	const bySymbol = new Map<string, Trade[]>();
	for (const trade of recordedTrades(file)) {
		const list = bySymbol.get(trade.symbol) ?? [];
		list.push(trade);
		bySymbol.set(trade.symbol, list);
	}
	return bySymbol;
}

/** Trades as the cache holds them: encoded in chunks of `size`, decoded again. */
function asColumns(trades: readonly Trade[], size = 4096): TickColumns[] {
	const chunks: TickColumns[] = [];
	for (let i = 0; i < trades.length; i += size) {
		chunks.push(decodeChunk(encodeChunk(trades.slice(i, i + size))));
	}
	return chunks;
}

/** Feeds `trades` with `add` into one aggregator and as columns into another; returns both. */
function both(symbol: string, trades: readonly Trade[], size?: number) {
	const byTrade = new SymbolAggregator(symbol);
	const tally: ColumnsResult = { added: 0, duplicate: 0, 'out-of-order': 0, invalid: 0 };
	for (const trade of trades) {
		try {
			tally[byTrade.add(trade)]++;
		} catch (error) {
			if (!(error instanceof RangeError)) throw error;
			tally.invalid++;
		}
	}
	const byColumns = new SymbolAggregator(symbol);
	const counted: ColumnsResult = { added: 0, duplicate: 0, 'out-of-order': 0, invalid: 0 };
	for (const columns of asColumns(trades, size)) {
		const result = byColumns.addColumns(columns);
		for (const key of Object.keys(counted) as (keyof ColumnsResult)[]) counted[key] += result[key];
	}
	return { byTrade, byColumns, tally, counted };
}

function expectSame(a: SymbolAggregator, b: SymbolAggregator): void {
	for (const interval of FIXED_INTERVALS) {
		expect(b.klines(interval)).toEqual(a.klines(interval));
		expect(b.bars(interval)).toEqual(a.bars(interval));
	}
	expect(b.revision).toBe(a.revision);
	expect(b.lastTradeId).toBe(a.lastTradeId);
}

const at = (id: number, price: string, qty: string, time: number, buyerMaker = false): Trade => ({
	symbol: 'X',
	id,
	price,
	qty,
	time: epochMs(time),
	buyerMaker,
	count: 1,
	firstTradeId: id,
	lastTradeId: id
});

describe('SymbolAggregator.addColumns', () => {
	it.each([
		'btcusdt-trade-depth-20240808.txt.gz',
		'ethusdt-trade-depth-20240809.txt.gz',
		'ten-symbols-aggtrade-depth-20210405.txt'
	])('gives the same candles as add() for every trade of %s', (file) => {
		const symbols = recorded(file);
		expect(symbols.size).toBeGreaterThan(0);
		for (const [symbol, trades] of symbols) {
			const { byTrade, byColumns, tally, counted } = both(symbol, trades);
			expect(counted).toEqual(tally);
			expect(counted.added).toBe(trades.length);
			expectSame(byTrade, byColumns);
			expect(byColumns.lastPrice).toBe(byTrade.lastPrice);
		}
	});

	it('drops duplicates and out-of-order ticks as add() does, across overlapping chunks', () => {
		const trades = recorded('btcusdt-trade-depth-20240809.txt.gz').get('BTCUSDT') ?? [];
		expect(trades.length).toBeGreaterThan(1000);
		const late = { ...trades[1000], id: (trades.at(-1)?.id ?? 0) + 1 } as Trade;
		// Chunks overlap by 100 ticks (a restore followed by the same live trades), then a late tick.
		const input = [...trades.slice(0, 900), ...trades.slice(800), late];
		const { byTrade, byColumns, tally, counted } = both('BTCUSDT', input, 700);
		expect(tally).toEqual({ added: trades.length, duplicate: 100, 'out-of-order': 1, invalid: 0 });
		expect(counted).toEqual(tally);
		expectSame(byTrade, byColumns);
	});

	it('keeps exact quote sums when price and quantity decimals add up to more than 8', () => {
		const trades = [
			at(1, '0.5', '0.00000002', 1_000), // 1e-8: a whole unit after dividing
			at(2, '61837.63', '0.00012345', 1_200), // 7.6338554235: needs 1e-16 units
			at(3, '0.00000001', '0.00000001', 1_300, true), // 1e-16
			at(4, '12.5', '3', 2_100),
			at(5, '99999999.99', '0.99999999', 2_500) // product beyond 2^53: the string path
		];
		// One trade per chunk, so each keeps its own scales and the numeric path sees small mantissas.
		const { byTrade, byColumns, counted } = both('X', trades, 1);
		expect(counted.added).toBe(5);
		expectSame(byTrade, byColumns);
		expect(byColumns.klines('1s')[0]?.[7]).toBe('7.6338554335000001');
	});

	it('counts ticks add() refuses as invalid and takes big values through the exact string path', () => {
		const trades = [
			at(1, '10', '1', 1_000),
			at(2, '0.123456789', '1', 1_100), // 9 decimals: refused
			at(3, '10', '123456789012.5', 1_200), // volume beyond 2^53 units: bigint
			at(4, '11', '1', 1_300)
		];
		const { byTrade, byColumns, tally, counted } = both('X', trades);
		expect(tally).toEqual({ added: 3, duplicate: 0, 'out-of-order': 0, invalid: 1 });
		expect(counted).toEqual(tally);
		expectSame(byTrade, byColumns);
		expect(byColumns.klines('1s')[0]?.[5]).toBe('123456789014.50000000');
	});

	it('adds only the range from..to and reports the last added price with 8 decimals', () => {
		const [columns] = asColumns([
			at(1, '10.1', '1', 1_000),
			at(2, '10.2', '1', 1_100),
			at(3, '10.3', '1', 1_200)
		]);
		if (columns === undefined) throw new Error('no columns');
		const aggregator = new SymbolAggregator('X');
		expect(aggregator.addColumns(columns, 1, 2)).toMatchObject({ added: 1 });
		expect(aggregator.lastTradeId).toBe(2);
		expect(aggregator.lastPrice).toBe('10.20000000');
		expect(aggregator.addColumns(columns, 0, 99)).toMatchObject({ added: 1, duplicate: 2 });
		expect(aggregator.lastPrice).toBe('10.30000000');
	});

	it('matches add() on generated trades of any decimals, sizes and sides', () => {
		const decimal = fc
			.tuple(fc.bigInt({ min: 1n, max: 10n ** 14n }), fc.integer({ min: 0, max: 9 }))
			.map(([mantissa, scale]) => {
				const digits = mantissa.toString().padStart(scale + 1, '0');
				return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
			});
		const step = fc.record({
			price: decimal,
			qty: decimal,
			gap: fc.integer({ min: -300, max: 2500 }),
			idStep: fc.integer({ min: 0, max: 2 }),
			buyerMaker: fc.boolean()
		});
		fc.assert(
			fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), fc.nat(8), (steps, size) => {
				let id = 1;
				let time = 1_700_000_000_000;
				const trades = steps.map((s) => {
					id += s.idStep;
					time = Math.max(0, time + s.gap);
					return at(id, s.price, s.qty, time, s.buyerMaker);
				});
				const { byTrade, byColumns, tally, counted } = both('X', trades, size + 1);
				expect(counted).toEqual(tally);
				expectSame(byTrade, byColumns);
			}),
			{ numRuns: 300 }
		);
	});
});
