import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionUnderTest as setup, TEST_URL } from './testing/connection-fakes';

beforeEach(() => {
	vi.useFakeTimers();
	vi.setSystemTime(1_700_000_000_000);
});
afterEach(() => {
	vi.useRealTimers();
});

const WITH_ETH = `${TEST_URL}/ethusdt@aggTrade/ethusdt@depth20@100ms`;

describe('Connection.follow', () => {
	it('subscribes on the open socket, no new connection', () => {
		const t = setup();
		t.connection.start();
		t.last().open();
		t.last().receive('data');
		t.connection.follow(WITH_ETH);
		expect(t.sockets).toHaveLength(1);
		expect(t.last().sent).toEqual([
			'{"method":"SUBSCRIBE","params":["ethusdt@aggTrade","ethusdt@depth20@100ms"],"id":1}'
		]);
		expect(t.connection.controlMessages).toBe(1);
	});

	it('unsubscribes what is no longer wanted, paced after the previous message', () => {
		const t = setup();
		t.connection.start();
		t.last().open();
		t.last().receive('data');
		t.connection.follow(WITH_ETH);
		t.connection.follow(TEST_URL);
		expect(t.last().sent).toHaveLength(1);
		vi.advanceTimersByTime(250);
		expect(t.last().sent.at(-1)).toBe(
			'{"method":"UNSUBSCRIBE","params":["ethusdt@aggTrade","ethusdt@depth20@100ms"],"id":2}'
		);
	});

	it('waits until the socket is live, and a reconnect opens with the followed streams', () => {
		const t = setup();
		t.connection.start();
		t.connection.follow(WITH_ETH);
		t.last().open();
		expect(t.last().sent).toEqual([]);
		t.last().receive('data');
		expect(t.last().sent).toHaveLength(1);
		t.last().drop();
		vi.advanceTimersByTime(60_000);
		expect(t.last().url).toBe(WITH_ETH);
		t.last().open();
		t.last().receive('data');
		expect(t.last().sent).toEqual([]);
	});
});
