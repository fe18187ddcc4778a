import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { useClosedAfterEach } from '../../../tests/support/closing';
import type { SymbolInfo } from '../core/symbol-info';
import { openSymbolInfoStore } from './idb-symbol-info-store';
import { MemorySymbolInfoStore } from './memory-symbol-info-store';
import type { SymbolInfoStore, SymbolVerdict } from './symbol-info-store';
import { openTickDb } from './tick-db';
import { symbolInfo } from '../core/testing/test-market';

const T0 = 1_723_161_240_000;
const BTC = symbolInfo('BTCUSDT');
const verdict = (namespace: string, symbol: string, info: SymbolInfo | null, fetchedAt = T0) =>
	({ namespace, symbol, info, fetchedAt }) satisfies SymbolVerdict;

const kept = useClosedAfterEach();

describe.each([
	['IndexedDB', () => openSymbolInfoStore({ factory: new IDBFactory() })],
	['memory', () => Promise.resolve(new MemorySymbolInfoStore() as SymbolInfoStore)]
])('%s symbol info store', (_, open) => {
	it('keeps one verdict per namespace and symbol, the latest one', async () => {
		const store = await kept(open());
		expect(await store.get('', ['BTCUSDT'])).toEqual([]);
		await store.put([verdict('', 'BTCUSDT', BTC), verdict('', 'NOPEUSDT', null)]);
		await store.put([verdict('127.0.0.1:18443', 'BTCUSDT', { ...BTC, status: 'BREAK' })]);
		expect(await store.get('', ['NOPEUSDT', 'ETHUSDT', 'BTCUSDT'])).toEqual([
			verdict('', 'NOPEUSDT', null),
			verdict('', 'BTCUSDT', BTC)
		]);
		expect((await store.get('127.0.0.1:18443', ['BTCUSDT']))[0]?.info?.status).toBe('BREAK');
		await store.put([verdict('', 'NOPEUSDT', null, T0 + 1)]);
		expect(await store.get('', ['NOPEUSDT'])).toEqual([verdict('', 'NOPEUSDT', null, T0 + 1)]);
	});

	it('lists every verdict of one namespace, by symbol', async () => {
		const store = await kept(open());
		const eth = symbolInfo('ETHUSDT');
		await store.put([
			{ ...verdict('', 'ETHUSDT', eth), listed: true },
			verdict('', 'BTCUSDT', BTC),
			verdict('other:1', 'BNBUSDT', null)
		]);
		expect(await store.all('')).toEqual([
			verdict('', 'BTCUSDT', BTC),
			{ ...verdict('', 'ETHUSDT', eth), listed: true }
		]);
		expect(await store.all('none')).toEqual([]);
	});

	it('rejects once closed', async () => {
		const store = await open();
		store.close();
		await expect(store.get('', ['BTCUSDT'])).rejects.toThrow('the symbol store is closed');
		await expect(store.put([])).rejects.toThrow('closed');
	});
});

describe('IndexedDB symbol info store', () => {
	it('adds the verdicts to a version 4 database, keeping its candles', async () => {
		const factory = new IDBFactory();
		const quiet = { blocking() {}, terminated() {} };
		const v4 = await openTickDb(factory, 'tickscope', quiet, 4);
		await v4.put('candles', [], ['BTCUSDT', '1m']);
		v4.close();
		const store = await kept(openSymbolInfoStore({ factory }));
		await store.put([verdict('', 'BTCUSDT', BTC)]);
		expect(await store.get('', ['BTCUSDT'])).toEqual([verdict('', 'BTCUSDT', BTC)]);
		const db = await kept(openTickDb(factory, 'tickscope', quiet));
		expect(await db.count('candles')).toBe(1);
	});
});
