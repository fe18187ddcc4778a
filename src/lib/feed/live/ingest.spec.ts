import { describe, expect, it } from 'vitest';
import { SymbolAggregator } from '../../core/aggregator';
import { Ingest } from './ingest';
import { StatusCounters } from './status';

function aggTrade(symbol: string, a: number, T: number, p = '100.5'): string {
	const data = {
		e: 'aggTrade',
		E: T + 3,
		s: symbol.toUpperCase(),
		a,
		p,
		q: '0.2',
		f: a * 10,
		l: a * 10 + 1,
		T,
		m: false,
		M: true
	};
	return JSON.stringify({ stream: `${symbol}@aggTrade`, data });
}

function depth(symbol: string, lastUpdateId: number, bids: string[][], asks: string[][]): string {
	return JSON.stringify({ stream: `${symbol}@depth20@100ms`, data: { lastUpdateId, bids, asks } });
}

function setup(keep?: ReadonlyMap<string, SymbolAggregator>) {
	const counters = new StatusCounters();
	const events = { changed: 0, shutdown: 0 };
	const ingest = new Ingest(
		['btcusdt', 'ethusdt'],
		counters,
		{ changed: () => void (events.changed += 1), shutdown: () => void (events.shutdown += 1) },
		keep
	);
	const status = () => counters.snapshot(0, { state: 'live', detail: '', reconnects: 0 }, 0);
	return { ingest, events, status };
}

describe('Ingest', () => {
	it('adds trades of configured symbols and counts what it skips', () => {
		const { ingest, events, status } = setup();
		expect(ingest.frame(aggTrade('btcusdt', 7, 1_700_000_000_100), 0)).toBe('trade');
		expect(ingest.frame(aggTrade('btcusdt', 7, 1_700_000_000_100), 0)).toBe('trade');
		expect(ingest.frame(aggTrade('btcusdt', 9, 1_700_000_002_100), 0)).toBe('trade');
		expect(ingest.frame(aggTrade('btcusdt', 10, 1_700_000_000_100), 0)).toBe('trade');
		expect(ingest.frame(aggTrade('xrpusdt', 1, 1_700_000_000_100), 0)).toBe('trade');
		expect(ingest.frame('{oops', 0)).toBeNull();
		expect(ingest.frame(aggTrade('ethusdt', 1, 1_700_000_000_100, '-1'), 0)).toBeNull();
		expect(events.changed).toBe(2);
		expect(status()).toMatchObject({
			duplicates: 1,
			rejected: {
				'out-of-order': 1,
				'unconfigured-symbol': 1,
				'malformed-json': 1,
				'bad-value': 1
			}
		});
		expect(ingest.aggregator('btcusdt')?.lastTradeId).toBe(9);
		expect(ingest.aggregator('ethusdt')?.lastTradeId).toBeNull();
	});

	it('keeps the latest top-20 book per symbol and reports best bid and ask', () => {
		const { ingest, events } = setup();
		ingest.frame(depth('btcusdt', 5, [['100.1', '1']], [['100.2', '3']]), 0);
		ingest.frame(depth('btcusdt', 6, [['100.0', '1']], []), 0);
		expect(ingest.frame(depth('dotusdt', 6, [], []), 0)).toBe('book');
		expect(events.changed).toBe(2);
		expect(ingest.bookTops(['btcusdt', 'ethusdt'])).toEqual([
			{ symbol: 'btcusdt', bestBid: '100.0', bestAsk: null, lastUpdateId: 6 }
		]);
	});

	it('passes on server shutdown notices; replies and ignored streams are not market data', () => {
		const { ingest, events } = setup();
		expect(ingest.frame('{"e":"serverShutdown","E":1700000000000}', 0)).toBeNull();
		expect(events.shutdown).toBe(1);
		expect(ingest.frame('{"result":null,"id":1}', 0)).toBeNull();
		expect(ingest.frame('{"stream":"btcusdt@kline_1m","data":{}}', 0)).toBeNull();
	});

	it('reuses the aggregators it is given to keep', () => {
		const kept = new SymbolAggregator('BTCUSDT');
		const { ingest } = setup(new Map([['BTCUSDT', kept]]));
		expect(ingest.aggregator('btcusdt')).toBe(kept);
		expect(ingest.aggregators.get('ETHUSDT')).toBeInstanceOf(SymbolAggregator);
	});
});
