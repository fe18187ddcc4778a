import { describe, expect, it } from 'vitest';
import { readFixtureText, recordingPath, restSamplePath } from '../../../tests/support/fixtures';
import { recordedFrames } from '../../../tests/support/recordings';
import { parseFrame, type WireEvent } from './wire';

const restSample = (name: string) => readFixtureText(restSamplePath(name));

function eventCounts(frames: readonly string[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const frame of frames) {
		const event = parseFrame(frame);
		const key = event.kind === 'trade' ? `trade ${event.trade.symbol}` : event.kind;
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

function tradeOf(event: WireEvent) {
	if (event.kind !== 'trade') throw new Error(`expected a trade, got ${JSON.stringify(event)}`);
	return event;
}

describe('parseFrame over the real recordings', () => {
	it('reads every frame of the 2024 BTCUSDT pair: 9,757 + 10,147 trades, every bookTicker, depth diffs ignored', () => {
		expect(eventCounts(recordedFrames('btcusdt-trade-depth-20240808.txt.gz'))).toEqual({
			'trade BTCUSDT': 9757,
			quote: 28040,
			ignored: 41248 - 9757 - 28040
		});
		expect(eventCounts(recordedFrames('btcusdt-trade-depth-20240809.txt.gz'))).toEqual({
			'trade BTCUSDT': 10147,
			quote: 45134,
			ignored: 58325 - 10147 - 45134
		});
	});

	it('reads the 2021 aggTrade recordings, klines and depth diffs ignored, nothing rejected', () => {
		expect(eventCounts(recordedFrames('btc-eth-dot-aggtrade-kline1m-20210404.txt'))).toEqual({
			'trade BTCUSDT': 1227,
			'trade ETHUSDT': 506,
			'trade DOTUSDT': 177,
			ignored: 4716 - 1227 - 506 - 177
		});
		const tenSymbols = eventCounts(recordedFrames('ten-symbols-aggtrade-depth-20210405.txt'));
		expect(tenSymbols.rejected).toBeUndefined();
		expect(tenSymbols['trade DENTUSDT']).toBe(716);
		expect(tenSymbols['trade ZILUSDT']).toBe(331);
	});

	it('turns a recorded @trade frame into a one-trade Trade', () => {
		const frame =
			'{"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":true,"M":true}}';
		expect(recordedFrames('btcusdt-trade-depth-20240808.txt.gz')).toContain(frame);
		expect(parseFrame(frame)).toEqual({
			kind: 'trade',
			eventTime: 1723161255343,
			trade: {
				symbol: 'BTCUSDT',
				id: 3735683259,
				price: '61837.63000000',
				qty: '0.02000000',
				time: 1723161255342,
				buyerMaker: true,
				count: 1,
				firstTradeId: 3735683259,
				lastTradeId: 3735683259
			}
		});
	});

	it('turns a recorded aggTrade of three trades into count 3', () => {
		const frame =
			'{"stream":"dotusdt@aggTrade","data":{"e":"aggTrade","E":1617566591843,"s":"DOTUSDT","a":54605678,"p":"43.53150000","q":"0.90000000","f":63392595,"l":63392597,"T":1617566591841,"m":true,"M":true}}';
		expect(recordedFrames('btc-eth-dot-aggtrade-kline1m-20210404.txt')).toContain(frame);
		expect(tradeOf(parseFrame(frame)).trade).toEqual({
			symbol: 'DOTUSDT',
			id: 54605678,
			price: '43.53150000',
			qty: '0.90000000',
			time: 1617566591841,
			buyerMaker: true,
			count: 3,
			firstTradeId: 63392595,
			lastTradeId: 63392597
		});
	});

	it('reads the single-message samples, extra fields (st, b, a) and pretty-printing included', () => {
		const agg = tradeOf(parseFrame(restSample('ws_spot_agg_trade.json')));
		expect(agg.trade).toMatchObject({ symbol: 'ETHUSDT', id: 226532, count: 1, buyerMaker: false });
		const raw = tradeOf(parseFrame(restSample('ws_spot_trade.json')));
		expect(raw.trade).toMatchObject({ id: 705291099, price: '4149.74000000', qty: '0.43870000' });
		// Extra fields (T, E) of this sample are ignored; the quote is the book's top, as sent.
		expect(parseFrame(restSample('ws_spot_ticker_book.json'))).toEqual({
			kind: 'quote',
			quote: {
				symbol: 'ETHUSDT',
				updateId: 12711621188,
				bid: '4507.24000000',
				bidQty: '2.35950000',
				ask: '4507.25000000',
				askQty: '2.84570000'
			}
		});
		const bad = restSample('ws_spot_ticker_book.json').replace('"4507.25000000"', '"-1"');
		expect(parseFrame(bad)).toMatchObject({ kind: 'rejected', reason: 'bad-value' });
		const otherSymbol = restSample('ws_spot_ticker_book.json').replace('"ETHUSDT"', '"BTCUSDT"');
		expect(parseFrame(otherSymbol)).toMatchObject({ kind: 'rejected', reason: 'bad-value' });
	});
});

describe('parseFrame: partial depth, replies, shutdown, ignored streams', () => {
	const snapshotLine = readFixtureText(recordingPath('btcusdt-trade-depth-20240808.txt.gz'))
		.split('\n')
		.find((line) => line.includes('{"lastUpdateId"'));
	const snapshot = JSON.parse(snapshotLine?.slice(snapshotLine.indexOf('{')) ?? 'null') as {
		lastUpdateId: number;
		bids: [string, string][];
		asks: [string, string][];
	};

	it('reads a top-20 book built from the recorded REST snapshot, symbol from the stream', () => {
		const data = {
			...snapshot,
			bids: snapshot.bids.slice(0, 20),
			asks: snapshot.asks.slice(0, 20)
		};
		const frame = JSON.stringify({ stream: 'btcusdt@depth20@100ms', data });
		expect(parseFrame(frame)).toEqual({
			kind: 'depth',
			book: { symbol: 'BTCUSDT', lastUpdateId: 50093239218, bids: data.bids, asks: data.asks }
		});
		expect(snapshot.bids[0]).toEqual(['61837.63000000', '3.78826000']);
	});

	it.each(['depth5', 'depth10@100ms', 'depth20@1000ms'])('accepts @%s', (topic) => {
		const frame = `{"stream":"ethusdt@${topic}","data":{"lastUpdateId":7,"bids":[["1.5","2"]],"asks":[]}}`;
		expect(parseFrame(frame)).toEqual({
			kind: 'depth',
			book: { symbol: 'ETHUSDT', lastUpdateId: 7, bids: [['1.5', '2']], asks: [] }
		});
	});

	it('answers SUBSCRIBE and LIST_SUBSCRIPTIONS replies', () => {
		expect(parseFrame('{"result":null,"id":1}')).toEqual({ kind: 'reply', id: 1, result: null });
		expect(parseFrame('{"result":["btcusdt@trade"],"id":"list"}')).toEqual({
			kind: 'reply',
			id: 'list',
			result: ['btcusdt@trade']
		});
	});

	it('rejects an error reply, quoting it', () => {
		expect(parseFrame('{"code":2,"msg":"Invalid request","id":4}')).toEqual({
			kind: 'rejected',
			reason: 'not-a-frame',
			detail: 'error reply 4: {"code":2,"msg":"Invalid request","id":4}'
		});
	});

	it('reads serverShutdown bare and wrapped', () => {
		const shutdown = { kind: 'shutdown', eventTime: 1723161255343 };
		expect(parseFrame('{"e":"serverShutdown","E":1723161255343}')).toEqual(shutdown);
		expect(
			parseFrame('{"stream":"serverShutdown","data":{"e":"serverShutdown","E":1723161255343}}')
		).toEqual(shutdown);
		expect(parseFrame('{"e":"serverShutdown","E":"soon"}')).toEqual({
			kind: 'rejected',
			reason: 'bad-value',
			detail: 'serverShutdown E "soon"'
		});
	});

	it.each([
		'btcusdt@depth',
		'btcusdt@depth@100ms',
		'btcusdt@kline_1s',
		'btcusdt@kline_1M',
		'btcusdt@kline_1h@+08:00',
		'btcusdt@ticker',
		'btcusdt@ticker_4h',
		'btcusdt@avgPrice',
		'!miniTicker@arr',
		'!ticker@arr'
	])('ignores %s', (stream) => {
		expect(parseFrame(`{"stream":"${stream}","data":{"e":"x"}}`)).toEqual({
			kind: 'ignored',
			stream
		});
	});
});

describe('parseFrame: miniTicker', () => {
	const data =
		'{"e":"24hrMiniTicker","E":1723161256000,"s":"BTCUSDT","c":"61000.10000000","o":"59000.00000000","h":"61500.00000000","l":"58800.00000000","v":"12345.67800000","q":"745000000.12000000"}';

	it('reads the 24 h rolling figures as decimal strings', () => {
		expect(parseFrame(`{"stream":"btcusdt@miniTicker","data":${data}}`)).toEqual({
			kind: 'ticker',
			ticker: {
				symbol: 'BTCUSDT',
				eventTime: 1723161256000,
				close: '61000.10000000',
				open: '59000.00000000',
				high: '61500.00000000',
				low: '58800.00000000',
				volume: '12345.67800000',
				quoteVolume: '745000000.12000000'
			}
		});
	});

	it('accepts a zero volume and rejects a bad price, naming the field', () => {
		const quiet = data.replace('"v":"12345.67800000"', '"v":"0.00000000"');
		expect(parseFrame(`{"stream":"btcusdt@miniTicker","data":${quiet}}`).kind).toBe('ticker');
		const bad = data.replace('"o":"59000.00000000"', '"o":"-1"');
		expect(parseFrame(`{"stream":"btcusdt@miniTicker","data":${bad}}`)).toMatchObject({
			kind: 'rejected',
			reason: 'bad-value',
			detail: expect.stringContaining('btcusdt@miniTicker o') as unknown
		});
	});
});
