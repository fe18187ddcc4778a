import type { ControlCommand, ServerState } from '../../tests/server/server.ts';
import { RECORDINGS } from '../../tests/support/fixtures.ts';
import { spawnHelper, stopHelper, waitForOutput } from './e2e-process';

/**
 * The Binance test server (tests/server/main.ts) in synthetic mode as its own process: at tens of
 * thousands of messages a second its sending would otherwise starve the bench's event loop (and
 * its timers) of the same process. Controlled over HTTP, like the browser tests do.
 */
export interface SyntheticServer {
	/** `http://127.0.0.1:<port>`: REST base and control. */
	readonly httpUrl: string;
	/** `ws://127.0.0.1:<port>`: stream base. */
	readonly wsUrl: string;
	control(command: ControlCommand): Promise<ServerState>;
	state(): Promise<ServerState>;
	close(): Promise<void>;
}

/** Where the synthetic market's clock starts and how fast it runs (the server's defaults: 0 and 1). */
export interface SyntheticClock {
	/** ms of synthetic trades before the clock, which REST shows as history. */
	readonly historyMs?: number;
	readonly speed?: number;
}

/** Which recording the server loads and which of its symbols it streams synthetically. */
export interface SyntheticMarket {
	readonly recording: string;
	/** Upper case; the rate is shared evenly among them. */
	readonly symbols: readonly string[];
}

/** BTCUSDT's recorded trades (2024-08-08): the bench's one-symbol market. */
export const BTC_MARKET: SyntheticMarket = {
	recording: RECORDINGS.btc20240808,
	symbols: ['BTCUSDT']
};

/**
 * Streams the market's recorded trades looped with fresh ids at `rate` aggTrades/s in total, each
 * symbol an even share (BTCUSDT alone by default).
 */
export async function startSyntheticServer(
	rate: number,
	clock: SyntheticClock = {},
	market: SyntheticMarket = BTC_MARKET
): Promise<SyntheticServer> {
	const share = Math.max(1, Math.round(rate / market.symbols.length));
	const child = spawnHelper([
		'tests/server/main.ts',
		'--port',
		'0',
		'--recordings',
		market.recording,
		'--synthetic',
		market.symbols.map((symbol) => `${symbol}:${share}`).join(','),
		...(clock.historyMs === undefined ? [] : ['--history-ms', String(clock.historyMs)]),
		...(clock.speed === undefined ? [] : ['--speed', String(clock.speed)])
	]);
	const httpUrl = await waitForOutput(child, /(http:\/\/127\.0\.0\.1:\d+)/);
	const call = async (init?: RequestInit): Promise<ServerState> => {
		const res = await fetch(`${httpUrl}/__control`, init);
		if (!res.ok) throw new Error(`test server control: HTTP ${res.status}`);
		return (await res.json()) as ServerState;
	};
	return {
		httpUrl,
		wsUrl: httpUrl.replace(/^http/, 'ws'),
		control: (command) =>
			call({
				method: 'POST',
				body: JSON.stringify(command),
				headers: { 'Content-Type': 'application/json' }
			}),
		state: () => call(),
		close: () => stopHelper(child)
	};
}
