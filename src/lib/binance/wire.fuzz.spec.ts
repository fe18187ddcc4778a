import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECORDINGS } from '../../../tests/support/fixtures';
import { recordedFrames } from '../../../tests/support/recordings';
import { isPositiveDecimal } from './wire-values';
import { parseFrame, type WireEvent } from './wire';

/** A sample of real frames of every kind in the file: aggTrades, klines, depth diffs. */
const REAL_FRAMES = recordedFrames(RECORDINGS.btcEthDot20210404).filter(
	(_, index) => index % 50 === 0
);

const KINDS = new Set(['trade', 'depth', 'reply', 'shutdown', 'ignored', 'rejected']);

/** Whatever came in, what comes out is a well-formed event: a trade always holds valid values. */
function expectWellFormed(event: WireEvent): void {
	expect(KINDS.has(event.kind)).toBe(true);
	if (event.kind === 'rejected') expect(event.detail.length).toBeGreaterThan(0);
	if (event.kind !== 'trade') return;
	const { trade } = event;
	expect(isPositiveDecimal(trade.price) && isPositiveDecimal(trade.qty)).toBe(true);
	expect(Number.isSafeInteger(trade.id) && trade.id >= 0).toBe(true);
	expect(trade.count).toBe(trade.lastTradeId - trade.firstTradeId + 1);
	expect(trade.count).toBeGreaterThanOrEqual(1);
	expect(trade.time).toBeGreaterThan(0);
	expect(trade.symbol).toBe(trade.symbol.toUpperCase());
}

type Mutation = (text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.nat().map((at) => (text: string) => text.slice(0, at % (text.length + 1))),
	fc
		.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 4 }))
		.map(([at, insert]) => (text: string) => {
			const i = at % (text.length + 1);
			return text.slice(0, i) + insert + text.slice(i);
		}),
	fc.tuple(fc.nat(), fc.integer({ min: 1, max: 8 })).map(([at, length]) => (text: string) => {
		const i = at % (text.length + 1);
		return text.slice(0, i) + text.slice(i + length);
	}),
	fc
		.tuple(fc.nat(), fc.constantFrom('-', '.', 'e', '"', '0', 'x', '}', ',', 'null'))
		.map(([at, char]) => (text: string) => {
			const i = at % Math.max(text.length, 1);
			return text.slice(0, i) + char + text.slice(i + 1);
		})
);

describe('parseFrame never throws', () => {
	it('on arbitrary strings', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
				expectWellFormed(parseFrame(text));
			}),
			{ numRuns: 2000 }
		);
	});

	it('on real frames with a few mutations each', () => {
		expect(REAL_FRAMES.length).toBeGreaterThan(80);
		fc.assert(
			fc.property(
				fc.constantFrom(...REAL_FRAMES),
				fc.array(mutation, { minLength: 1, maxLength: 3 }),
				(frame, mutations) => {
					expectWellFormed(parseFrame(mutations.reduce((text, mutate) => mutate(text), frame)));
				}
			),
			{ numRuns: 3000 }
		);
	});

	it('on any JSON value as the payload of a trade, aggTrade or depth stream', () => {
		const stream = fc.constantFrom('btcusdt@trade', 'btcusdt@aggTrade', 'btcusdt@depth5', 'x@y');
		const payload = fc.oneof(
			fc.jsonValue(),
			fc.dictionary(
				fc.constantFrom('e', 'E', 's', 't', 'a', 'p', 'q', 'f', 'l', 'T', 'm'),
				fc.jsonValue()
			)
		);
		fc.assert(
			fc.property(stream, payload, (name, data) => {
				expectWellFormed(parseFrame(JSON.stringify({ stream: name, data })));
			}),
			{ numRuns: 2000 }
		);
	});
});
