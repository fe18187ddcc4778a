import { describe, expect, it } from 'vitest';
import { combinedStreamUrl, controlMessage, streamNames, subscriptionChange } from './streams';

describe('combinedStreamUrl', () => {
	it('puts trades, the 100 ms top-20 book and the 24 h ticker of every symbol into one combined stream', () => {
		expect(combinedStreamUrl('wss://data-stream.binance.vision', ['btcusdt', 'ethusdt'])).toBe(
			'wss://data-stream.binance.vision/stream?streams=' +
				'btcusdt@aggTrade/btcusdt@depth20@100ms/btcusdt@miniTicker/' +
				'ethusdt@aggTrade/ethusdt@depth20@100ms/ethusdt@miniTicker'
		);
	});

	it('drops trailing slashes and keeps a port', () => {
		expect(combinedStreamUrl('ws://127.0.0.1:8123/', ['dotusdt'])).toBe(
			'ws://127.0.0.1:8123/stream?streams=dotusdt@aggTrade/dotusdt@depth20@100ms/dotusdt@miniTicker'
		);
	});

	it('lists a repeated symbol once', () => {
		expect(streamNames(['btcusdt', 'btcusdt'])).toEqual([
			'btcusdt@aggTrade',
			'btcusdt@depth20@100ms',
			'btcusdt@miniTicker'
		]);
	});

	it('refuses bad symbols, no symbols, too many streams and non-WebSocket bases', () => {
		expect(() => combinedStreamUrl('wss://x.test', ['BTCUSDT'])).toThrow(/not a Binance symbol/);
		expect(() => combinedStreamUrl('wss://x.test', [])).toThrow(/at least one symbol/);
		const many = Array.from({ length: 342 }, (_, i) => `s${i}usdt`);
		expect(() => combinedStreamUrl('wss://x.test', many)).toThrow(/1026 streams exceed/);
		expect(() => combinedStreamUrl('https://api.binance.com', ['btcusdt'])).toThrow(
			/not a WebSocket base/
		);
	});
});

describe('control messages', () => {
	it('sends many streams in one SUBSCRIBE with an id', () => {
		const text = controlMessage('SUBSCRIBE', ['btcusdt@aggTrade', 'btcusdt@depth20@100ms'], 7);
		expect(JSON.parse(text)).toEqual({
			method: 'SUBSCRIBE',
			params: ['btcusdt@aggTrade', 'btcusdt@depth20@100ms'],
			id: 7
		});
		expect(() => controlMessage('UNSUBSCRIBE', [], 1)).toThrow(/at least one stream/);
	});

	it('computes the streams to add and drop when symbols change', () => {
		expect(subscriptionChange(['btcusdt', 'ethusdt'], ['ethusdt', 'dotusdt'])).toEqual({
			subscribe: ['dotusdt@aggTrade', 'dotusdt@depth20@100ms', 'dotusdt@miniTicker'],
			unsubscribe: ['btcusdt@aggTrade', 'btcusdt@depth20@100ms', 'btcusdt@miniTicker']
		});
		expect(subscriptionChange(['btcusdt'], ['btcusdt'])).toEqual({
			subscribe: [],
			unsubscribe: []
		});
	});
});
