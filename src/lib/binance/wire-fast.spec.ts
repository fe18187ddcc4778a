import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { recordedFrames } from '../../../tests/support/recordings';
import { parseTradeFast } from './wire-fast';
import { classifyStream } from './wire-streams';
import { parseFrame, parseFrameSlow, type WireEvent } from './wire';

interface Tally {
	frames: number;
	trades: number;
	fast: number;
	/** Frames where the fast path, or parseFrame, disagrees with parseFrameSlow. */
	mismatches: string[];
}

/** Trades must also have their properties in the same order: one object shape for the aggregator. */
function sameEvent(a: WireEvent, b: WireEvent): boolean {
	if (!isDeepStrictEqual(a, b)) return false;
	return a.kind !== 'trade' || b.kind !== 'trade' || sameKeys(a.trade, b.trade);
}

function sameKeys(a: object, b: object): boolean {
	return Object.keys(a).join() === Object.keys(b).join();
}

function tally(name: string): Tally {
	const result: Tally = { frames: 0, trades: 0, fast: 0, mismatches: [] };
	for (const frame of recordedFrames(name)) {
		const slow = parseFrameSlow(frame);
		const fast = parseTradeFast(frame, classifyStream);
		result.frames++;
		if (slow.kind === 'trade') result.trades++;
		if (fast !== null) result.fast++;
		if ((fast !== null && !sameEvent(fast, slow)) || !sameEvent(parseFrame(frame), slow)) {
			result.mismatches.push(frame);
		}
	}
	return result;
}

describe('the fast path over every recorded frame', () => {
	it.each([
		['btcusdt-trade-depth-20240808.txt.gz', 41248, 9757],
		['btcusdt-trade-depth-20240809.txt.gz', 58325, 10147],
		['ethusdt-trade-depth-20240808.txt.gz', 33617, 6106],
		['ethusdt-trade-depth-20240809.txt.gz', 46126, 8409],
		['btcusdt-trade-depth-20230405.txt.gz', 15088, 3144],
		['btc-eth-dot-aggtrade-kline1m-20210404.txt', 4716, 1910],
		['ten-symbols-aggtrade-depth-20210405.txt', 11357, 1240]
	])('%s: same events as JSON.parse, every trade frame taken fast', (name, frames, trades) => {
		const result = tally(name);
		expect(result.mismatches).toEqual([]);
		expect(result).toMatchObject({ frames, trades, fast: trades });
	});
});

const RAW =
	'{"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":true,"M":true}}';
const OLD_RAW =
	'{"stream":"btcusdt@trade","data":{"e":"trade","E":1680652800000,"s":"BTCUSDT","t":3071245454,"p":"28165.47000000","q":"0.00056000","b":20720542158,"a":20720542592,"T":1680652799999,"m":true,"M":true}}';
const AGG =
	'{"stream":"dotusdt@aggTrade","data":{"e":"aggTrade","E":1617566591843,"s":"DOTUSDT","a":54605678,"p":"43.53150000","q":"0.90000000","f":63392595,"l":63392597,"T":1617566591841,"m":false,"M":true}}';

function edit(frame: string, from: string, to: string): string {
	if (!frame.includes(from)) throw new Error(`${from} not in ${frame}`);
	return frame.replace(from, to);
}

describe('the fast path takes exactly its grammar', () => {
	it.each([
		['a raw trade', RAW],
		['a raw trade with the old order ids', OLD_RAW],
		['an aggTrade', AGG],
		['id 0', edit(RAW, '3735683259', '0')],
		['the largest safe id', edit(RAW, '3735683259', '9007199254740991')],
		['one trade in an aggTrade', edit(AGG, '"l":63392597', '"l":63392595')],
		['an upper-case stream name', edit(RAW, 'btcusdt@trade', 'BTCUSDT@trade')],
		['m false', edit(RAW, '"m":true', '"m":false')],
		['M false', edit(RAW, '"M":true', '"M":false')],
		['an integer price', edit(RAW, '61837.63000000', '61837')],
		['many zeros past the 8th decimal', edit(RAW, '0.02000000', '0.020000000000')]
	])('takes %s', (_, frame) => {
		const fast = parseTradeFast(frame, classifyStream);
		expect(fast?.kind).toBe('trade');
		expect(fast).toStrictEqual(parseFrameSlow(frame));
	});

	it.each([
		['2^53 as id', edit(RAW, '3735683259', '9007199254740992'), 'rejected'],
		['a 17-digit id', edit(RAW, '3735683259', '10000000000000000'), 'rejected'],
		['a leading zero', edit(RAW, '3735683259', '03735683259'), 'rejected'],
		['an id written 1.0', edit(RAW, '3735683259', '1.0'), 'trade'],
		['an id written 1e3', edit(RAW, '3735683259', '1e3'), 'trade'],
		['a negative id', edit(RAW, '3735683259', '-1'), 'rejected'],
		['event time 0', edit(RAW, '1723161255343', '0'), 'rejected'],
		['trade time 0', edit(RAW, '1723161255342', '0'), 'rejected'],
		['a lower-case symbol', edit(RAW, '"BTCUSDT"', '"btcusdt"'), 'trade'],
		['another symbol', edit(RAW, '"BTCUSDT"', '"ETHUSDT"'), 'rejected'],
		['a symbol with a suffix', edit(RAW, '"BTCUSDT"', '"BTCUSDTX"'), 'rejected'],
		['a zero qty', edit(RAW, '0.02000000', '0.00000000'), 'rejected'],
		['a 9th decimal', edit(RAW, '0.02000000', '0.020000001'), 'rejected'],
		['an escaped digit in the price', edit(RAW, '"61837', '"\\u00361837'), 'trade'],
		['an escaped @ in the stream', edit(RAW, 'btcusdt@', 'btcusdt\\u0040'), 'trade'],
		['a space after a colon', edit(RAW, '"t":', '"t": '), 'trade'],
		['a trailing newline', `${RAW}\n`, 'trade'],
		['a leading space', ` ${RAW}`, 'trade'],
		['an extra field', edit(RAW, '"M":true', '"M":true,"x":1'), 'trade'],
		['keys in another order', edit(RAW, '"m":true,"M":true', '"M":true,"m":true'), 'trade'],
		['no M', edit(RAW, ',"M":true', ''), 'trade'],
		['m as a string', edit(RAW, '"m":true', '"m":"true"'), 'rejected'],
		['M as null', edit(RAW, '"M":true', '"M":null'), 'trade'],
		[
			'an aggTrade payload on a trade stream',
			edit(AGG, 'dotusdt@aggTrade', 'dotusdt@trade'),
			'rejected'
		],
		['a huge old order id', edit(OLD_RAW, '20720542158', '123456789012345678901234'), 'trade'],
		['only one old order id', edit(OLD_RAW, ',"a":20720542592', ''), 'trade'],
		['last below first', edit(AGG, '"l":63392597', '"l":63392594'), 'rejected'],
		['a depth stream', edit(RAW, 'btcusdt@trade', 'btcusdt@depth5'), 'rejected'],
		['an ignored stream', edit(RAW, 'btcusdt@trade', 'btcusdt@avgPrice'), 'ignored'],
		['a missing closing brace', RAW.slice(0, -1), 'rejected'],
		['an extra closing brace', `${RAW}}`, 'rejected']
	])('leaves %s to JSON.parse', (_, frame, kind) => {
		expect(parseTradeFast(frame, classifyStream)).toBeNull();
		const slow = parseFrameSlow(frame);
		expect(slow.kind).toBe(kind);
		expect(parseFrame(frame)).toStrictEqual(slow);
	});

	it('reads a stream name again after frames of other streams', () => {
		const eth = edit(edit(RAW, 'btcusdt@trade', 'ethusdt@trade'), '"BTCUSDT"', '"ETHUSDT"');
		const depth = '{"stream":"btcusdt@depth5","data":{"lastUpdateId":7,"bids":[],"asks":[]}}';
		for (const frame of [RAW, eth, depth, AGG, RAW, eth, eth, depth, RAW]) {
			expect(parseFrame(frame)).toStrictEqual(parseFrameSlow(frame));
		}
		const symbols = [RAW, eth, AGG].map((frame) => {
			const event = parseTradeFast(frame, classifyStream);
			return event?.kind === 'trade' ? event.trade.symbol : null;
		});
		expect(symbols).toEqual(['BTCUSDT', 'ETHUSDT', 'DOTUSDT']);
	});
});
