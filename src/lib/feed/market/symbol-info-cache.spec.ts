import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { RestError } from '../../binance/rest';
import { refusedSymbols, type SymbolRest } from './symbol-check';
import { SYMBOL_INFO_MAX_AGE_MS, SymbolInfoCache } from './symbol-info-cache';
import { symbolInfo } from '../../core/testing/test-market';

const T0 = 1_723_161_240_000;
const HOUR = 3_600_000;

const info = symbolInfo;

/** An exchange that knows BTCUSDT and LUNAUSDT (halted) and cannot be reached for ETHUSDT. */
function exchange() {
	const asked: string[] = [];
	const rest: SymbolRest = {
		exchangeInfo: (symbols = []) => {
			const symbol = symbols[0] ?? '';
			asked.push(symbol);
			if (symbol === 'ethusdt') return Promise.reject(new RestError('network', 'unreachable'));
			if (symbol === 'btcusdt') return Promise.resolve([info('BTCUSDT')]);
			if (symbol === 'lunausdt') return Promise.resolve([info('LUNAUSDT', 'HALT')]);
			return Promise.reject(new RestError('http', 'Invalid symbol.', 400));
		}
	};
	return { rest, asked };
}

const SYMBOLS = ['btcusdt', 'xyzusdt', 'lunausdt', 'ethusdt'];
const REFUSED = ['xyzusdt', 'lunausdt'];
const signal = new AbortController().signal;

describe('SymbolInfoCache', () => {
	it('asks the exchange only for symbols it has no verdict on younger than a day', async () => {
		let now = T0;
		const cache = new SymbolInfoCache({ indexedDB: new IDBFactory(), now: () => now });
		const { rest, asked } = exchange();
		const check = async () =>
			(await refusedSymbols(rest, SYMBOLS, signal, cache.of(''))).map((r) => r.symbol);
		expect(await check()).toEqual(REFUSED);
		expect(asked.splice(0)).toEqual(SYMBOLS);
		// An hour later: only the symbol whose answer never came is asked again.
		now = T0 + HOUR;
		expect(await check()).toEqual(REFUSED);
		expect(asked.splice(0)).toEqual(['ethusdt']);
		// A day after the first answers, every one of them is stale.
		now = T0 + SYMBOL_INFO_MAX_AGE_MS;
		expect(await check()).toEqual(REFUSED);
		expect(asked.splice(0)).toEqual(SYMBOLS);
		// A clock set back before the answers does not make them fresh.
		now = T0 - HOUR;
		await check();
		expect(asked.splice(0)).toEqual(SYMBOLS);
		cache.close();
	});

	it('keeps verdicts per host namespace in IndexedDB, readable by symbolInfo in a later worker', async () => {
		const indexedDB = new IDBFactory();
		const first = new SymbolInfoCache({ indexedDB, now: () => T0 });
		await refusedSymbols(exchange().rest, SYMBOLS, signal, first.of('127.0.0.1:18443'));
		first.close();
		const later = new SymbolInfoCache({ indexedDB, now: () => T0 + HOUR });
		expect(await later.symbolInfo('127.0.0.1:18443', 'btcusdt')).toEqual(info('BTCUSDT'));
		expect(await later.symbolInfo('127.0.0.1:18443', 'XYZUSDT')).toBeNull();
		expect(await later.symbolInfo('127.0.0.1:18443', 'ethusdt')).toBeUndefined();
		expect(await later.symbolInfo('', 'btcusdt')).toBeUndefined();
		const { rest, asked } = exchange();
		await refusedSymbols(rest, SYMBOLS, signal, later.of('127.0.0.1:18443'));
		expect(asked).toEqual(['ethusdt']);
		later.close();
	});

	it('keeps verdicts in memory without IndexedDB, and reads nothing once closed', async () => {
		const logged: string[] = [];
		const log = (message: string) => void logged.push(message);
		const cache = new SymbolInfoCache({ indexedDB: null, now: () => T0, log });
		await refusedSymbols(exchange().rest, ['btcusdt'], signal, cache.of(''));
		expect(await cache.symbolInfo('', 'BTCUSDT')).toEqual(info('BTCUSDT'));
		cache.close();
		expect(await cache.symbolInfo('', 'BTCUSDT')).toBeUndefined();
		expect(logged).toEqual(['Symbol cache: could not read']);
	});
});

describe('SymbolInfoCache.trading', () => {
	it('fetches the listing once a day and offers only TRADING symbols, sorted', async () => {
		let now = T0;
		let fetches = 0;
		const cache = new SymbolInfoCache({ indexedDB: new IDBFactory(), now: () => now });
		const fetchAll = () => {
			fetches += 1;
			return Promise.resolve([info('ETHUSDT'), info('LUNAUSDT', 'BREAK'), info('BTCUSDT')]);
		};
		const names = async () => (await cache.trading('', fetchAll)).map((i) => i.symbol);
		expect(await names()).toEqual(['BTCUSDT', 'ETHUSDT']);
		now = T0 + HOUR;
		expect(await names()).toEqual(['BTCUSDT', 'ETHUSDT']);
		expect(fetches).toBe(1);
		now = T0 + SYMBOL_INFO_MAX_AGE_MS;
		await names();
		expect(fetches).toBe(2);
	});

	it('rejects when the exchange cannot be asked and nothing is stored', async () => {
		const cache = new SymbolInfoCache({ indexedDB: null, now: () => T0 });
		await expect(
			cache.trading('', () => Promise.reject(new RestError('network', 'unreachable')))
		).rejects.toThrow('unreachable');
	});
});
