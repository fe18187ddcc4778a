import { describe, expect, it, vi } from 'vitest';
import { streamsOfUrl, SubscriptionQueue } from './connection-subscriptions';

const fakeTimers = () => ({ setTimeout, clearTimeout });

function queue(open = true) {
	const sent: { method: string; params: string[]; id: number }[] = [];
	const q = new SubscriptionQueue(fakeTimers(), (text) => {
		if (!open) return false;
		sent.push(JSON.parse(text) as { method: string; params: string[]; id: number });
		return true;
	});
	return { q, sent };
}

describe('SubscriptionQueue', () => {
	it('sends one SUBSCRIBE for streams the open socket lacks, with increasing ids', () => {
		vi.useFakeTimers();
		const { q, sent } = queue();
		q.opened(['btcusdt@aggTrade']);
		q.want(['btcusdt@aggTrade', 'ethusdt@aggTrade', 'ethusdt@miniTicker']);
		expect(sent).toEqual([
			{ method: 'SUBSCRIBE', params: ['ethusdt@aggTrade', 'ethusdt@miniTicker'], id: 1 }
		]);
		vi.useRealTimers();
	});

	it('coalesces changes made within the gap into one message each way, at most 4 a second', () => {
		vi.useFakeTimers();
		const { q, sent } = queue();
		q.opened(['a@aggTrade']);
		q.want(['a@aggTrade', 'b@aggTrade']);
		q.want(['a@aggTrade', 'b@aggTrade', 'c@aggTrade']);
		q.want(['b@aggTrade', 'c@aggTrade', 'd@aggTrade']);
		expect(sent).toHaveLength(1);
		vi.advanceTimersByTime(250);
		expect(sent.map((m) => [m.method, m.params])).toEqual([
			['SUBSCRIBE', ['b@aggTrade']],
			['UNSUBSCRIBE', ['a@aggTrade']]
		]);
		vi.advanceTimersByTime(250);
		expect(sent.at(-1)).toEqual({
			method: 'SUBSCRIBE',
			params: ['c@aggTrade', 'd@aggTrade'],
			id: 3
		});
		vi.advanceTimersByTime(1000);
		expect(sent).toHaveLength(3);
		expect(q.sent).toBe(3);
		vi.useRealTimers();
	});

	it('never sends more than 4 messages in any second, however often the wish changes', () => {
		vi.useFakeTimers();
		const { q, sent } = queue();
		const times: number[] = [];
		const t0 = Date.now();
		q.opened([]);
		for (let i = 0; i < 40; i++) {
			q.want(i % 2 === 0 ? [`s${i}@aggTrade`] : []);
			if (sent.length > times.length) times.push(Date.now() - t0);
			vi.advanceTimersByTime(50);
		}
		for (let i = 4; i < times.length; i++) {
			expect((times[i] as number) - (times[i - 4] as number)).toBeGreaterThanOrEqual(1000);
		}
		vi.useRealTimers();
	});

	it('waits for an open socket, and a new socket with the streams in its URL needs nothing', () => {
		vi.useFakeTimers();
		let open = false;
		const sent: string[] = [];
		const q = new SubscriptionQueue(fakeTimers(), (text) => open && sent.push(text) > 0);
		q.want(['a@aggTrade', 'b@aggTrade']);
		expect(sent).toEqual([]);
		open = true;
		q.opened(['a@aggTrade']);
		expect(sent).toEqual(['{"method":"SUBSCRIBE","params":["b@aggTrade"],"id":1}']);
		q.closed();
		q.opened(['a@aggTrade', 'b@aggTrade']);
		expect(sent).toHaveLength(1);
		vi.useRealTimers();
	});
});

describe('streamsOfUrl', () => {
	it('reads the streams of a combined-stream URL', () => {
		expect(streamsOfUrl('ws://h:1/stream?streams=a@aggTrade/a@depth20@100ms')).toEqual([
			'a@aggTrade',
			'a@depth20@100ms'
		]);
		expect(streamsOfUrl('ws://h:1/ws/a@aggTrade')).toEqual([]);
	});
});
