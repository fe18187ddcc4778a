import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { Connection, type ConnectionState } from './connection';
import { systemTimers } from '../runtime/system-timers';
import { combinedStreamUrl } from './streams';

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

let server: WebSocketServer | null = null;
afterEach(async () => {
	await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
	server = null;
});

describe('Connection over a real ws server', () => {
	it('goes live on data, reconnects after the server drops it, and stops cleanly', async () => {
		const wss = new WebSocketServer({ port: 0 });
		server = wss;
		await new Promise((resolve) => wss.once('listening', resolve));
		const paths: string[] = [];
		const peers: WebSocket[] = [];
		wss.on('connection', (socket, request) => {
			paths.push(request.url ?? '');
			peers.push(socket);
			socket.send(`{"n":${peers.length}}`);
		});
		const { port } = wss.address() as AddressInfo;
		const states: ConnectionState[] = [];
		const details: string[] = [];
		const frames: string[] = [];
		const connection = new Connection(
			{
				url: combinedStreamUrl(`ws://127.0.0.1:${port}`, ['btcusdt']),
				Socket: WebSocket,
				now: () => Date.now(),
				timers: systemTimers,
				tuning: { backoffBaseMs: 20, backoffMaxMs: 100 }
			},
			{
				frame: (text) => (frames.push(text), true),
				binary: () => {},
				state: (state, detail) => {
					if (states.at(-1) !== state) states.push(state);
					details.push(detail);
				}
			}
		);
		connection.start();
		await waitFor(() => connection.state === 'live');
		expect(paths).toEqual([
			'/stream?streams=btcusdt@aggTrade/btcusdt@depth20@100ms/btcusdt@miniTicker'
		]);

		peers[0]?.terminate();
		await waitFor(() => frames.length === 2);
		expect(connection.state).toBe('live');
		expect(states).toEqual(['connecting', 'live', 'reconnecting', 'live']);
		expect(details).toContain(`Reconnecting to 127.0.0.1:${port} (attempt 2)`);
		expect(frames).toEqual(['{"n":1}', '{"n":2}']);
		expect(connection.attempts).toBe(2);

		connection.stop();
		await waitFor(() => peers[1]?.readyState === WebSocket.CLOSED);
		expect(wss.clients.size).toBe(0);
	});
});
