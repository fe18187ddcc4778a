import { WebSocket } from 'ws';
import { parseRecordingLine } from '../../src/lib/binance/recording.ts';
import { readFixtureText, recordingPath } from '../support/fixtures.ts';

/** Polls `condition` every 10 ms; rejects after `timeoutMs` with `what` in the message. */
export async function until(
	condition: () => boolean,
	what: string,
	timeoutMs = 8000
): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!condition()) {
		if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

export interface CloseInfo {
	readonly code: number;
	readonly reason: string;
}

/** A WebSocket that records every text frame it receives. */
export class Recorder {
	readonly messages: string[] = [];
	readonly closed: Promise<CloseInfo>;

	private constructor(readonly socket: WebSocket) {
		socket.on('message', (data: Buffer) => this.messages.push(data.toString('utf8')));
		this.closed = new Promise((resolve) =>
			socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
		);
	}

	/** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
	static open(url: string): Promise<Recorder> {
		const socket = new WebSocket(url);
		const recorder = new Recorder(socket);
		return new Promise((resolve, reject) => {
			socket.once('open', () => resolve(recorder));
			socket.once('unexpected-response', (_req, res) => {
				reject(new Error(`HTTP ${res.statusCode}`));
				socket.terminate();
			});
			socket.once('error', reject);
		});
	}

	send(message: unknown): void {
		this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
	}

	/** Parsed frames, skipping any that are not JSON objects. */
	parsed(): Record<string, unknown>[] {
		return this.messages.flatMap((text): Record<string, unknown>[] => {
			try {
				const value: unknown = JSON.parse(text);
				const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
				return isObject ? [value as Record<string, unknown>] : [];
			} catch {
				return [];
			}
		});
	}

	/** Payloads of combined-stream frames of `stream`. */
	data<T>(stream: string): T[] {
		return this.parsed()
			.filter((frame) => frame.stream === stream)
			.map((frame) => frame.data as T);
	}

	/** The first reply carrying `id`, waiting for it. */
	async reply(id: number | string): Promise<Record<string, unknown>> {
		let found: Record<string, unknown> | undefined;
		await until(
			() => (found = this.parsed().find((frame) => frame.id === id)) !== undefined,
			`reply ${id}`
		);
		return found as Record<string, unknown>;
	}

	close(): void {
		this.socket.terminate();
	}
}

export interface PlainTrade {
	readonly t: number;
	readonly p: string;
	readonly q: string;
	readonly T: number;
	readonly m: boolean;
}

/**
 * The `@trade` events of a recording, read without any server code, as an independent reference.
 */
export function recordedTrades(file: string, symbol: string): PlainTrade[] {
	const stream = `${symbol.toLowerCase()}@trade`;
	return readFixtureText(recordingPath(file))
		.split('\n')
		.map((line) => parseRecordingLine(line))
		.flatMap((line) =>
			line.kind === 'frame' ? [JSON.parse(line.json) as { stream: string; data: PlainTrade }] : []
		)
		.filter((frame) => frame.stream === stream)
		.map(({ data: { t, p, q, T, m } }) => ({ t, p, q, T, m }));
}

/** Exact sum of 8-decimal strings, as an integer count of 1e-8 units (no shared code with the server). */
export function sum8(values: readonly string[]): bigint {
	return values.reduce((total, text) => {
		const [whole = '0', fraction = ''] = text.split('.');
		return total + BigInt(whole + fraction.padEnd(8, '0').slice(0, 8));
	}, 0n);
}
