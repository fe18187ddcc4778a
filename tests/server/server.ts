import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { DEFAULT_RECORDINGS } from '../support/fixtures.ts';
import { parseControlCommand, type ControlCommand } from './control.ts';
import { exchangeInfo } from './exchange-info.ts';
import { loadMarket } from './recording-loader.ts';
import { corsHeaders, handleRest, type RestContext } from './rest.ts';
import { Runtime, type BinanceServerOptions, type ServerState } from './runtime.ts';
import { handleUpgrade } from './ws-upgrade.ts';

export type { ControlCommand, Fault, LastingFault } from './control.ts';
export type { BinanceServerOptions, ServerState } from './runtime.ts';
export type { SyntheticOptions } from './scheduler.ts';

export interface BinanceServer {
	/** `http://127.0.0.1:<port>`: REST base URL. */
	readonly httpUrl: string;
	/** `ws://127.0.0.1:<port>`: stream base URL (append `/stream?streams=...` or `/ws/<stream>`). */
	readonly wsUrl: string;
	readonly port: number;
	control(command: ControlCommand): void;
	state(): ServerState;
	close(): Promise<void>;
}

const MAX_CONTROL_BODY = 64 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		let text = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => {
			text += chunk;
			if (text.length > MAX_CONTROL_BODY) reject(new Error('control body too large'));
		});
		req.on('end', () => resolve(text));
		req.on('error', reject);
	});
}

function json(res: ServerResponse, status: number, body: unknown): void {
	res.statusCode = status;
	res.setHeader('Content-Type', 'application/json');
	res.end(JSON.stringify(body));
}

async function handleControl(
	runtime: Runtime,
	req: IncomingMessage,
	res: ServerResponse
): Promise<void> {
	if (req.method === 'GET') return json(res, 200, runtime.state());
	if (req.method !== 'POST') return json(res, 405, { error: 'GET or POST' });
	let body: unknown;
	try {
		body = JSON.parse(await readBody(req));
	} catch (cause) {
		return json(res, 400, { error: `invalid JSON: ${(cause as Error).message}` });
	}
	const command = parseControlCommand(body);
	if (typeof command === 'string') return json(res, 400, { error: command });
	try {
		runtime.control(command);
	} catch (cause) {
		if (!(cause instanceof RangeError)) throw cause;
		return json(res, 400, { error: cause.message });
	}
	json(res, 200, runtime.state());
}

const USAGE = [
	'Binance spot market-data test server (replaying recordings).',
	'WebSocket: /stream?streams=btcusdt@aggTrade/btcusdt@depth20@100ms  or  /ws/btcusdt@aggTrade',
	'REST: /api/v3/time  /api/v3/exchangeInfo  /api/v3/aggTrades  /api/v3/klines  /api/v3/depth',
	'Control: GET /__control (state), POST /__control {"speed":10} {"reset":true} {"loop":true}',
	'  {"reset":true,"historyMs":480000} {"paused":true} {"paused":false}',
	'  {"fault":"drop"|"refuse"|"stall"|"garbage"|"http429"|"http451"|"none"}',
	''
].join('\n');

function route(
	runtime: Runtime,
	rest: RestContext,
	req: IncomingMessage,
	res: ServerResponse
): void {
	const url = new URL(req.url ?? '/', 'http://localhost');
	corsHeaders(res, req, rest.exposeHeaders);
	if (req.method === 'OPTIONS') {
		res.statusCode = 204;
		res.end();
		return;
	}
	if (url.pathname === '/__control') {
		handleControl(runtime, req, res).catch((cause: unknown) =>
			json(res, 500, { error: String(cause) })
		);
		return;
	}
	if (url.pathname.startsWith('/api/')) {
		runtime.restRequests += 1;
		handleRest(rest, req, res, url);
		return;
	}
	res.setHeader('Content-Type', 'text/plain; charset=utf-8');
	res.statusCode = url.pathname === '/' ? 200 : 404;
	res.end(USAGE);
}

function restContext(runtime: Runtime, options: BinanceServerOptions): RestContext {
	const listed = exchangeInfo().symbols;
	return {
		clockMs: () => runtime.clock.now(),
		fault: () => runtime.fault,
		replay: (symbol) => runtime.scheduler.replays.get(symbol),
		knownSymbol: (symbol) => listed.has(symbol) || runtime.scheduler.replays.has(symbol),
		meter: runtime.meter,
		retryAfterSeconds: options.retryAfterSeconds ?? 2,
		exposeHeaders: options.corsExposeHeaders ?? false
	};
}

/**
 * Starts a local server speaking Binance's spot market-data protocol (REST + WebSocket on one
 * port), replaying recordings on a shared replay clock that starts with the first stream client.
 */
export async function startBinanceServer(
	options: BinanceServerOptions = {}
): Promise<BinanceServer> {
	const runtime = new Runtime(loadMarket(options.recordings ?? DEFAULT_RECORDINGS), options);
	const rest = restContext(runtime, options);
	const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
	const http = createServer((req, res) => route(runtime, rest, req, res));
	http.on('upgrade', (req, socket, head) =>
		handleUpgrade(
			{
				wss,
				hub: runtime.hub,
				fault: () => runtime.fault,
				onConnection: () => runtime.onConnection(),
				onRejected: () => (runtime.rejected += 1),
				maxIncomingPerSecond: options.maxIncomingPerSecond ?? 5
			},
			req,
			socket,
			head
		)
	);
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		http.once('error', reject);
		http.listen(options.port ?? 0, host, () => resolve());
	});
	const { port } = http.address() as AddressInfo;
	const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
	return {
		httpUrl: `http://${authority}`,
		wsUrl: `ws://${authority}`,
		port,
		control: (command) => runtime.control(command),
		state: () => runtime.state(),
		close: async () => {
			runtime.scheduler.stop();
			runtime.hub.dropAll();
			wss.close();
			http.closeAllConnections();
			await new Promise<void>((resolve, reject) =>
				http.close((error) => (error ? reject(error) : resolve()))
			);
		}
	};
}
