import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordedFrames } from '../../../tests/support/recordings';
import { parseTradeFast } from './wire-fast';
import { classifyStream } from './wire-streams';
import { parseFrame, parseFrameSlow } from './wire';

/** Every 25th trade frame of a recording: raw trades (2024, 2023 with order ids) and aggTrades. */
function sampleTradeFrames(name: string): string[] {
	return recordedFrames(name)
		.filter((json) => parseFrameSlow(json).kind === 'trade')
		.filter((_, index) => index % 25 === 0);
}

const TRADE_FRAMES = [
	'btcusdt-trade-depth-20240808.txt.gz',
	'btcusdt-trade-depth-20230405.txt.gz',
	'btc-eth-dot-aggtrade-kline1m-20210404.txt'
].flatMap(sampleTradeFrames);

let fastCount = 0;

/** parseFrame (fast path, else JSON.parse) must give exactly what JSON.parse alone gives. */
function expectSameAsSlow(text: string): void {
	if (parseTradeFast(text, classifyStream) !== null) fastCount++;
	expect(parseFrame(text)).toStrictEqual(parseFrameSlow(text));
}

type Mutation = (text: string) => string;

function at(index: number, text: string): number {
	return index % (text.length + 1);
}

/** The index of the `n`th character (cyclically) that passes `test`, or -1. */
function nth(text: string, n: number, test: (char: string) => boolean): number {
	const hits: number[] = [];
	for (let i = 0; i < text.length; i++) if (test(text.charAt(i))) hits.push(i);
	return hits.length === 0 ? -1 : (hits[n % hits.length] ?? -1);
}

function replaceAt(text: string, index: number, length: number, insert: string): string {
	return index < 0 ? text : text.slice(0, index) + insert + text.slice(index + length);
}

const isDigit = (char: string): boolean => char >= '0' && char <= '9';
const JSON_CHARS = ['"', '\\', ',', ':', '{', '}', ' ', '\n', '0', '9', '-', '.', 'e', 'E', 'u'];

/** Changes that keep the text valid JSON as often as they break it. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...JSON_CHARS), fc.string({ maxLength: 3 }))).map(
		([i, insert]) =>
			(text: string) =>
				replaceAt(text, at(i, text), 0, insert)
	),
	fc.tuple(fc.nat(), fc.integer({ min: 1, max: 6 })).map(
		([i, length]) =>
			(text: string) =>
				replaceAt(text, at(i, text), length, '')
	),
	fc.tuple(fc.nat(), fc.constantFrom(...JSON_CHARS)).map(
		([i, char]) =>
			(text: string) =>
				replaceAt(text, at(i, text), 1, char)
	),
	fc.tuple(fc.nat(), fc.integer({ min: 0, max: 9 })).map(
		([n, digit]) =>
			(text: string) =>
				replaceAt(text, nth(text, n, isDigit), 1, `${digit}`)
	),
	fc.nat().map((n) => (text: string) => {
		const index = nth(text, n, (char) => /[A-Za-z0-9.@]/.test(char));
		const code = text.charCodeAt(index).toString(16).padStart(4, '0');
		return replaceAt(text, index, 1, `\\u${code}`);
	}),
	fc.tuple(fc.nat(), fc.constantFrom(' ', '\n', '\t', '\r')).map(([n, space]) => (text: string) => {
		const index = nth(text, n, (char) => ',:{}'.includes(char));
		return replaceAt(text, index, 0, space);
	}),
	fc.nat().map((n) => (text: string) => {
		const index = nth(text, n, (char) => /[a-zA-Z]/.test(char));
		const char = text.charAt(index);
		const flipped = char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase();
		return replaceAt(text, index, 1, flipped);
	}),
	fc
		.tuple(
			fc.nat(),
			fc.oneof(
				fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
				fc.constantFrom('9007199254740991', '9007199254740992', '0', '00', '-0', '1.0', '1e3')
			)
		)
		.map(([n, number]) => (text: string) => {
			const numbers = [...text.matchAll(/:(\d+)/g)];
			const hit = numbers[n % Math.max(numbers.length, 1)];
			return hit?.index === undefined
				? text
				: replaceAt(text, hit.index + 1, (hit[1] ?? '').length, number);
		}),
	fc.array(fc.nat(), { minLength: 2, maxLength: 2 }).map(([i = 0, j = 0]) => (text: string) => {
		const frame = JSON.parse(text) as { stream: string; data: Record<string, unknown> };
		const entries = Object.entries(frame.data);
		const a = entries[i % entries.length];
		const b = entries[j % entries.length];
		if (a === undefined || b === undefined) return text;
		entries[i % entries.length] = b;
		entries[j % entries.length] = a;
		return JSON.stringify({ stream: frame.stream, data: Object.fromEntries(entries) });
	})
);

/** Applies the mutations in turn; one that needs valid JSON is skipped once the text broke. */
function mutate(frame: string, mutations: readonly Mutation[]): string {
	return mutations.reduce((text, change) => {
		try {
			return change(text);
		} catch {
			return text;
		}
	}, frame);
}

describe('parseFrame equals parseFrameSlow', () => {
	it('on the sampled real frames as they are, all of them taken fast', () => {
		expect(TRADE_FRAMES.length).toBeGreaterThan(500);
		fastCount = 0;
		for (const frame of TRADE_FRAMES) expectSameAsSlow(frame);
		expect(fastCount).toBe(TRADE_FRAMES.length);
	});

	it('on arbitrary strings, alone or after the start of a real frame', () => {
		const frame = fc.constantFrom(...TRADE_FRAMES);
		const text = fc.string({ unit: 'grapheme', maxLength: 200 });
		fc.assert(
			fc.property(frame, fc.nat(), text, (real, cut, tail) => {
				expectSameAsSlow(tail);
				expectSameAsSlow(real.slice(0, cut % real.length) + tail);
			}),
			{ numRuns: 2000 }
		);
	});

	it('on real trade frames with a few mutations each, many still taken fast', () => {
		fastCount = 0;
		fc.assert(
			fc.property(
				fc.constantFrom(...TRADE_FRAMES),
				fc.array(mutation, { minLength: 1, maxLength: 3 }),
				(frame, mutations) => expectSameAsSlow(mutate(frame, mutations))
			),
			{ numRuns: 4000 }
		);
		// Digit changes, swaps of a key with itself and the like keep frames in the grammar: the
		// fast path must have been exercised, not only bypassed.
		expect(fastCount).toBeGreaterThan(150);
	});

	it('on frames laid out in the grammar with edge values in every field', () => {
		const int = mostly(
			fc.oneof(fc.nat().map(String), fc.bigInt({ min: 0n, max: 10n ** 16n }).map(String)),
			['0', '01', '9007199254740991', '9007199254740992', '1.0', '1e3', '-1']
		);
		const decimal = mostly(fc.stringMatching(/^[1-9]\d{0,5}(\.\d{1,10})?$/), [
			'0',
			'0.00000000',
			'.5',
			'5.',
			'1.2.3',
			'\\u0031',
			'0.000000001',
			''
		]);
		const flag = mostly(fc.constantFrom('true', 'false'), ['null', '"true"', 'True']);
		const frame = fc.record({
			streamKind: mostly(fc.constantFrom('btcusdt@trade trade', 'btcusdt@aggTrade aggTrade'), [
				'BTCUSDT@trade trade',
				'btcusdt@depth5 trade',
				'btcusdt@trade aggTrade',
				'btcusdt@aggTrade trade'
			]),
			symbol: mostly(fc.constant('BTCUSDT'), ['btcusdt', 'ETHUSDT', 'BTCUSD', '']),
			ints: fc.array(int, { minLength: 7, maxLength: 7 }),
			p: decimal,
			q: decimal,
			orderIds: fc.boolean(),
			flags: fc.array(flag, { minLength: 2, maxLength: 2 })
		});
		fastCount = 0;
		fc.assert(
			fc.property(frame, (fields) => expectSameAsSlow(layOut(fields))),
			{ numRuns: 3000 }
		);
		expect(fastCount).toBeGreaterThan(150);
	});
});

interface Fields {
	/** Stream name and event type, space-separated. */
	readonly streamKind: string;
	readonly symbol: string;
	readonly ints: readonly string[];
	readonly p: string;
	readonly q: string;
	readonly orderIds: boolean;
	readonly flags: readonly string[];
}

/** Mostly a valid value, sometimes one of the edge cases. */
function mostly(valid: fc.Arbitrary<string>, edges: readonly string[]): fc.Arbitrary<string> {
	return fc.oneof(
		{ arbitrary: valid, weight: 6 },
		{ arbitrary: fc.constantFrom(...edges), weight: 1 }
	);
}

/** A frame in the fast path's exact layout, whatever the values. */
function layOut(fields: Fields): string {
	const [stream, kind] = fields.streamKind.split(' ');
	const [eventTime, tradeTime, id, buyer, seller, first, last] = fields.ints;
	const [m, M] = fields.flags;
	const head = `{"stream":"${stream}","data":{"e":"${kind}","E":${eventTime},"s":"${fields.symbol}"`;
	const values = `"p":"${fields.p}","q":"${fields.q}"`;
	const tail = `"T":${tradeTime},"m":${m},"M":${M}}}`;
	if (kind === 'aggTrade') {
		return `${head},"a":${id},${values},"f":${first},"l":${last},${tail}`;
	}
	const orderIds = fields.orderIds ? `,"b":${buyer},"a":${seller}` : '';
	return `${head},"t":${id},${values}${orderIds},${tail}`;
}
