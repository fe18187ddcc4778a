import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { serialize } from 'node:v8';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordedTrades } from '../../../tests/support/recordings';
import { tradeAt, type TickColumns } from '../core/tick-codec';
import { epochMs } from '../core/time';
import type { Trade } from '../core/trade';
import { openTickStore } from './idb-tick-store';
import { MemoryTickStore } from './memory-tick-store';
import { openTickDb } from './tick-db';
import type { TickStore } from './tick-store';

const BTC = recordedTrades('btcusdt-trade-depth-20240808.txt.gz');
const ETH = recordedTrades('ethusdt-trade-depth-20240808.txt.gz');
const BOTH = [...BTC, ...ETH].sort((a, b) => a.time - b.time);
const MINUTE = 60_000;
const START = BTC[0]?.time ?? 0;

/** Trades cut into flushes every `ms` of trade time, as the worker's flush cadence would. */
function flushes(trades: readonly Trade[], ms = 250): Trade[][] {
	const out: Trade[][] = [];
	let current: Trade[] = [];
	let end = (trades[0]?.time ?? 0) + ms;
	for (const t of trades) {
		if (t.time >= end && current.length > 0) {
			out.push(current);
			current = [];
			end = t.time + ms;
		}
		current.push(t);
	}
	if (current.length > 0) out.push(current);
	return out;
}

const ticksOf = (chunks: readonly TickColumns[], symbol: string): Trade[] =>
	chunks.flatMap((c) => Array.from({ length: c.length }, (_, i) => tradeAt(c, i, symbol)));

/** Decimals back in canonical form (the store's output), so trades compare with toEqual. */
const canonical = (text: string): string => text.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
const normalised = (trades: readonly Trade[]): Trade[] =>
	trades.map((t) => ({ ...t, price: canonical(t.price), qty: canonical(t.qty) }));

type MakeStore = (now: () => number, retentionMinutes?: number) => Promise<TickStore>;

const stores: [string, MakeStore][] = [
	[
		'indexeddb',
		(now, retentionMinutes) => openTickStore({ factory: new IDBFactory(), now, retentionMinutes })
	],
	[
		'memory',
		(now, retentionMinutes) => Promise.resolve(new MemoryTickStore({ now, retentionMinutes }))
	]
];

describe.each(stores)('%s tick store contract', (_, make) => {
	let clock = START;
	let store: TickStore;
	const now = () => clock;

	/** Appends flush by flush with the clock just after each flush's last trade. */
	async function feed(trades: readonly Trade[]): Promise<number> {
		let written = 0;
		for (const batch of flushes(trades)) {
			clock = (batch[batch.length - 1]?.time ?? clock) + 50;
			written += (await store.append(batch)).written;
		}
		return written;
	}

	beforeEach(async () => {
		clock = START;
		store = await make(now);
	});
	afterEach(() => store.close());

	it('stores every trade of a real session once and loads it back exactly, in order', async () => {
		expect(await feed(BTC)).toBe(BTC.length);
		const chunks = await store.load('BTCUSDT', -Infinity, Infinity);
		expect(ticksOf(chunks, 'BTCUSDT')).toEqual(normalised(BTC));
		// Small per-flush chunks are merged: at rest most ticks sit in large chunks.
		const inLarge = chunks.filter((c) => c.length >= 1000).reduce((n, c) => n + c.length, 0);
		expect(inLarge / BTC.length).toBeGreaterThan(0.8);
	});

	it('writes nothing twice when a batch is replayed or overlaps', async () => {
		const first = BTC.slice(0, 500);
		expect(await store.append(first)).toEqual({ written: 500, skipped: 0, quota: null });
		expect(await store.append(first)).toEqual({ written: 0, skipped: 500, quota: null });
		expect(await store.append(BTC.slice(250, 750))).toMatchObject({ written: 250, skipped: 250 });
		const back = ticksOf(await store.load('BTCUSDT', -Infinity, Infinity), 'BTCUSDT');
		expect(back).toEqual(normalised(BTC.slice(0, 750)));
	});

	it('runs overlapping appends one after another, still writing each trade once', async () => {
		const results = await Promise.all([
			store.append(BTC.slice(0, 3000)),
			store.append(BTC.slice(0, 3000)),
			store.append(BTC.slice(2000, 5000))
		]);
		expect(results.map((r) => r.written)).toEqual([3000, 0, 2000]);
		const back = ticksOf(await store.load('BTCUSDT', -Infinity, Infinity), 'BTCUSDT');
		expect(back).toEqual(normalised(BTC.slice(0, 5000)));
	});

	it('loads an inclusive time range across chunk boundaries', async () => {
		await feed(BTC);
		const from = START + 100_000;
		const to = START + 200_000;
		const expected = BTC.filter((t) => t.time >= from && t.time <= to);
		expect(expected.length).toBeGreaterThan(1000);
		const back = ticksOf(await store.load('BTCUSDT', from, to), 'BTCUSDT');
		expect(back).toEqual(normalised(expected));
		expect(await store.load('BTCUSDT', START - 10_000, START - 1)).toEqual([]);
		expect(await store.load('SOLUSDT', -Infinity, Infinity)).toEqual([]);
	});

	it('keeps symbols apart and reports them', async () => {
		await feed(BOTH);
		for (const [symbol, trades] of [
			['BTCUSDT', BTC],
			['ETHUSDT', ETH]
		] as const) {
			const back = ticksOf(await store.load(symbol, -Infinity, Infinity), symbol);
			expect(back).toEqual(normalised(trades));
		}
		const stats = await store.symbols();
		expect(stats).toMatchObject([
			{
				symbol: 'BTCUSDT',
				ticks: 9757,
				firstTime: START,
				lastTime: BTC.at(-1)?.time,
				lastId: BTC.at(-1)?.id
			},
			{
				symbol: 'ETHUSDT',
				ticks: ETH.length,
				firstTime: ETH[0]?.time,
				lastTime: ETH.at(-1)?.time,
				lastId: ETH.at(-1)?.id
			}
		]);
		const btc = stats[0];
		expect(btc && btc.bytes / btc.ticks).toBeLessThan(6);
	});

	it('prunes chunks wholly older than the retention before the newest trade, keeping that window', async () => {
		store.setRetention(1);
		await feed(BTC);
		const last = BTC.at(-1)?.time ?? 0;
		const cutoff = last - MINUTE;
		const kept = ticksOf(await store.load('BTCUSDT', -Infinity, Infinity), 'BTCUSDT');
		// Appends prune as they go: only the last minute, plus at most the chunks straddling it.
		expect(kept.at(-1)?.id).toBe(BTC.at(-1)?.id);
		expect(kept.filter((t) => t.time >= cutoff)).toEqual(
			normalised(BTC.filter((t) => t.time >= cutoff))
		);
		expect(kept[0]?.time).toBeGreaterThan(cutoff - 2 * MINUTE);
		expect(kept.length).toBeLessThan(BTC.length / 2);
		// Hours later by the local clock, nothing new came: the newest minute is what the user last saw.
		clock += 10 * 60 * MINUTE;
		expect(await store.prune()).toBe(0);
		expect(ticksOf(await store.load('BTCUSDT', -Infinity, Infinity), 'BTCUSDT')).toEqual(kept);
		expect(await store.newest('BTCUSDT')).toBe(last);
		expect(await store.newest('SOLUSDT')).toBeNull();
		// The last id stays too: a replay of old trades is still skipped.
		expect(await store.append(BTC.slice(-10))).toMatchObject({ written: 0, skipped: 10 });
	});

	it('keeps ticks of a 2024 exchange clock while the local clock says 2026', async () => {
		clock = Date.UTC(2026, 2, 1);
		store.setRetention(2);
		for (const batch of flushes(BTC)) await store.append(batch);
		await store.prune();
		const kept = ticksOf(await store.load('BTCUSDT', -Infinity, Infinity), 'BTCUSDT');
		const from = (BTC.at(-1)?.time ?? 0) - 2 * MINUTE;
		expect(kept.filter((t) => t.time >= from)).toEqual(
			normalised(BTC.filter((t) => t.time >= from))
		);
		expect(kept.length).toBeLessThan(BTC.length);
		const [stats] = await store.symbols();
		expect(stats).toMatchObject({ ticks: kept.length, lastTime: BTC.at(-1)?.time });
	});

	it('prunes the symbols it writes in the same append once due', async () => {
		store.setRetention(2);
		await store.append(BTC.slice(0, 100));
		clock = START + 10 * MINUTE;
		const later = { ...BTC[100], id: 9e12, time: epochMs(clock) } as Trade;
		await store.append([later]);
		const back = ticksOf(await store.load('BTCUSDT', -Infinity, Infinity), 'BTCUSDT');
		expect(back.map((t) => t.id)).toEqual([9e12]);
	});

	it('clamps the retention setting to whole minutes in 1..120', () => {
		expect(store.retentionMinutes).toBe(15);
		const set = (m: number) => (store.setRetention(m), store.retentionMinutes);
		expect([set(0), set(500), set(7.4), set(120)]).toEqual([1, 120, 7, 120]);
		expect(() => store.setRetention(Number.NaN)).toThrow(RangeError);
	});

	it('rejects every call once closed', async () => {
		store.close();
		await expect(store.append(BTC.slice(0, 1))).rejects.toThrow(/closed/);
		await expect(store.load('BTCUSDT', 0, 1)).rejects.toThrow(/closed/);
		await expect(store.symbols()).rejects.toThrow(/closed/);
		await expect(store.prune()).rejects.toThrow(/closed/);
		await expect(store.newest('BTCUSDT')).rejects.toThrow(/closed/);
	});
});

describe('IndexedDB tick store at rest', () => {
	it('holds a real session in well under 40 bytes a tick, records included', async () => {
		const factory = new IDBFactory();
		let clock = START;
		const store = await openTickStore({ factory, now: () => clock });
		for (const batch of flushes(BTC)) {
			clock = (batch[batch.length - 1]?.time ?? clock) + 50;
			await store.append(batch);
		}
		store.close();
		const db = await openTickDb(factory, 'tickscope', { blocking() {}, terminated() {} });
		let bytes = 0;
		let records = 0;
		for (const name of ['chunks', 'heads', 'symbols'] as const) {
			const keys = await db.getAllKeys(name);
			const values: unknown[] = await db.getAll(name);
			records += keys.length;
			// Chromium stores V8's serialisation of key and value; add 64 bytes a record for LevelDB.
			keys.forEach((key, i) => (bytes += serialize(key).length + serialize(values[i]).length + 64));
		}
		db.close();
		const perTick = bytes / BTC.length;
		console.info(`BTCUSDT 2024-08-08 at rest: ${records} records, ${perTick.toFixed(2)} B/tick`);
		expect(perTick).toBeLessThan(40);
	});
});
