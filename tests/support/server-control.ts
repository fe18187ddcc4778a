/**
 * The Binance test server the browser tests run against (started by playwright.config.ts), and a
 * small typed client for its `/__control` endpoint.
 */
import type { KlineRow } from '../../src/lib/core/kline';
import type { ControlCommand, ServerState } from '../server/server.ts';
import { portOffset } from './builds.ts';

export type { ControlCommand, Fault, ServerState } from '../server/server.ts';

export const TEST_SERVER_PORT = 18443 + portOffset();
/** REST base URL, to give the app as its REST host. */
export const TEST_SERVER_HTTP = `http://127.0.0.1:${TEST_SERVER_PORT}`;
/** WebSocket base URL, to give the app as its stream host. */
export const TEST_SERVER_WS = `ws://127.0.0.1:${TEST_SERVER_PORT}`;
/** Replay speed the browser tests' server starts with. */
export const TEST_SERVER_SPEED = 10;

async function call(init?: RequestInit): Promise<ServerState> {
	const res = await fetch(`${TEST_SERVER_HTTP}/__control`, init);
	const body: unknown = await res.json();
	if (!res.ok) {
		const message = (body as { error?: string }).error ?? res.statusText;
		throw new Error(`test server refused control: ${message}`);
	}
	return body as ServerState;
}

/** Applies a command (`{ reset: true }`, `{ fault: 'drop' }`, `{ speed: 50 }`, ...); returns the new state. */
export function control(command: ControlCommand): Promise<ServerState> {
	return call({
		method: 'POST',
		body: JSON.stringify(command),
		headers: { 'Content-Type': 'application/json' }
	});
}

/** Connections, replay clock, frames sent per stream, last ids sent per symbol, fault. */
export function state(): Promise<ServerState> {
	return call();
}

/** The server's `/api/v3/klines` rows (the latest `limit`, at most 1000) of `symbol` (`BTCUSDT`). */
export async function restKlines(
	symbol: string,
	interval: string,
	limit = 1000
): Promise<KlineRow[]> {
	const query = new URLSearchParams({ symbol, interval, limit: String(limit) });
	const res = await fetch(`${TEST_SERVER_HTTP}/api/v3/klines?${query}`);
	if (!res.ok) throw new Error(`klines ${query}: HTTP ${res.status} ${await res.text()}`);
	return (await res.json()) as KlineRow[];
}
