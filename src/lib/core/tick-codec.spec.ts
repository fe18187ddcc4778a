import fc from 'fast-check';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { recordedTrades } from '../../../tests/support/recordings';
import {
	chunkBytes,
	clipColumns,
	decodeChunk,
	encodeChunk,
	formatDecimal,
	sliceColumns,
	tradeAt,
	type TickChunk,
	type TickColumns
} from './tick-codec';
import { epochMs } from './time';
import type { Trade } from './trade';

/** Exact value of a decimal string in units of 1e-60, so equal numbers compare equal. */
function units(text: string): bigint {
	const [whole = '', fraction = ''] = text.split('.');
	return BigInt(whole + fraction.padEnd(60, '0'));
}

/** Decimals compare by exact value; any other text must come back verbatim. */
function expectSameDecimal(actual: string, expected: string): void {
	if (/^\d+(\.\d+)?$/.test(expected)) expect(units(actual)).toBe(units(expected));
	else expect(actual).toBe(expected);
}

function chunked<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/** Decodes and checks every field of every tick against the input, decimals numerically exact. */
function expectRoundTrip(trades: readonly Trade[], chunk: TickChunk): TickColumns {
	const columns = decodeChunk(chunk);
	expect(columns.length).toBe(trades.length);
	trades.forEach((trade, i) => {
		const back = tradeAt(columns, i, trade.symbol);
		expect({ ...back, price: '', qty: '' }).toEqual({ ...trade, price: '', qty: '' });
		expectSameDecimal(back.price, trade.price);
		expectSameDecimal(back.qty, trade.qty);
	});
	return columns;
}

const BTC_0808 = 'btcusdt-trade-depth-20240808.txt.gz';
const BTC_0809 = 'btcusdt-trade-depth-20240809.txt.gz';

describe('tick codec on real recordings', () => {
	it('round-trips every BTCUSDT trade exactly and stores well under 40 bytes a tick', () => {
		const trades = recordedTrades(BTC_0808);
		expect(trades).toHaveLength(9757);
		const chunks = chunked(trades, 4096).map((part) => {
			const chunk = encodeChunk(part);
			expect(chunk.tradeIds).toBe('single');
			expect(chunk.priceText).toBeNull();
			expect(chunk.qtyText).toBeNull();
			expectRoundTrip(part, chunk);
			return chunk;
		});
		const payload = chunks.reduce((n, c) => n + chunkBytes(c), 0) / trades.length;
		// What Chromium stores: the V8 serialisation of the record; plus a generous 512 bytes per
		// record for the key, the chunk's head record and LevelDB's own entry overhead.
		const record = chunks.reduce((n, c) => n + serialize(c).length + 512, 0) / trades.length;
		console.info(
			`BTCUSDT 2024-08-08, ${trades.length} trades in ${chunks.length} chunks: ` +
				`payload ${payload.toFixed(2)} B/tick, record with overhead ${record.toFixed(2)} B/tick`
		);
		expect(payload).toBeLessThan(6);
		expect(record).toBeLessThan(40);
	});

	it('keeps the floats of the numeric path equal to the parsed decimal strings', () => {
		const trades = recordedTrades(BTC_0809).slice(0, 3000);
		const columns = decodeChunk(encodeChunk(trades));
		trades.forEach((trade, i) => {
			expect((columns.price[i] ?? NaN) / 10 ** columns.priceScale).toBe(Number(trade.price));
			expect((columns.qty[i] ?? NaN) / 10 ** columns.qtyScale).toBe(Number(trade.qty));
		});
		expect(columns.priceScale).toBe(2);
	});

	it('round-trips aggTrades with their underlying trade id ranges', () => {
		const all = recordedTrades('btc-eth-dot-aggtrade-kline1m-20210404.txt');
		for (const symbol of ['BTCUSDT', 'ETHUSDT', 'DOTUSDT']) {
			const trades = all.filter((t) => t.symbol === symbol);
			expect(trades.length).toBeGreaterThan(100);
			const chunk = encodeChunk(trades);
			expect(chunk.tradeIds).toBe('aggregate');
			expectRoundTrip(trades, chunk);
		}
	});
});

/** A decimal string of `mantissa / 10^scale`, with optional extra trailing zeros. */
const decimalText = (mantissa: bigint, scale: number, padding: number): string => {
	const digits = mantissa.toString().padStart(scale + 1, '0');
	const fraction = digits.slice(digits.length - scale) + '0'.repeat(padding);
	return fraction === '' ? digits : `${digits.slice(0, digits.length - scale)}.${fraction}`;
};

const arbDecimal = (maxMantissa: bigint, maxScale: number) =>
	fc
		.tuple(
			fc.bigInt({ min: 0n, max: maxMantissa }),
			fc.integer({ min: 0, max: maxScale }),
			fc.integer({ min: 0, max: 3 })
		)
		.map(([m, scale, padding]) => decimalText(m, scale, padding));

/** Everyday values (the numeric path) and huge or long ones (the text fallback). */
const arbPrice = fc.oneof(arbDecimal(10n ** 9n, 8), arbDecimal(10n ** 40n, 30));

const arbTradeIds = fc.oneof(
	fc.constant(null),
	fc.tuple(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 5000 })),
	fc.tuple(fc.nat(2 ** 45), fc.nat(2 ** 45), fc.nat(2 ** 45))
);

const arbTrade = fc.record({
	step: fc.oneof(fc.constant(1), fc.integer({ min: -1000, max: 2 ** 30 })),
	dt: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 })),
	price: arbPrice,
	qty: arbPrice,
	buyerMaker: fc.boolean(),
	ids: arbTradeIds
});
type TradeSpec = typeof arbTrade extends fc.Arbitrary<infer T> ? T : never;

/** Walks generated steps into trades whose ids and times stay inside the codec's bounds. */
function buildTrades(specs: readonly TradeSpec[]): Trade[] {
	let id = 2 ** 40;
	let time = 1_723_161_255_342;
	return specs.map((s): Trade => {
		id = Math.min(2 ** 51, Math.max(0, id + s.step));
		time = Math.min(2 ** 47, Math.max(0, time + s.dt));
		const base = { symbol: 'XUSDT', id, time: epochMs(time), price: s.price, qty: s.qty };
		const [first, last, count] =
			s.ids === null
				? [id, id, 1]
				: s.ids.length === 2
					? [s.ids[0], s.ids[0] + s.ids[1] - 1, s.ids[1]]
					: s.ids;
		return { ...base, buyerMaker: s.buyerMaker, count, firstTradeId: first, lastTradeId: last };
	});
}

describe('tick codec properties', () => {
	it('round-trips generated trades exactly: huge values, many decimals, any id pattern', () => {
		fc.assert(
			fc.property(fc.array(arbTrade, { minLength: 1, maxLength: 200 }), (specs) => {
				const trades = buildTrades(specs);
				expectRoundTrip(trades, encodeChunk(trades));
			}),
			{ numRuns: 300 }
		);
	});

	it('gives doubles equal to the parsed strings on the numeric path', () => {
		const everyday = fc.array(fc.tuple(arbDecimal(10n ** 9n, 6), arbDecimal(10n ** 7n, 8)), {
			minLength: 1,
			maxLength: 100
		});
		fc.assert(
			fc.property(everyday, (pairs) => {
				const trades = pairs.map(([price, qty], i) => tick(1000 + i, 1000 + i, price, qty));
				const columns = decodeChunk(encodeChunk(trades));
				expect(columns.priceText).toBeNull();
				expect(columns.qtyText).toBeNull();
				trades.forEach((t, i) => {
					expect((columns.price[i] ?? NaN) / 10 ** columns.priceScale).toBe(Number(t.price));
					expect((columns.qty[i] ?? NaN) / 10 ** columns.qtyScale).toBe(Number(t.qty));
				});
			})
		);
	});
});

function tick(id: number, time: number, price = '1.5', qty = '2'): Trade {
	const ids = { count: 1, firstTradeId: id, lastTradeId: id };
	return { symbol: 'XUSDT', id, time: epochMs(time), price, qty, buyerMaker: false, ...ids };
}

describe('tick codec encoding', () => {
	it('strips trailing zeros: the chunk scale is the most decimals actually used', () => {
		const chunk = encodeChunk([
			tick(1, 5, '61837.63000000', '0.02000000'),
			tick(2, 5, '61837.6', '1')
		]);
		expect([chunk.priceScale, chunk.qtyScale]).toEqual([2, 2]);
		const columns = decodeChunk(chunk);
		expect(Array.from(columns.price)).toEqual([6183763, 6183760]);
		expect(Array.from(columns.qty)).toEqual([2, 100]);
		expect(tradeAt(columns, 0, 'XUSDT')).toMatchObject({ price: '61837.63', qty: '0.02' });
		expect(tradeAt(columns, 1, 'XUSDT')).toMatchObject({ price: '61837.6', qty: '1' });
	});

	it('spends about four bytes on a raw trade that repeats the last price', () => {
		const trades = Array.from({ length: 1000 }, (_, i) => tick(5000 + i, 77 + (i >> 4)));
		expect(encodeChunk(trades).data.byteLength).toBeLessThanOrEqual(4 * 1000 + 8);
	});

	it('falls back to exact text for a column the mantissas cannot hold', () => {
		const cases: [string, string][] = [
			['0.0000000000000000000001', '1'], // 22 decimals: numeric
			['0.00000000000000000000001', '1'], // 23 decimals: text
			['2251799813685248', '1'], // 2^51: numeric
			['2251799813685249', '1'], // 2^51 + 1: text
			['1e-8', '1'], // not a plain decimal: text, verbatim
			['12.5', '.5'] // qty not a plain decimal: text
		];
		const modes = cases.map(([price, qty]) => {
			const trades = [tick(1, 1, price, qty), tick(2, 2, price, qty)];
			const columns = expectRoundTrip(trades, encodeChunk(trades));
			expect(tradeAt(columns, 0, 'XUSDT')).toMatchObject({ price, qty });
			return [columns.priceText === null, columns.qtyText === null];
		});
		const expected = [true, false, true, false, false, true];
		expect(modes).toEqual(expected.map((numericPrice, i) => [numericPrice, i < 5]));
	});

	it('picks how underlying trade ids are stored', () => {
		const raw = tick(10, 1);
		const agg: Trade = { ...tick(11, 1), count: 3, firstTradeId: 100, lastTradeId: 102 };
		const odd: Trade = { ...tick(12, 1), count: 7, firstTradeId: 100, lastTradeId: 90 };
		expect(encodeChunk([raw, raw]).tradeIds).toBe('single');
		expect(encodeChunk([raw, agg]).tradeIds).toBe('aggregate');
		expect(encodeChunk([agg, odd, raw]).tradeIds).toBe('explicit');
		expectRoundTrip([agg, odd, raw], encodeChunk([agg, odd, raw]));
	});

	it('refuses ids and times it cannot hold exactly, and empty chunks', () => {
		expect(() => encodeChunk([])).toThrow(RangeError);
		expect(() => encodeChunk([tick(1.5, 1)])).toThrow(/id 1.5/);
		expect(() => encodeChunk([tick(1, 1), tick(2 ** 52, 1)])).toThrow(/id/);
		expect(() => encodeChunk([tick(1, -1)])).toThrow(/time -1/);
		expect(() => encodeChunk([{ ...tick(1, 1), count: -1 }])).toThrow(/count/);
	});

	it('detects a corrupt payload and an unknown format', () => {
		const chunk = encodeChunk([tick(1, 1), tick(2, 3, '2.25'), tick(3, 4, '99999')]);
		const cut = { ...chunk, data: chunk.data.slice(0, chunk.data.length - 1) };
		const extra = { ...chunk, data: Uint8Array.from([...chunk.data, 0]) };
		expect(() => decodeChunk(cut)).toThrow(/corrupt/);
		expect(() => decodeChunk(extra)).toThrow(/corrupt/);
		expect(() => decodeChunk({ ...chunk, format: 3 as 2 })).toThrow(/format 3/);
	});
});

describe('tick columns', () => {
	const columns = decodeChunk(encodeChunk([10, 20, 20, 30, 40].map((t, i) => tick(i + 1, t))));

	it('formats mantissas canonically', () => {
		expect(formatDecimal(6183763, 2)).toBe('61837.63');
		expect(formatDecimal(6183760, 2)).toBe('61837.6');
		expect(formatDecimal(100, 2)).toBe('1');
		expect(formatDecimal(9, 5)).toBe('0.00009');
		expect(formatDecimal(0, 3)).toBe('0');
		expect(formatDecimal(2 ** 51, 0)).toBe('2251799813685248');
	});

	it('clips to an inclusive time range and slices views', () => {
		const clipped = clipColumns(columns, 20, 30);
		expect(Array.from(clipped.time)).toEqual([20, 20, 30]);
		expect(tradeAt(clipped, 0, 'XUSDT').id).toBe(2);
		expect(clipColumns(columns, 0, 99)).toBe(columns);
		expect(clipColumns(columns, 41, 99).length).toBe(0);
		expect(sliceColumns(columns, 4, 9).length).toBe(1);
		expect(() => tradeAt(clipped, 3, 'XUSDT')).toThrow(RangeError);
	});
});
