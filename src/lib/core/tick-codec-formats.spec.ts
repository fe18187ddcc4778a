import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECORDINGS } from '../../../tests/support/fixtures';
import { recordedTrades } from '../../../tests/support/recordings';
import { writeColumn } from './tick-codec-sparse';
import { ByteWriter } from './tick-codec-varint';
import {
	chunkBytes,
	decodeChunk,
	encodeChunk,
	tradeAt,
	type TickChunk,
	type TickChunkFormat
} from './tick-codec';
import { epochMs } from './time';
import type { Trade } from './trade';

function trade(
	id: number,
	time: number,
	price: string,
	qty: string,
	buyerMaker: boolean,
	[firstTradeId, lastTradeId, count] = [id, id, 1]
): Trade {
	const ids = { firstTradeId, lastTradeId, count };
	return { symbol: 'BTCUSDT', id, time: epochMs(time), price, qty, buyerMaker, ...ids };
}

/** Canonical text of a plain decimal ("61837.63000000" -> "61837.63"); other text as it is. */
const canonical = (text: string): string =>
	/^\d+\.\d+$/.test(text) ? text.replace(/0+$/, '').replace(/\.$/, '') : text;

/** Every field of every tick back as it went in, decimals in canonical form. */
function expectTrades(chunk: TickChunk, trades: readonly Trade[]): void {
	const columns = decodeChunk(chunk);
	const back = Array.from({ length: columns.length }, (_, i) => tradeAt(columns, i, 'BTCUSDT'));
	const sent = trades.map((t) => ({
		...t,
		symbol: 'BTCUSDT',
		price: canonical(t.price),
		qty: canonical(t.qty)
	}));
	expect(back).toEqual(sent);
}

/** Chunks as the code before format 2 wrote them (printed by it, not by today's encoder). */
const FORMAT_1 = [
	{
		chunk: {
			length: 3,
			firstId: 100,
			lastId: 103,
			minTime: 1617566591000,
			maxTime: 1617566591005,
			tradeIds: 'aggregate',
			priceScale: 2,
			qtyScale: 3,
			data: [0, 0, 2, 0, 1, 21, 130, 129, 196, 5, 2, 5, 1, 250, 1, 220, 11, 160, 6, 2, 0, 0, 0, 3],
			priceText: null,
			qtyText: null
		},
		trades: [
			trade(100, 1617566591000, '58000.01', '0.001', false, [500, 502, 3]),
			trade(101, 1617566591000, '58000.02', '0.25', true, [503, 503, 1]),
			trade(103, 1617566591005, '57999.99', '1.5', true, [504, 507, 4])
		]
	},
	{
		chunk: {
			length: 2,
			firstId: 7,
			lastId: 8,
			minTime: 1,
			maxTime: 3,
			tradeIds: 'explicit',
			priceScale: 2,
			qtyScale: 1,
			data: [0, 0, 0, 9, 172, 2, 49, 20, 5, 0, 0, 1, 184, 1, 19, 7],
			priceText: null,
			qtyText: null
		},
		trades: [trade(7, 1, '1.5', '2', false), trade(8, 3, '1.25', '0.5', true, [100, 90, 7])]
	},
	{
		chunk: {
			length: 2,
			firstId: 1,
			lastId: 2,
			minTime: 10,
			maxTime: 12,
			tradeIds: 'single',
			priceScale: 0,
			qtyScale: 0,
			data: [0, 0, 0, 9],
			priceText: ['1e-8', '2251799813685249'],
			qtyText: ['12.5', '.5']
		},
		trades: [trade(1, 10, '1e-8', '12.5', false), trade(2, 12, '2251799813685249', '.5', true)]
	}
] as const;

const format1 = ({ chunk }: (typeof FORMAT_1)[number]): TickChunk =>
	({ ...chunk, format: 1, data: Uint8Array.from(chunk.data) }) as TickChunk;

describe('tick chunk formats', () => {
	it('reads chunks written in format 1, and writes format 1 as it was written then', () => {
		for (const old of FORMAT_1) {
			expectTrades(format1(old), old.trades);
			expect(encodeChunk(old.trades, 1)).toEqual(format1(old));
		}
	});

	it('writes format 2, whose unbroken id runs cost two bytes per column', () => {
		const run = Array.from({ length: 1000 }, (_, i) =>
			trade(5000 + i, 77, '1.5', '2', false, [9000 + 2 * i, 9001 + 2 * i, 2])
		);
		const chunk = encodeChunk(run);
		expect(chunk.format).toBe(2);
		expect(chunk.tradeIds).toBe('aggregate');
		// Layout byte, then sparse: the count of non-zero values and (zeros before, value) pairs;
		// dense: one varint a tick. Ids and times: all zero deltas. Prices: one non-zero, the first
		// (15 from 0). Quantities (2) and counts - 1 (1): never zero, dense. First underlying ids:
		// one non-zero, the first (9000 after id 5000 - 1: 2 bytes).
		expect(chunk.data.byteLength).toBe(2 + 2 + 4 + (1 + 1000) + 5 + (1 + 1000));
		expectTrades(chunk, run);
	});

	it('round-trips generated ticks exactly in both formats', () => {
		const arbTick = fc.record({
			step: fc.oneof(fc.constant(1), fc.integer({ min: -5, max: 2 ** 40 })),
			dt: fc.oneof(fc.constant(0), fc.integer({ min: -3, max: 2 ** 35 })),
			price: fc.oneof(fc.constant('1.5'), fc.constant('2'), fc.constant('1e-3')),
			buyerMaker: fc.boolean(),
			fills: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 9 })),
			skip: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 ** 40 }))
		});
		fc.assert(
			fc.property(
				fc.array(arbTick, { minLength: 1, maxLength: 300 }),
				fc.boolean(),
				(specs, v1) => {
					let [id, time, underlying] = [2 ** 41, 1_723_161_255_342, 2 ** 42];
					const trades = specs.map((s) => {
						id = Math.max(0, id + s.step);
						time = Math.max(0, time + s.dt);
						const first = underlying + s.skip;
						underlying = first + s.fills;
						return trade(id, time, s.price, '0.5', s.buyerMaker, [first, underlying - 1, s.fills]);
					});
					expectTrades(encodeChunk(trades, v1 ? 1 : 2), trades);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('refuses a format 2 payload with an unknown layout or a value past the column end', () => {
		const chunk = encodeChunk([trade(1, 1, '1', '1', false), trade(2, 2, '1', '1', false)]);
		// The id column (all zero deltas) is sparse: layout 1, no values.
		expect(Array.from(chunk.data.slice(0, 2))).toEqual([1, 0]);
		const layout = Uint8Array.from([7, ...chunk.data.slice(1)]);
		const past = new ByteWriter(8);
		past.varint(1);
		past.varint(1);
		past.varint(2); // skips two zeros: index 2 of a 2-tick column
		past.varint(5);
		const placed = Uint8Array.from([...past.finish(), ...chunk.data.slice(2)]);
		expect(() => decodeChunk({ ...chunk, data: layout })).toThrow(/corrupt/);
		expect(() => decodeChunk({ ...chunk, data: placed })).toThrow(/corrupt/);
	});

	it('lays a column out sparse only when that is shorter', () => {
		const bytes = (values: number[]) => {
			const out = new ByteWriter(16);
			writeColumn(out, values);
			return Array.from(out.finish());
		};
		expect(bytes([0, 0, 0, 0])).toEqual([1, 0]);
		expect(bytes([0, 0, 3, 0, 0, 0, 0, 0])).toEqual([1, 1, 2, 3]);
		expect(bytes([1, 2, 0, 3])).toEqual([0, 1, 2, 0, 3]);
	});
});

/** Payload bytes per tick of `trades` in chunks of 4,096 in `format`, each chunk checked exact. */
function bytesPerTick(trades: readonly Trade[], format: TickChunkFormat): number {
	let bytes = 0;
	for (let i = 0; i < trades.length; i += 4096) {
		const part = trades.slice(i, i + 4096);
		const chunk = encodeChunk(part, format);
		expectTrades(chunk, part);
		bytes += chunkBytes(chunk);
	}
	return bytes / trades.length;
}

describe('tick chunk formats on the real recordings', () => {
	it('keeps every trade exact in both formats; format 2 saves over a byte a tick', () => {
		for (const file of Object.values(RECORDINGS)) {
			const all = recordedTrades(file);
			for (const symbol of new Set(all.map((t) => t.symbol))) {
				const trades = all.filter((t) => t.symbol === symbol);
				const [v1, v2] = [bytesPerTick(trades, 1), bytesPerTick(trades, 2)];
				console.info(
					`${file} ${symbol}: ${trades.length} ticks, format 1 ${v1.toFixed(2)} B/tick, format 2 ${v2.toFixed(2)} B/tick`
				);
				// At worst (a few ticks) format 2 costs its layout bytes: one per column, at most 7.
				const chunks = Math.ceil(trades.length / 4096);
				expect(v2 * trades.length).toBeLessThanOrEqual(v1 * trades.length + 7 * chunks);
				if (trades.length >= 1000) expect(v2).toBeLessThan(v1 - 1);
			}
		}
	});
});
