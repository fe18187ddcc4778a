import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SymbolAggregator } from './aggregator';
import { parseUnits } from './decimal';
import type { KlineRow } from './kline';
import { epochMs } from './time';
import type { Trade } from './trade';

/**
 * The recording holds Binance's own `kline_1m` updates beside the aggTrades they were built from
 * (2021-04-04 20:03:11 -> 20:04:42 UTC, BTC/ETH/DOT USDT). Every update must be reproduced from
 * the trades whose id range falls in the kline's [f..L].
 */
const RECORDING = new URL(
	'../../../../shared/fixtures/binance/ws-recordings/btc-eth-dot-aggtrade-kline1m-20210404.txt',
	import.meta.url
);

interface AggTradeEvent {
	readonly a: number;
	readonly p: string;
	readonly q: string;
	readonly f: number;
	readonly l: number;
	readonly T: number;
	readonly m: boolean;
}
interface KlineUpdate {
	readonly t: number;
	readonly f: number;
	readonly L: number;
	readonly o: string;
	readonly h: string;
	readonly l: string;
	readonly c: string;
	readonly v: string;
	readonly n: number;
	readonly q: string;
	readonly V: string;
	readonly Q: string;
	readonly x: boolean;
}
interface Recorded {
	readonly trades: Trade[];
	readonly klines: KlineUpdate[];
}

/** `<secs>: {"stream":"btcusdt@aggTrade","data":...}` lines; REST and header lines are skipped. */
function readRecording(): Map<string, Recorded> {
	const bySymbol = new Map<string, Recorded>();
	for (const line of readFileSync(RECORDING, 'utf8').split('\n')) {
		const match = /^\d+\.\d+: (\{"stream".*)$/.exec(line);
		if (match?.[1] === undefined) continue;
		const frame = JSON.parse(match[1]) as { stream: string; data: unknown };
		const [symbol = '', stream] = frame.stream.split('@');
		const recorded = bySymbol.get(symbol) ?? { trades: [], klines: [] };
		bySymbol.set(symbol, recorded);
		if (stream === 'aggTrade') recorded.trades.push(toTrade(symbol, frame.data as AggTradeEvent));
		if (stream === 'kline_1m') recorded.klines.push((frame.data as { k: KlineUpdate }).k);
	}
	return bySymbol;
}

function toTrade(symbol: string, event: AggTradeEvent): Trade {
	return {
		symbol: symbol.toUpperCase(),
		id: event.a,
		price: event.p,
		qty: event.q,
		time: epochMs(event.T),
		buyerMaker: event.m,
		count: event.l - event.f + 1,
		firstTradeId: event.f,
		lastTradeId: event.l
	};
}

/**
 * Binance may publish a kline update between two trades of one aggTrade; such an update cannot be
 * rebuilt from aggTrades (the split of the aggTrade's quantity is unknown).
 */
function splitsAnAggTrade(trades: readonly Trade[], lastId: number): boolean {
	return trades.some((t) => t.firstTradeId <= lastId && lastId < t.lastTradeId);
}

/** Trades covering exactly the underlying ids first..last, or null if the recording misses some. */
function tradesCovering(trades: readonly Trade[], first: number, last: number): Trade[] | null {
	const inside = trades.filter((t) => t.firstTradeId >= first && t.lastTradeId <= last);
	let next = first;
	for (const trade of inside) {
		if (trade.firstTradeId !== next) return null;
		next = trade.lastTradeId + 1;
	}
	return next === last + 1 ? inside : null;
}

function oneMinute(trades: readonly Trade[]): KlineRow {
	const aggregator = new SymbolAggregator('TEST');
	for (const trade of trades) expect(aggregator.add(trade)).toBe('added');
	const rows = aggregator.klines('1m');
	expect(rows).toHaveLength(1);
	return rows[0] as KlineRow;
}

/** Binance's kline update as the row the aggregator gives (the last field is always '0'). */
function binanceRow(k: KlineUpdate): KlineRow {
	return [epochMs(k.t), k.o, k.h, k.l, k.c, k.v, epochMs(k.t + 59_999), k.q, k.n, k.V, k.Q, '0'];
}

const units = (text: string): bigint => parseUnits(text, 16) ?? -1n;
const minus = (a: string, b: string): bigint => units(a) - units(b);

const recording = readRecording();
const SYMBOLS = [
	['btcusdt', 20],
	['ethusdt', 17],
	['dotusdt', 14]
] as const;

describe.each(SYMBOLS)('Binance kline_1m of %s rebuilt from its aggTrades', (symbol, minimum) => {
	const { trades, klines } = recording.get(symbol) ?? { trades: [], klines: [] };
	const MINUTE_2004 = 1617566640000;

	it('reproduces every update of the 20:04 candle field by field', () => {
		const updates = klines.filter((k) => k.t === MINUTE_2004 && !splitsAnAggTrade(trades, k.L));
		expect(updates.length).toBeGreaterThanOrEqual(minimum);
		for (const k of updates) {
			const covering = tradesCovering(trades, k.f, k.L);
			expect(covering, `trades ${k.f}..${k.L}`).not.toBeNull();
			const row = oneMinute(covering ?? []);
			expect(row).toEqual(binanceRow(k));
		}
	});

	it('matches each 20:04 update live while the whole recording streams through one aggregator', () => {
		const byLastId = new Map(
			klines
				.filter((k) => k.t === MINUTE_2004 && !splitsAnAggTrade(trades, k.L))
				.map((k) => [k.L, k])
		);
		const aggregator = new SymbolAggregator(symbol.toUpperCase());
		let matched = 0;
		for (const trade of trades) {
			expect(aggregator.add(trade)).toBe('added');
			const k = byLastId.get(trade.lastTradeId);
			if (k === undefined) continue;
			const row = aggregator.klines('1m').at(-1);
			expect(row).toEqual(binanceRow(k));
			matched++;
		}
		expect(matched).toBe(byLastId.size);
	});

	it('reproduces the update-to-update changes of the partial 20:03 candle', () => {
		const firstRecorded = trades[0]?.firstTradeId ?? Infinity;
		const updates = klines.filter(
			(k) =>
				k.t === MINUTE_2004 - 60_000 && k.L >= firstRecorded - 1 && !splitsAnAggTrade(trades, k.L)
		);
		expect(updates.length).toBeGreaterThanOrEqual(10);
		for (let i = 1; i < updates.length; i++) {
			const before = updates[i - 1] as KlineUpdate;
			const after = updates[i] as KlineUpdate;
			const covering = tradesCovering(trades, before.L + 1, after.L);
			expect(covering, `trades ${before.L + 1}..${after.L}`).not.toBeNull();
			const [, , high, low, close, v, , q, n, buyV, buyQ] = oneMinute(covering ?? []);
			expect(after.o).toBe(before.o);
			expect(after.c).toBe(close);
			expect(units(after.h)).toBe(maxOf(units(before.h), units(high)));
			expect(units(after.l)).toBe(minOf(units(before.l), units(low)));
			expect(after.n - before.n).toBe(n);
			expect(minus(after.v, before.v)).toBe(units(v));
			expect(minus(after.q, before.q)).toBe(units(q));
			expect(minus(after.V, before.V)).toBe(units(buyV));
			expect(minus(after.Q, before.Q)).toBe(units(buyQ));
		}
	});
});

function maxOf(a: bigint, b: bigint): bigint {
	return a > b ? a : b;
}
function minOf(a: bigint, b: bigint): bigint {
	return a < b ? a : b;
}
