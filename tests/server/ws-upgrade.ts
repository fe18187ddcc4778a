import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import type { LastingFault } from './control.ts';
import { RESTRICTED_LOCATION } from './rest-errors.ts';
import { isValidStreamName, MAX_STREAMS_PER_CONNECTION } from './stream-names.ts';
import { answerControlMessage } from './ws-control.ts';
import type { StreamClient, StreamHub } from './ws-hub.ts';

export interface UpgradeContext {
	readonly wss: WebSocketServer;
	readonly hub: StreamHub;
	fault(): LastingFault;
	/** Called for every accepted stream connection (the first one starts the replay clock). */
	onConnection(): void;
	onRejected(): void;
	/** Incoming messages per second a socket may send before it is closed (Binance: 5); 0 = no limit. */
	readonly maxIncomingPerSecond: number;
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
	400: 'Bad Request',
	404: 'Not Found',
	451: 'Unavailable For Legal Reasons',
	503: 'Service Unavailable'
};

function refuse(socket: Duplex, status: number, body: string): void {
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
			'Content-Type: application/json\r\n' +
			`Content-Length: ${Buffer.byteLength(body)}\r\n` +
			'Connection: close\r\n\r\n' +
			body
	);
}

/** `/stream?streams=a/b` (combined) or `/ws/a/b` (raw); null for any other path. */
export function parseStreamPath(url: string): { combined: boolean; streams: string[] } | null {
	const { pathname, searchParams } = new URL(url, 'http://localhost');
	const split = (text: string) => text.split('/').filter((name) => name !== '');
	if (pathname === '/stream' || pathname === '/stream/') {
		return { combined: true, streams: split(searchParams.get('streams') ?? '') };
	}
	if (pathname === '/ws' || pathname.startsWith('/ws/')) {
		return { combined: false, streams: split(pathname.slice(3)) };
	}
	return null;
}

/** Over `limit` messages within one second closes the socket with 1008, as Binance does. */
function watchRate(socket: WebSocket, limit: number): () => boolean {
	const times: number[] = [];
	return () => {
		if (limit <= 0) return true;
		const now = performance.now();
		times.push(now);
		while ((times[0] ?? now) <= now - 1000) times.shift();
		if (times.length <= limit) return true;
		socket.close(1008, 'Too many requests');
		return false;
	};
}

function toText(data: RawData): string {
	if (Buffer.isBuffer(data)) return data.toString('utf8');
	if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
	return Buffer.from(data).toString('utf8');
}

function serve(ctx: UpgradeContext, client: StreamClient): void {
	const allowed = watchRate(client.socket, ctx.maxIncomingPerSecond);
	client.socket.on('message', (data, isBinary) => {
		if (!allowed()) return;
		const text = isBinary ? '' : toText(data);
		const reply = answerControlMessage(text, client, ctx.hub);
		if (!ctx.hub.silent) client.socket.send(reply);
	});
}

/** Handles an HTTP upgrade: faults, path and stream names first, then a subscribed socket. */
export function handleUpgrade(
	ctx: UpgradeContext,
	req: IncomingMessage,
	socket: Duplex,
	head: Buffer
): void {
	const reject = (status: number, body: string) => {
		ctx.onRejected();
		refuse(socket, status, body);
	};
	const fault = ctx.fault();
	if (fault === 'http451') return reject(451, RESTRICTED_LOCATION);
	if (fault === 'refuse')
		return reject(503, '{"code":-1,"msg":"Stream connections refused (test fault)."}');
	const target = parseStreamPath(req.url ?? '/');
	if (!target) return reject(404, '{"code":-1,"msg":"Unknown path."}');
	const invalid = target.streams.find((name) => !isValidStreamName(name));
	if (invalid !== undefined) {
		return reject(
			400,
			JSON.stringify({ code: 2, msg: `Invalid request: invalid stream ${invalid}` })
		);
	}
	if (target.streams.length > MAX_STREAMS_PER_CONNECTION) {
		return reject(400, '{"code":2,"msg":"Invalid request: too many streams"}');
	}
	ctx.wss.handleUpgrade(req, socket, head, (ws) => {
		serve(ctx, ctx.hub.add(ws, target.combined, target.streams));
		ctx.onConnection();
	});
}
