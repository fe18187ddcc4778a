import { describe, expect, it } from 'vitest';
import { readFixtureText, recordingPath } from '../../../tests/support/fixtures';
import { parseRecordingLine, type RecordedLine } from './recording';

const fixtureLines = (name: string): string[] => readFixtureText(recordingPath(name)).split('\n');

function kindCounts(lines: readonly string[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const line of lines) {
		const { kind } = parseRecordingLine(line);
		counts[kind] = (counts[kind] ?? 0) + 1;
	}
	return counts;
}

const TRADE_JSON =
	'{"stream":"btcusdt@trade","data":{"e":"trade","E":1723161255343,"s":"BTCUSDT","t":3735683259,"p":"61837.63000000","q":"0.02000000","T":1723161255342,"m":true,"M":true}}';

describe('parseRecordingLine: hftbacktest lines', () => {
	it('splits a frame stamped in ns and scales the stamp to ms', () => {
		const line = parseRecordingLine(`1723161254087896568 ${TRADE_JSON}`);
		expect(line.kind).toBe('frame');
		const frame = line as Extract<RecordedLine, { kind: 'frame' }>;
		expect(frame.json).toBe(TRADE_JSON);
		expect(frame.receivedAtMs).toBeCloseTo(1723161254087.9, 1);
	});

	it('scales a µs stamp (the 2023 file) and keeps a ms stamp', () => {
		const micro = parseRecordingLine(`1680652800004107 ${TRADE_JSON}`);
		expect(micro).toMatchObject({ kind: 'frame' });
		expect((micro as { receivedAtMs: number }).receivedAtMs).toBeCloseTo(1680652800004.107, 3);
		expect(parseRecordingLine(`1680652800004 ${TRADE_JSON}`)).toMatchObject({
			kind: 'frame',
			receivedAtMs: 1680652800004
		});
	});

	it('takes a body that is not a stream frame for a REST answer without url', () => {
		const body = '{"lastUpdateId":50093239218,"bids":[["61837.63000000","3.78826000"]],"asks":[]}';
		expect(parseRecordingLine(`1723161254206652067 ${body}`)).toMatchObject({
			kind: 'rest',
			url: null,
			json: body
		});
	});

	it('tolerates a trailing carriage return', () => {
		expect(parseRecordingLine(`1680652800004 ${TRADE_JSON}\r`)).toMatchObject({
			kind: 'frame',
			json: TRADE_JSON
		});
	});
});

describe('parseRecordingLine: cryptofeed lines', () => {
	it('splits a frame stamped in fractional seconds', () => {
		const line = parseRecordingLine(`1617566592.629139: ${TRADE_JSON}`);
		expect(line).toMatchObject({ kind: 'frame', json: TRADE_JSON });
		expect((line as { receivedAtMs: number }).receivedAtMs).toBeCloseTo(1617566592629.139, 2);
	});

	it('splits a REST line into url, time and body', () => {
		const url = 'https://www.binance.com/api/v1/depth?symbol=DOTUSDT&limit=1000';
		expect(parseRecordingLine(`${url} -> 1617566592.1065369: {"lastUpdateId":1}`)).toMatchObject({
			kind: 'rest',
			url,
			json: '{"lastUpdateId":1}'
		});
	});

	it('accepts a REST body that is a JSON array (klines, aggTrades pages)', () => {
		const url = 'https://api.binance.com/api/v3/aggTrades?symbol=BTCUSDT&fromId=1';
		expect(parseRecordingLine(`${url} -> 1617566592.5: [{"a":1}]`)).toMatchObject({
			kind: 'rest',
			url,
			receivedAtMs: 1617566592500,
			json: '[{"a":1}]'
		});
	});

	it('keeps the configuration and stream URL lines as meta', () => {
		const config = 'configuration: {"l2_book":["BTC-AUD"]}';
		const stream =
			'wss://stream.binance.com:9443/stream?streams=btcaud@bookTicker <-> 1617566590.378895';
		expect(parseRecordingLine(config)).toEqual({ kind: 'meta', text: config });
		expect(parseRecordingLine(stream)).toEqual({ kind: 'meta', text: stream });
	});
});

describe('parseRecordingLine: other lines', () => {
	it('calls empty and whitespace lines blank', () => {
		expect(parseRecordingLine('')).toEqual({ kind: 'blank' });
		expect(parseRecordingLine(' \t\r')).toEqual({ kind: 'blank' });
	});

	it.each([
		['a bare JSON frame', TRADE_JSON],
		['a stamp too short for a receive time', `12345 ${TRADE_JSON}`],
		['a stamp that is not a number', `abc ${TRADE_JSON}`],
		['a CSV row', '3735683259,61837.63000000,0.02000000,1723161255342,True,True'],
		['a JSON array after the stamp', '1723161254087896568 [1,2]']
	])('rejects %s', (_, text) => {
		const result = parseRecordingLine(text);
		expect(result.kind).toBe('error');
		expect((result as { message: string }).message).toMatch(/^not a recording line/);
	});
});

describe('parseRecordingLine over the real recordings', () => {
	it('reads every line of the 2024 BTCUSDT pair: frames, one snapshot, no errors', () => {
		expect(kindCounts(fixtureLines('btcusdt-trade-depth-20240808.txt.gz'))).toEqual({
			frame: 41248,
			rest: 1,
			blank: 1
		});
		expect(kindCounts(fixtureLines('btcusdt-trade-depth-20240809.txt.gz'))).toEqual({
			frame: 58325,
			blank: 1
		});
	});

	it('reads every line of the cryptofeed files: meta, frames, REST snapshots', () => {
		expect(kindCounts(fixtureLines('btc-eth-dot-aggtrade-kline1m-20210404.txt'))).toEqual({
			meta: 1,
			frame: 4716,
			rest: 3
		});
		expect(kindCounts(fixtureLines('ten-symbols-aggtrade-depth-20210405.txt'))).toEqual({
			meta: 2,
			frame: 11357,
			rest: 10,
			blank: 2
		});
	});

	it('keeps receive times in order within a file', () => {
		let previous = 0;
		let backwards = 0;
		for (const line of fixtureLines('btcusdt-trade-depth-20230405.txt.gz')) {
			const parsed = parseRecordingLine(line);
			if (parsed.kind !== 'frame') continue;
			if (parsed.receivedAtMs < previous) backwards++;
			previous = parsed.receivedAtMs;
		}
		expect(previous).toBeGreaterThan(1680652800000);
		expect(previous).toBeLessThan(1680653300000);
		expect(backwards).toBe(0);
	});
});
