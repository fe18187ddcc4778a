import { describe, expect, it } from 'vitest';
import { frameStream, tabMessage } from './tab-messages';

describe('tab messages', () => {
	it('reads the stream name of a combined-stream frame without parsing it', () => {
		expect(frameStream('{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade"}}')).toBe(
			'btcusdt@aggTrade'
		);
		expect(frameStream('{"result":null,"id":1}')).toBeNull();
		expect(frameStream('{"stream":"btcusdt@agg')).toBeNull();
		expect(frameStream('not json')).toBeNull();
	});

	it('takes only the messages of this app from the channel', () => {
		expect(tabMessage({ kind: 'bye', tab: 'a' })).toEqual({ kind: 'bye', tab: 'a' });
		expect(tabMessage({ kind: 'hello' })).toBeNull();
		expect(tabMessage('frames')).toBeNull();
		expect(tabMessage(null)).toBeNull();
	});
});
