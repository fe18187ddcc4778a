import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { klineToCsvLine } from '../src/lib/core/kline-csv';
import type { FixedInterval as Interval } from '../src/lib/core/interval';
import { runCandlesCli } from './lib/candles-cli';
import { buildCandles } from './lib/candles-run';

const ROOT = new URL('..', import.meta.url).pathname;
const RECORDINGS = join(ROOT, '../shared/fixtures/binance/ws-recordings');
const BTC_PAIR = ['20240808', '20240809'].map((day) =>
	join(RECORDINGS, `btcusdt-trade-depth-${day}.txt.gz`)
);

/** The `@trade` payloads of both files, read straight from the JSON, in file order. */
function recordedTrades(): { q: string; T: number }[] {
	return BTC_PAIR.flatMap((file) =>
		gunzipSync(readFileSync(file))
			.toString('utf8')
			.split('\n')
			.filter((line) => line.includes('"stream":"btcusdt@trade"'))
			.map(
				(line) =>
					(JSON.parse(line.slice(line.indexOf(' ') + 1)) as { data: { q: string; T: number } }).data
			)
	);
}

/** A decimal string as an exact integer of 1e-16 units. */
function units(text: string): bigint {
	const [whole = '', fraction = ''] = text.split('.');
	return BigInt(whole + fraction.padEnd(16, '0'));
}

async function csvLines(inputs: readonly string[], interval: Interval): Promise<string[]> {
	const result = await buildCandles({ inputs, interval, symbol: null });
	return result.rows.map(klineToCsvLine);
}

/** Runs the command in-process; returns the exit code and what it printed. */
async function cli(argv: readonly string[]) {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	const out: string[] = [];
	const err: string[] = [];
	stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
	stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
	const code = await runCandlesCli(argv, { stdout, stderr });
	return { code, stdout: out.join(''), stderr: err.join('') };
}

/** Rolls 1 s kline lines up to `size` ms, the way Binance builds a longer kline, in 1e-16 units. */
function rollUp(lines: readonly string[], size: number): string[] {
	const groups = new Map<number, string[][]>();
	for (const line of lines) {
		const cells = line.split(',');
		const bucket = Number(cells[0]) - (Number(cells[0]) % size);
		groups.set(bucket, [...(groups.get(bucket) ?? []), cells]);
	}
	return [...groups].map(([bucket, rows]) => {
		const traded = rows.filter((row) => row[8] !== '0');
		const priced = traded.length > 0 ? traded : rows.slice(0, 1);
		const prices = priced.flatMap((row) => [units(row[2] ?? ''), units(row[3] ?? '')]);
		const sum = (column: number) =>
			rows.reduce((total, row) => total + units(row[column] ?? ''), 0n);
		return [
			bucket,
			units(priced[0]?.[1] ?? ''),
			prices.reduce((a, b) => (b > a ? b : a)),
			prices.reduce((a, b) => (b < a ? b : a)),
			units(priced.at(-1)?.[4] ?? ''),
			sum(5),
			bucket + size - 1,
			sum(7),
			rows.reduce((total, row) => total + Number(row[8]), 0),
			sum(9),
			sum(10),
			0
		].join(',');
	});
}

function inUnits(line: string): string {
	return line
		.split(',')
		.map((cell, i) => ([1, 2, 3, 4, 5, 7, 9, 10].includes(i) ? units(cell).toString() : cell))
		.join(',');
}

describe('candles over the recorded BTCUSDT pair (2024-08-08 23:54 to 08-09 00:05)', () => {
	let seconds: string[] = [];
	beforeAll(async () => {
		seconds = await csvLines(BTC_PAIR, '1s');
	});

	it('adds up every trade quantity and trade of both files, exactly', () => {
		let volume = 0n;
		let trades = 0;
		for (const frame of recordedTrades()) {
			volume += units(frame.q);
			trades++;
		}
		expect(trades).toBe(9757 + 10147);
		const cells = seconds.map((line) => line.split(','));
		expect(cells.reduce((total, row) => total + units(row[5] ?? ''), 0n)).toBe(volume);
		expect(cells.reduce((total, row) => total + Number(row[8]), 0)).toBe(trades);
	});

	it('gives one candle per second, continuous across the file boundary', () => {
		const times = seconds.map((line) => Number(line.split(',')[0]));
		expect(times[0]).toBe(1723161255000);
		expect(times.at(-1)).toBe(1723161905000);
		expect(times.every((time, i) => i === 0 || time - (times[i - 1] ?? 0) === 1000)).toBe(true);
		const perSecond = new Map<number, number>();
		for (const { T } of recordedTrades()) {
			const second = T - (T % 1000);
			perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
		}
		const counts = new Map(
			seconds.map((line) => line.split(',')).map((r) => [Number(r[0]), Number(r[8])])
		);
		expect([...counts].filter(([, count]) => count > 0)).toEqual([...perSecond]);
		// The first file ends and the second begins inside this second: one candle holds both.
		expect(counts.get(1723161601000)).toBe(perSecond.get(1723161601000));
	});

	it('prints 1 m candles equal to rolling up the 1 s candles', async () => {
		const minutes = await csvLines(BTC_PAIR, '1m');
		expect(minutes).toHaveLength(12);
		expect(minutes.map(inUnits)).toEqual(rollUp(seconds, 60_000));
	});
});

describe('candles from Binance public-data CSVs', () => {
	const dir = mkdtempSync(join(tmpdir(), 'candles-spec-'));
	const aggRows = [
		'agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker,is_best_match',
		'100,50000.10,0.5,1000,1001,1722902400100,False,True',
		'101,50000.30,0.25,1002,1002,1722902400900,True,True',
		'102,49999.90,1,1003,1005,1722902402000,False,True'
	];
	const aggFile = join(dir, 'BTCUSDT-aggTrades-2024-08-06.csv');
	writeFileSync(aggFile, `${aggRows.join('\r\n')}\r\n`);

	it('turns aggTrades into 1 s klines, a flat one for the second without trades', async () => {
		const run = await cli(['--input', aggFile, '--interval', '1s']);
		expect(run.stdout.split('\n')).toEqual([
			'1722902400000,50000.10000000,50000.30000000,50000.10000000,50000.30000000,0.75000000,1722902400999,37500.12500000,3,0.50000000,25000.05000000,0',
			'1722902401000,50000.30000000,50000.30000000,50000.30000000,50000.30000000,0.00000000,1722902401999,0.00000000,0,0.00000000,0.00000000,0',
			'1722902402000,49999.90000000,49999.90000000,49999.90000000,49999.90000000,1.00000000,1722902402999,49999.90000000,3,1.00000000,49999.90000000,0',
			''
		]);
		expect(run.stderr).toBe('candles: BTCUSDT: 3 trades, 3 1s candles\n');
		expect(run.code).toBe(0);
	});

	it('reads two files in order as one stream', async () => {
		const [header, ...rows] = aggRows;
		const first = join(dir, 'BTCUSDT-aggTrades-2024-08-06-a.csv');
		const second = join(dir, 'BTCUSDT-aggTrades-2024-08-06-b.csv');
		writeFileSync(first, [header, ...rows.slice(0, 2)].join('\n'));
		writeFileSync(second, [header, ...rows.slice(2)].join('\n'));
		expect(await csvLines([first, second], '1s')).toEqual(await csvLines([aggFile], '1s'));
	});

	it('turns gzipped headerless trades with µs times into 1 m klines of --symbol', async () => {
		const file = join(dir, 'trades-2025.csv.gz');
		const rows = [
			'5000,3000.5,0.1,300.05,1735689600000123,True,True',
			'5001,3001.5,0.2,600.3,1735689659999999,False,True',
			'5002,2999,0.3,899.7,1735689660000000,True,True'
		];
		writeFileSync(file, gzipSync(rows.join('\n')));
		const run = await cli(['--input', file, '--interval', '1m', '--symbol', 'ethusdt']);
		expect(run.stdout.split('\n')).toEqual([
			'1735689600000,3000.50000000,3001.50000000,3000.50000000,3001.50000000,0.30000000,1735689659999,900.35000000,2,0.20000000,600.30000000,0',
			'1735689660000,2999.00000000,2999.00000000,2999.00000000,2999.00000000,0.30000000,1735689719999,899.70000000,1,0.00000000,0.00000000,0',
			''
		]);
		expect(run.stderr).toBe('candles: ETHUSDT: 3 trades, 2 1m candles\n');
	});

	it('names file and line of a garbled row, and of a truncated gzip', async () => {
		const bad = join(dir, 'BTCUSDT-aggTrades-bad.csv');
		writeFileSync(bad, [aggRows[0], aggRows[1], aggRows[2]?.replace('50000.30', 'abc')].join('\n'));
		expect(await cli(['--input', bad, '--interval', '1s'])).toEqual({
			code: 1,
			stdout: '',
			stderr: `candles: ${bad}:3: price "abc" is not a decimal\n`
		});
		const cut = join(dir, 'cut.csv.gz');
		writeFileSync(cut, gzipSync(aggRows.join('\n')).subarray(0, 60));
		const run = await cli(['--input', cut, '--interval', '1s']);
		expect([run.code, run.stderr]).toEqual([
			1,
			`candles: ${cut}:1: cannot read: unexpected end of file\n`
		]);
	});
});

describe('candles command line', () => {
	it.each([
		[[], 'no --input given'],
		[['--input', 'x.csv'], 'no --interval given'],
		[
			['--input', 'x.csv', '--interval', '2m'],
			'unknown interval "2m": use one of 1s 5s 15s 30s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d'
		],
		[
			['--input', join(ROOT, 'no-such-file.csv'), '--interval', '1m'],
			`cannot read input "${join(ROOT, 'no-such-file.csv')}": no such file or no permission`
		],
		[['--input', 'x.csv', '--interval', '1m', '--colour'], "Unknown option '--colour'"]
	])('%j is a usage error: exit 2', async (argv, message) => {
		const run = await cli(argv);
		expect(run.code).toBe(2);
		expect(run.stderr.split('\n')[0]).toContain(`candles: ${message}`);
		expect(run.stderr).toContain('usage: npm run candles --');
	});

	it('asks for --symbol when a recording holds several, and takes the one asked for', async () => {
		const file = join(RECORDINGS, 'btc-eth-dot-aggtrade-kline1m-20210404.txt');
		const several = await cli(['--input', file, '--interval', '1m']);
		expect(several.code).toBe(2);
		expect(several.stderr).toMatch(
			/several symbols \(BTCUSDT, (ETH|DOT)USDT\): choose one with --symbol/
		);
		const eth = await buildCandles({ inputs: [file], interval: '1m', symbol: 'ETHUSDT' });
		expect([eth.symbol, eth.trades, eth.rows.length]).toEqual(['ETHUSDT', 506, 2]);
	});

	it('runs as a real process: the recorder CSV at 15 m, and a garbled line', () => {
		const run = (args: string[]) =>
			spawnSync('npx', ['tsx', 'scripts/candles.ts', ...args], { cwd: ROOT, encoding: 'utf8' });
		const trx = run([
			'--input',
			join(RECORDINGS, 'trxusdt-trade-20250304.csv'),
			'--interval',
			'15m'
		]);
		expect(trx.status).toBe(0);
		expect(
			trx.stdout
				.trimEnd()
				.split('\n')
				.map((line) => line.split(',').slice(0, 2))
		).toEqual([
			['1741046400000', '0.23120000'],
			['1741047300000', '0.23220000'],
			['1741048200000', '0.23210000'],
			['1741049100000', '0.23180000']
		]);
		const bad = join(mkdtempSync(join(tmpdir(), 'candles-cli-')), 'bad.csv');
		writeFileSync(bad, '1,5,1,1,1,1617566591314,True,True\n2,5,1,2,2,1617566591315,Maybe,True\n');
		const garbled = run(['--input', bad, '--interval', '1s']);
		expect(garbled.status).toBe(1);
		expect(garbled.stderr).toContain(
			`candles: ${bad}:2: is_buyer_maker "Maybe" is not True, False, 1 or 0`
		);
	});
});
