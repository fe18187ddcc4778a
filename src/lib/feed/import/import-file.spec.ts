import { readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeChunk, tradeAt } from '../../core/tick-codec';
import type { Trade } from '../../core/trade';
import type { ImportProgress } from '../../protocol/feed-api';
import { readImport, type ImportHost, type ParsedTicks } from './import-file';
import { ticksToAggTradesCsv } from '../cache/tick-export';

const AGG_HEADER =
	'agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker,is_best_match';
const TRADES_HEADER = 'id,price,qty,quote_qty,time,is_buyer_maker,is_best_match';
const RECORDER_CSV = new URL(
	'../../../../../shared/fixtures/binance/ws-recordings/trxusdt-trade-20250304.csv',
	import.meta.url
);
/** 2024-08-08 23:54:15.342 UTC. */
const T0 = 1_723_161_255_342;
const AGG_NAME = 'BTCUSDT-aggTrades-2024-08-08.csv';

/** aggTrades rows from id 3_100_000_000 on, a trade every 7 ms, some aggregating 3 fills. */
function aggRows(count: number, firstId = 3_100_000_000, t0 = T0): string[] {
	return Array.from({ length: count }, (_, i) => {
		const id = firstId + i;
		const first = 2 * id;
		const last = first + (i % 5 === 0 ? 2 : 0);
		const price = `${61_000 + (i % 300)}.${String(i % 100).padStart(2, '0')}000000`;
		const qty = `0.${String((i % 997) + 1).padStart(5, '0')}000`;
		return `${id},${price},${qty},${first},${last},${t0 + 7 * i},${i % 3 === 0 ? 'True' : 'False'},True`;
	});
}

const host = (now: () => number = () => 0): ImportHost => ({
	now,
	breathe: () => Promise.resolve()
});

const bytes = (text: string): ArrayBuffer => strToU8(text).slice().buffer;
const zip = (files: Record<string, string>): ArrayBuffer =>
	zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [n, strToU8(t)]))).slice()
		.buffer;

function read(name: string, data: ArrayBuffer, symbol?: string): Promise<ParsedTicks> {
	return readImport({ name, data, symbol }, host());
}

function tradesOf(parsed: ParsedTicks): Trade[] {
	return parsed.chunks.flatMap((chunk) => {
		const columns = decodeChunk(chunk);
		return Array.from({ length: columns.length }, (_, i) => tradeAt(columns, i, parsed.symbol));
	});
}

const lines = (rows: readonly string[]) => `${rows.join('\n')}\n`;

describe('readImport: Binance public-data CSV', () => {
	const rows = aggRows(5000);

	it('reads an aggTrades CSV with a header, symbol from the name, exact values, in chunks', async () => {
		const parsed = await read(AGG_NAME, bytes(lines([AGG_HEADER, ...rows])));
		expect(parsed).toMatchObject({
			symbol: 'BTCUSDT',
			ticks: 5000,
			firstId: 3_100_000_000,
			lastId: 3_100_004_999,
			fromMs: T0,
			toMs: T0 + 7 * 4999
		});
		expect(parsed.chunks.length).toBeGreaterThan(1);
		const trades = tradesOf(parsed);
		expect(trades[5]).toEqual({
			symbol: 'BTCUSDT',
			id: 3_100_000_005,
			price: '61005.05',
			qty: '0.00006',
			time: T0 + 35,
			buyerMaker: false,
			count: 3,
			firstTradeId: 6_200_000_010,
			lastTradeId: 6_200_000_012
		});
	});

	it('reads the same rows without a header, with CRLF line ends, to the same ticks', async () => {
		const withHeader = await read(AGG_NAME, bytes(lines([AGG_HEADER, ...rows])));
		const bare = await read(AGG_NAME, bytes(rows.join('\r\n')));
		expect(bare).toEqual(withHeader);
	});

	it('reads a trades CSV with times in microseconds, floored to ms', async () => {
		const trades = [
			'1111468873,60650.00000000,0.02924000,1773.40600000,1634942949263123,True,True',
			'1111468874,60650.01000000,0.00100000,60.65001000,1634942949263999,False,True',
			'1111468875,60651.00000000,0.50000000,30325.50000000,1634942949264001,False,True'
		];
		const parsed = await read(
			'BTCUSDT-trades-2021-10-22.csv',
			bytes(lines([TRADES_HEADER, ...trades]))
		);
		expect(tradesOf(parsed).map((t) => [t.id, t.time, t.count, t.buyerMaker])).toEqual([
			[1111468873, 1634942949263, 1, true],
			[1111468874, 1634942949263, 1, false],
			[1111468875, 1634942949264, 1, false]
		]);
	});

	it("reads the app's own tick export back to the same ticks", async () => {
		const original = await read(AGG_NAME, bytes(lines(rows)));
		const exported = ticksToAggTradesCsv(original.chunks.map(decodeChunk));
		const name = 'BTCUSDT-aggTrades-2024-08-08T235415Z-2024-08-09T000005Z.csv';
		const again = await read(name, bytes(exported));
		expect(tradesOf(again)).toEqual(tradesOf(original));
	});

	it("reads a stream recorder's CSV, whose rows name their symbol", async () => {
		const data = readFileSync(RECORDER_CSV);
		const parsed = await read('trxusdt-trade-20250304.csv', data.buffer.slice(0));
		expect(parsed).toMatchObject({ symbol: 'TRXUSDT', ticks: 10_000, firstId: 348_656_870 });
		expect(parsed.fromMs).toBe(1_741_046_401_271);
	});

	it('takes the symbol from the caller when the name does not tell it', async () => {
		const data = bytes(lines(rows.slice(0, 3)));
		await expect(read('export.csv', data)).rejects.toThrow(
			'cannot tell the symbol from the file name "export.csv": name it like BTCUSDT-aggTrades-2024-08-08.csv'
		);
		expect((await read('export.csv', data, 'ethusdt')).symbol).toBe('ETHUSDT');
		await expect(read('export.csv', data, 'eth-usdt')).rejects.toThrow(
			'"eth-usdt" is not a symbol'
		);
	});
});

describe('readImport: zip archives', () => {
	const day1 = aggRows(3000);
	const day2 = aggRows(2000, 3_100_003_000, T0 + 7 * 3000);

	it('reads a zip holding one CSV like the plain file', async () => {
		const plain = await read(AGG_NAME, bytes(lines(day1)));
		const zipped = await read('BTCUSDT-aggTrades-2024-08-08.zip', zip({ [AGG_NAME]: lines(day1) }));
		expect(zipped).toEqual(plain);
	});

	it('reads several CSVs of one symbol in name order as one session', async () => {
		const data = zip({
			'BTCUSDT-aggTrades-2024-08-09.csv': lines(day2),
			'BTCUSDT-aggTrades-2024-08-08.csv': lines([AGG_HEADER, ...day1])
		});
		const parsed = await read('btc-two-days.zip', data);
		expect(parsed).toMatchObject({ symbol: 'BTCUSDT', ticks: 5000, firstId: 3_100_000_000 });
		expect(tradesOf(parsed).map((t) => t.id)).toEqual(
			Array.from({ length: 5000 }, (_, i) => 3_100_000_000 + i)
		);
	});

	it('refuses files of different symbols, or files that do not follow each other', async () => {
		const mixed = zip({
			'BTCUSDT-aggTrades-2024-08-08.csv': lines(day1),
			'ETHUSDT-aggTrades-2024-08-09.csv': lines(day2)
		});
		await expect(read('mixed.zip', mixed)).rejects.toThrow(
			'mixed.zip holds files of different symbols (BTCUSDT, ETHUSDT): import one symbol at a time'
		);
		const overlapping = zip({
			'BTCUSDT-aggTrades-2024-08-08.csv': lines(day1),
			'BTCUSDT-aggTrades-2024-08-09.csv': lines(day1)
		});
		await expect(read('twice.zip', overlapping)).rejects.toThrow(
			'twice.zip: BTCUSDT-aggTrades-2024-08-09.csv (ids 3100000000..3100002999) does not follow BTCUSDT-aggTrades-2024-08-08.csv'
		);
	});

	it('says what is wrong with a damaged zip, one without CSV, and one cut short', async () => {
		await expect(read('x.zip', bytes('PK\u0003\u0004 not really a zip at all'))).rejects.toThrow(
			'x.zip is not a valid zip archive (damaged or cut short)'
		);
		await expect(read('notes.zip', zip({ 'readme.txt': 'hello' }))).rejects.toThrow(
			'notes.zip holds no .csv file (it holds readme.txt)'
		);
		const whole = new Uint8Array(zip({ [AGG_NAME]: lines(day1) }));
		await expect(read('cut.zip', whole.slice(0, whole.length - 30).buffer)).rejects.toThrow(
			/^cut\.zip is not a valid zip archive/
		);
	});

	it('names the file inside the zip and the line of a bad row', async () => {
		const broken = [...day1];
		broken[16] = broken[16]?.replace(/,61\d+\.\d+,/, ',abc,') ?? '';
		await expect(
			read('BTCUSDT-aggTrades-2024-08-08.zip', zip({ [AGG_NAME]: lines(broken) }))
		).rejects.toThrow(
			`BTCUSDT-aggTrades-2024-08-08.zip/${AGG_NAME}:17: price "abc" is not a decimal`
		);
	});
});

describe('readImport: bad files', () => {
	const rows = aggRows(40);

	it.each([
		[
			'a bad price',
			(r: string[]) => (r[16] = (r[16] ?? '').replace(/,61\d+\.\d+,/, ',abc,')),
			`${AGG_NAME}:17: price "abc" is not a decimal`
		],
		[
			'a missing column',
			(r: string[]) => (r[2] = (r[2] ?? '').split(',').slice(0, 7).join(',')),
			`${AGG_NAME}:3: expected 8 columns (aggTrades layout), got 7`
		],
		[
			'ids going back',
			(r: string[]) => r.splice(10, 0, r[3] ?? ''),
			`${AGG_NAME}:11: id 3100000003 does not follow the previous row's id 3100000009: rows must be in ascending id order`
		],
		[
			'a bad maker flag',
			(r: string[]) => (r[0] = (r[0] ?? '').replace(/True,True$/, 'yes,True')),
			`${AGG_NAME}:1: is_buyer_maker "yes" is not True, False, 1 or 0`
		]
	])('rejects %s with file:line and what is wrong', async (_, spoil, message) => {
		const spoilt = [...rows];
		spoil(spoilt);
		await expect(read(AGG_NAME, bytes(lines(spoilt)))).rejects.toThrow(message);
	});

	it('says so for an empty file, a header alone, text that is no CSV, binary data and gzip', async () => {
		await expect(read(AGG_NAME, new ArrayBuffer(0))).rejects.toThrow(`${AGG_NAME} is empty`);
		await expect(read(AGG_NAME, bytes('\n\n'))).rejects.toThrow(`${AGG_NAME} is empty`);
		await expect(read(AGG_NAME, bytes(`${AGG_HEADER}\n`))).rejects.toThrow(
			`${AGG_NAME} has a header but no trades`
		);
		await expect(read(AGG_NAME, bytes('time,open,high\n1,2,3\n'))).rejects.toThrow(
			`${AGG_NAME}:1: not a Binance aggTrades or trades CSV: expected a header or rows of 8 (aggTrades) or 7 (trades) comma-separated columns, got "time,open,high"`
		);
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
		await expect(read('chart.png', png.buffer)).rejects.toThrow(
			'chart.png:1: not UTF-8 text, so not a CSV export'
		);
		await expect(read('x.csv.gz', new Uint8Array([0x1f, 0x8b, 8, 0]).buffer)).rejects.toThrow(
			'x.csv.gz is gzip-compressed: import the CSV itself or a .zip'
		);
	});
});

describe('readImport: progress', () => {
	const big = bytes(lines(aggRows(60_000)));

	it('reports bytes and ticks as it goes, the last report complete', async () => {
		let clock = 0;
		const seen: ImportProgress[] = [];
		const parsed = await readImport(
			{ name: AGG_NAME, data: big, progress: (p) => seen.push(p) },
			host(() => (clock += 150))
		);
		expect(big.byteLength).toBeGreaterThan(3 * 1024 * 1024);
		expect(seen.length).toBeGreaterThanOrEqual(4);
		expect(seen.map((p) => p.bytesTotal)).toEqual(seen.map(() => big.byteLength));
		const done = seen.map((p) => p.bytesDone);
		expect(done).toEqual([...done].sort((a, b) => a - b));
		expect(seen.at(-1)).toEqual({
			bytesDone: big.byteLength,
			bytesTotal: big.byteLength,
			ticks: 60_000
		});
		expect(parsed.ticks).toBe(60_000);
	});

	it('sends at most one report per 100 ms, plus the final one', async () => {
		const seen: ImportProgress[] = [];
		await readImport({ name: AGG_NAME, data: big, progress: (p) => seen.push(p) }, host());
		expect(seen).toHaveLength(2);
		expect(seen[1]?.bytesDone).toBe(big.byteLength);
	});
});
