import { parseRecordingLine } from '../../src/lib/binance/recording.ts';
import { readFixtureText, recordingPath } from '../support/fixtures.ts';
import { aggIdBaseFor, deriveAggTrades } from './agg-trades.ts';
import { asObject, bool, levels, num, str, type JsonObject } from './json-fields.ts';
import type {
	AggTrade,
	DepthDiff,
	DepthSnapshot,
	Market,
	RawTrade,
	RecordedFrame,
	SymbolRecording
} from './market.ts';

interface Bucket {
	trades: RawTrade[];
	aggTrades: AggTrade[];
	snapshots: DepthSnapshot[];
	diffs: DepthDiff[];
	frames: RecordedFrame[];
}

const FRAME_HEAD = /^\{"stream":"([^"@]+)@([^"]+)","data":/;
const EVENT_TIME = /"E":(\d+)/;
const MAX_SPAN_MS = 24 * 3_600_000;

/** Reads one file; events without their own time (bookTicker, REST) take the last `E` seen. */
class FileReader {
	private lastE: number | null = null;
	private readonly untimed: ((time: number) => void)[] = [];
	private readonly unplaced: DepthSnapshot[] = [];
	private readonly symbols = new Set<string>();

	constructor(private readonly buckets: Map<string, Bucket>) {}

	read(file: string): void {
		const lines = readFixtureText(recordingPath(file)).split('\n');
		lines.forEach((line, index) => {
			const parsed = parseRecordingLine(line);
			if (parsed.kind === 'error') throw new Error(`${file}:${index + 1}: ${parsed.message}`);
			if (parsed.kind === 'frame') this.frame(parsed.json);
			if (parsed.kind === 'rest') this.rest(parsed.url, parsed.json);
		});
		if (this.untimed.length > 0) throw new Error(`${file}: no event time anywhere`);
		const [only] = this.symbols;
		if (this.unplaced.length === 0) return;
		if (this.symbols.size !== 1 || only === undefined) {
			throw new Error(`${file}: a depth snapshot without a symbol in a multi-symbol file`);
		}
		this.bucket(only).snapshots.push(...this.unplaced);
	}

	private bucket(symbol: string): Bucket {
		let bucket = this.buckets.get(symbol);
		if (!bucket) {
			bucket = { trades: [], aggTrades: [], snapshots: [], diffs: [], frames: [] };
			this.buckets.set(symbol, bucket);
		}
		this.symbols.add(symbol);
		return bucket;
	}

	private at(assign: (time: number) => void): void {
		if (this.lastE === null) this.untimed.push(assign);
		else assign(this.lastE);
	}

	private seeTime(time: number): void {
		this.lastE = time;
		for (const assign of this.untimed.splice(0)) assign(time);
	}

	private frame(json: string): void {
		const head = FRAME_HEAD.exec(json);
		if (!head) throw new Error(`not a combined-stream frame: ${json.slice(0, 80)}`);
		const [prefix, lower = '', stream = ''] = head;
		const bucket = this.bucket(lower.toUpperCase());
		if (stream === 'trade' || stream === 'aggTrade' || stream.startsWith('depth@')) {
			const data = asObject(asObject(JSON.parse(json), 'frame').data, 'data');
			this.seeTime(num(data, 'E'));
			if (stream === 'trade') bucket.trades.push(toTrade(data));
			else if (stream === 'aggTrade') bucket.aggTrades.push(toAggTrade(data));
			else bucket.diffs.push(toDiff(data));
			return;
		}
		const data = json.slice(prefix.length, json.length - 1);
		const eventTime = EVENT_TIME.exec(data);
		if (eventTime) this.seeTime(Number(eventTime[1]));
		this.at((time) => bucket.frames.push({ time, stream, data }));
	}

	private rest(url: string | null, json: string): void {
		const body = asObject(JSON.parse(json), 'REST body');
		if (!('lastUpdateId' in body)) return;
		const symbol = url === null ? undefined : /[?&]symbol=([A-Z0-9]+)/.exec(url)?.[1];
		this.at((time) => {
			const snapshot = toSnapshot(body, time);
			if (symbol) this.bucket(symbol).snapshots.push(snapshot);
			else this.unplaced.push(snapshot);
		});
	}
}

function toTrade(d: JsonObject): RawTrade {
	return {
		t: num(d, 't'),
		p: str(d, 'p'),
		q: str(d, 'q'),
		T: num(d, 'T'),
		E: num(d, 'E'),
		m: bool(d, 'm'),
		M: bool(d, 'M')
	};
}

function toAggTrade(d: JsonObject): AggTrade {
	return {
		a: num(d, 'a'),
		p: str(d, 'p'),
		q: str(d, 'q'),
		f: num(d, 'f'),
		l: num(d, 'l'),
		T: num(d, 'T'),
		E: num(d, 'E'),
		m: bool(d, 'm'),
		M: bool(d, 'M')
	};
}

function toDiff(d: JsonObject): DepthDiff {
	return { E: num(d, 'E'), U: num(d, 'U'), u: num(d, 'u'), b: levels(d, 'b'), a: levels(d, 'a') };
}

function toSnapshot(body: JsonObject, time: number): DepthSnapshot {
	return {
		time,
		lastUpdateId: num(body, 'lastUpdateId'),
		bids: levels(body, 'bids'),
		asks: levels(body, 'asks')
	};
}

function finish(symbol: string, bucket: Bucket): SymbolRecording {
	const trades = bucket.trades.sort((x, y) => x.t - y.t);
	const recorded = bucket.aggTrades.sort((x, y) => x.a - y.a);
	const derive = recorded.length === 0 && trades.length > 0;
	const first = trades[0];
	return {
		symbol,
		trades,
		aggTrades: derive && first ? deriveAggTrades(trades, aggIdBaseFor(first.t)) : recorded,
		aggTradesDerived: derive,
		depthSnapshots: bucket.snapshots.sort((x, y) => x.time - y.time),
		depthDiffs: bucket.diffs.sort((x, y) => x.u - y.u),
		frames: bucket.frames.sort((x, y) => x.time - y.time)
	};
}

function eventTimes(rec: SymbolRecording): number[] {
	const times: number[] = [];
	for (const list of [rec.aggTrades, rec.depthDiffs] as const) {
		const [head] = list;
		const tail = list[list.length - 1];
		if (head && tail) times.push(head.E, tail.E);
	}
	const [frame] = rec.frames;
	const lastFrame = rec.frames[rec.frames.length - 1];
	if (frame && lastFrame) times.push(frame.time, lastFrame.time);
	return times;
}

const cache = new Map<string, Market>();

/**
 * Loads recordings (names in `ws-recordings/` or absolute paths) into per-symbol timelines. Files
 * of one symbol are merged; they must come from one window (a day at most). Results are cached per
 * file list: the market is immutable.
 */
export function loadMarket(files: readonly string[]): Market {
	const key = files.join('\n');
	const cached = cache.get(key);
	if (cached) return cached;
	const buckets = new Map<string, Bucket>();
	for (const file of files) new FileReader(buckets).read(file);
	const symbols = new Map<string, SymbolRecording>();
	for (const [symbol, bucket] of buckets) symbols.set(symbol, finish(symbol, bucket));
	const times = [...symbols.values()].flatMap(eventTimes);
	if (times.length === 0) throw new Error(`no events in ${files.join(', ')}`);
	const startMs = Math.min(...times);
	const endMs = Math.max(...times);
	if (endMs - startMs > MAX_SPAN_MS) {
		throw new Error('recordings span more than a day: load files from one window at a time');
	}
	const market: Market = { symbols, startMs, endMs, files: [...files] };
	cache.set(key, market);
	return market;
}
