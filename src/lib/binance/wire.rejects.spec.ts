import { describe, expect, it } from 'vitest';
import { parseFrame } from './wire';

const TRADE = {
	e: 'trade',
	E: 1723161255343,
	s: 'BTCUSDT',
	t: 3735683259,
	p: '61837.63000000',
	q: '0.02000000',
	T: 1723161255342,
	m: true,
	M: true
};
const AGG_TRADE = {
	e: 'aggTrade',
	E: 1617566591843,
	s: 'DOTUSDT',
	a: 54605678,
	p: '43.53150000',
	q: '0.90000000',
	f: 63392595,
	l: 63392597,
	T: 1617566591841,
	m: true,
	M: true
};

function tradeFrame(changes: Record<string, unknown>, stream = 'btcusdt@trade'): string {
	return JSON.stringify({ stream, data: { ...TRADE, ...changes } });
}

function aggFrame(changes: Record<string, unknown>, stream = 'dotusdt@aggTrade'): string {
	return JSON.stringify({ stream, data: { ...AGG_TRADE, ...changes } });
}

describe('parseFrame rejects broken text', () => {
	it.each([
		['truncated JSON', tradeFrame({}).slice(0, 60)],
		['an empty frame', ''],
		['NaN', 'NaN'],
		['a bare NaN value', '{"stream":"btcusdt@trade","data":{"q":NaN}}'],
		['a trailing comma', '{"result":null,"id":1,}']
	])('%s is malformed-json', (_, text) => {
		const event = parseFrame(text);
		expect(event).toMatchObject({ kind: 'rejected', reason: 'malformed-json' });
	});

	it('quotes the start of a malformed frame', () => {
		const text = `{"stream":"btcusdt@trade","data":${'x'.repeat(200)}`;
		const event = parseFrame(text);
		expect(event.kind === 'rejected' && event.detail).toMatch(
			/: \{"stream":"btcusdt@trade".*\.\.\.$/
		);
	});

	it.each([
		['an array', '[1,2]', 'not an object: [1,2]'],
		['null', 'null', 'not an object: null'],
		['a number', '42', 'not an object: 42'],
		['an object of neither kind', '{"hello":1}', 'neither a stream frame nor a reply: {"hello":1}'],
		[
			'a reply without id',
			'{"result":null}',
			'neither a stream frame nor a reply: {"result":null}'
		],
		[
			'a non-string stream',
			'{"stream":7,"data":{}}',
			'neither a stream frame nor a reply: {"stream":7,"data":{}}'
		],
		[
			'data that is not an object',
			'{"stream":"btcusdt@trade","data":[1]}',
			'btcusdt@trade data [1]'
		],
		['missing data', '{"stream":"btcusdt@trade"}', 'btcusdt@trade data missing']
	])('%s is not-a-frame', (_, text, detail) => {
		expect(parseFrame(text)).toEqual({ kind: 'rejected', reason: 'not-a-frame', detail });
	});

	it.each([
		'btcusdt@foo',
		'btcusdt',
		'@trade',
		'btc-usdt@trade',
		'btcusdt@trade@100ms',
		'btcusdt@depth7',
		'btcusdt@depth20@500ms',
		'btcusdt@kline_2s',
		'!everything'
	])('stream %s is unknown-stream', (stream) => {
		expect(parseFrame(JSON.stringify({ stream, data: TRADE }))).toEqual({
			kind: 'rejected',
			reason: 'unknown-stream',
			detail: `stream "${stream}"`
		});
	});
});

describe('parseFrame rejects impossible trade values, naming the field', () => {
	it.each([
		['negative qty', { q: '-1' }, 'q "-1"'],
		['zero qty', { q: '0.00000000' }, 'q "0.00000000"'],
		['NaN price', { p: 'NaN' }, 'p "NaN"'],
		['price as a number', { p: 61837.63 }, 'p 61837.63'],
		['exponent', { q: '1e-5' }, 'q "1e-5"'],
		['empty price', { p: '' }, 'p ""'],
		['bare dot', { p: '.' }, 'p "."'],
		['leading dot', { p: '.5' }, 'p ".5"'],
		['trailing dot', { p: '5.' }, 'p "5."'],
		['two dots', { p: '1.2.3' }, 'p "1.2.3"'],
		['a digit beyond 1e-8', { q: '0.000000001' }, 'q "0.000000001"'],
		['spaces', { p: ' 1.5' }, 'p " 1.5"'],
		['missing qty', { q: undefined }, 'q missing'],
		['fractional id', { t: 1.5 }, 't 1.5'],
		['negative id', { t: -1 }, 't -1'],
		['id beyond 2^53', { t: 2 ** 53 }, 't 9007199254740992'],
		['id as a string', { t: '3735683259' }, 't "3735683259"'],
		['zero trade time', { T: 0 }, 'T 0'],
		['negative event time', { E: -5 }, 'E -5'],
		['missing event time', { E: undefined }, 'E missing'],
		['maker flag as a string', { m: 'true' }, 'm "true"'],
		['missing maker flag', { m: undefined }, 'm missing'],
		['symbol of another stream', { s: 'ETHUSDT' }, 's "ETHUSDT"'],
		['missing symbol', { s: undefined }, 's missing'],
		['aggTrade payload on a trade stream', { e: 'aggTrade' }, 'e "aggTrade"']
	])('%s', (_, changes, field) => {
		expect(parseFrame(tradeFrame(changes))).toEqual({
			kind: 'rejected',
			reason: 'bad-value',
			detail: `btcusdt@trade ${field}`
		});
	});

	it.each([
		['negative qty', { q: '-1' }, 'q "-1"'],
		['last below first', { l: 63392594 }, 'l 63392594'],
		['missing first id', { f: undefined }, 'f missing'],
		['aggregate id as null', { a: null }, 'a null'],
		['symbol mismatch', { s: 'BTCUSDT' }, 's "BTCUSDT"'],
		['trade payload on an aggTrade stream', { e: 'trade' }, 'e "trade"']
	])('aggTrade: %s', (_, changes, field) => {
		expect(parseFrame(aggFrame(changes))).toEqual({
			kind: 'rejected',
			reason: 'bad-value',
			detail: `dotusdt@aggTrade ${field}`
		});
	});

	it('cuts a long value short in the detail', () => {
		const event = parseFrame(tradeFrame({ p: '9'.repeat(100) + 'x' }));
		expect(event).toEqual({
			kind: 'rejected',
			reason: 'bad-value',
			detail: `btcusdt@trade p "${'9'.repeat(39)}...`
		});
	});

	it('matches the symbol without regard to case, and prints it upper-case', () => {
		const lower = parseFrame(tradeFrame({ s: 'btcusdt' }));
		expect(lower.kind === 'trade' && lower.trade.symbol).toBe('BTCUSDT');
		const upperStream = parseFrame(tradeFrame({}, 'BTCUSDT@trade'));
		expect(upperStream.kind === 'trade' && upperStream.trade.symbol).toBe('BTCUSDT');
	});

	it('accepts plain decimals of any shape: integers, few or many decimals', () => {
		for (const [p, q] of [
			['5', '100'],
			['0.2312', '2619.4'],
			['00012.50', '0.00000001'],
			['7.12345678000', '1.000000000000']
		]) {
			const event = parseFrame(tradeFrame({ p, q }));
			expect(event.kind === 'trade' && [event.trade.price, event.trade.qty]).toEqual([p, q]);
		}
	});
});

describe('parseFrame rejects broken depth books', () => {
	function depthFrame(data: unknown): string {
		return JSON.stringify({ stream: 'btcusdt@depth5', data });
	}
	const good = { lastUpdateId: 7, bids: [['1.5', '2']], asks: [['1.6', '3']] };

	it.each([
		['missing lastUpdateId', { ...good, lastUpdateId: undefined }, 'lastUpdateId missing'],
		['bids not an array', { ...good, bids: 'x' }, 'bids "x"'],
		['a level with one item', { ...good, asks: [['1.6']] }, 'asks[0] ["1.6"]'],
		[
			'a negative qty',
			{
				...good,
				bids: [
					['1.5', '2'],
					['1.4', '-2']
				]
			},
			'bids[1] ["1.4","-2"]'
		],
		['a numeric price', { ...good, asks: [[1.6, '3']] }, 'asks[0] [1.6,"3"]']
	])('%s', (_, data, field) => {
		expect(parseFrame(depthFrame(data))).toEqual({
			kind: 'rejected',
			reason: 'bad-value',
			detail: `btcusdt@depth5 ${field}`
		});
	});

	it('drops extra items of a legacy three-item level', () => {
		const event = parseFrame(depthFrame({ ...good, bids: [['1.5', '2', []]] }));
		expect(event.kind === 'depth' && event.book.bids).toEqual([['1.5', '2']]);
	});
});
