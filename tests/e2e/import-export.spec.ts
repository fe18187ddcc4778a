import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { appKlines, csvLines, feedStatus } from '../support/app-hook';
import { cliKlines } from '../support/candles-cli';
import { RECORDINGS, recordingPath } from '../support/fixtures';
import { recordedTrades } from '../support/recordings';
import { aggTradesCsv, tradesCsv } from '../support/trade-csv';

/**
 * Import, replay and export against the CLI: Binance public-data CSVs (aggTrades plain, trades
 * zipped) built from the recorded BTCUSDT trades of 2024-08-08 replay to the CLI's candles; a
 * broken file is refused with file and line; exported candles are the CLI's lines, and exported
 * ticks import again to the same candles. No market feed: the stream host is a closed port.
 */

const APP =
	'/?ws=ws://127.0.0.1:9&rest=http://127.0.0.1:9&symbols=btcusdt&symbol=btcusdt&interval=1m';
const AGG = 'BTCUSDT-aggTrades-2024-08-08.csv';
const TRADES = 'BTCUSDT-trades-2024-08-08.csv';
const ZIP = 'BTCUSDT-trades-2024-08-08.zip';

let dir: string;
let aggCsv: string;
let zipFile: string;
let brokenCsv: string;
/** The CLI's 1 m candles of the aggTrades CSV and of the trades CSV. */
let fromAgg: Promise<string[]>;
let fromTrades: Promise<string[]>;
let tradeCount: number;

test.beforeAll(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'tickscope-import-'));
	const trades = recordedTrades(recordingPath(RECORDINGS.btc20240808), 'BTCUSDT');
	tradeCount = trades.length;
	aggCsv = path.join(dir, AGG);
	writeFileSync(aggCsv, aggTradesCsv(trades));
	const tradesFile = path.join(dir, TRADES);
	const tradesText = tradesCsv(trades);
	writeFileSync(tradesFile, tradesText);
	zipFile = path.join(dir, ZIP);
	writeFileSync(zipFile, zipSync({ [TRADES]: new TextEncoder().encode(tradesText) }));
	// Row 5 gets a price that is not a number.
	const rows = aggTradesCsv(trades.slice(0, 10)).split('\n');
	rows[4] = rows[4]?.replace(/^(\d+),[^,]+,/, '$1,abc,') ?? '';
	brokenCsv = path.join(dir, 'broken', AGG);
	mkdirSync(path.dirname(brokenCsv));
	writeFileSync(brokenCsv, rows.join('\n'));
	fromAgg = cliKlines([aggCsv], '1m', 'btcusdt');
	fromTrades = cliKlines([tradesFile], '1m', 'btcusdt');
});

test.afterAll(() => {
	rmSync(dir, { recursive: true, force: true });
});

/** Picks `file` with the import button's file input and waits for the new session. */
async function importFile(page: Page, file: string): Promise<void> {
	await page.getByTestId('import-input').setInputFiles(file);
	await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 30_000 });
}

/** Drags `file` over the page (the drop overlay shows) and drops it. */
async function dropFile(page: Page, file: string): Promise<void> {
	const transfer = await page.evaluateHandle(
		([name, base64]) => {
			const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
			const data = new DataTransfer();
			data.items.add(new File([bytes], name));
			return data;
		},
		[path.basename(file), readFileSync(file).toString('base64')] as const
	);
	const chart = page.getByTestId('chart');
	await chart.dispatchEvent('dragenter', { dataTransfer: transfer });
	await expect(page.getByTestId('import-drop')).toBeVisible();
	await chart.dispatchEvent('drop', { dataTransfer: transfer });
	await expect(page.getByTestId('import-drop')).toHaveCount(0);
}

/** Replays the file just imported as fast as possible, to its end; returns its 1 m candles. */
async function replayImported(page: Page): Promise<string[]> {
	await page.getByTestId('import-replay').click();
	await expect(page.getByTestId('feed-status')).toHaveAttribute('data-state', 'replay');
	await page.getByTestId('replay-speed-max').click();
	await expect
		.poll(async () => (await feedStatus(page))?.replay?.ended ?? false, { timeout: 30_000 })
		.toBe(true);
	return csvLines(await appKlines(page, 'btcusdt', '1m'));
}

test('an aggTrades CSV replays to the CLI candles; exports give the CLI lines and re-import', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.goto(APP);
	await importFile(page, aggCsv);
	await expect(page.getByTestId('import-done')).toContainText(AGG);
	await expect(page.getByTestId('import-done')).toContainText(
		`${tradeCount.toLocaleString('en-US')} ticks`
	);
	const expected = await fromAgg;
	expect(expected.length).toBeGreaterThan(4);
	expect(await replayImported(page)).toEqual(expected);

	// Candles of the chart, as a download: the CLI's lines, byte for byte.
	await page.getByTestId('export-button').click();
	const [candles] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-klines').click()
	]);
	expect(candles.suggestedFilename()).toBe('BTCUSDT-1m-klines.csv');
	const candlesFile = path.join(dir, 'candles.csv');
	await candles.saveAs(candlesFile);
	expect(readFileSync(candlesFile, 'utf8')).toBe(`${expected.join('\n')}\n`);

	// The replayed ticks, exported and imported again, make the same candles.
	const [ticks] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('export-ticks').click()
	]);
	expect(ticks.suggestedFilename()).toMatch(
		/^BTCUSDT-aggTrades-2024-08-08T\d{6}Z-\d{4}-\d{2}-\d{2}T\d{6}Z\.csv$/
	);
	mkdirSync(path.join(dir, 'exported'));
	const ticksFile = path.join(dir, 'exported', ticks.suggestedFilename());
	await ticks.saveAs(ticksFile);
	expect(readFileSync(ticksFile, 'utf8').trim().split('\n')).toHaveLength(tradeCount);
	await page.getByTestId('replay-stop').click();
	await expect(page.getByTestId('feed-status')).not.toHaveAttribute('data-state', 'replay');
	await importFile(page, ticksFile);
	expect(await replayImported(page)).toEqual(expected);
});

test('a zipped trades CSV dropped on the page replays to the CLI candles, and survives a reload', async ({
	page
}) => {
	test.setTimeout(90_000);
	await page.goto(APP);
	await dropFile(page, zipFile);
	await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('import-done')).toContainText(ZIP);
	const expected = await fromTrades;
	expect(await replayImported(page)).toEqual(expected);
	expect(expected).toEqual(await fromAgg);

	await page.reload();
	await page.getByTestId('replay-button').click();
	const panel = page.getByTestId('replay-panel');
	await expect(panel).toBeVisible();
	await expect(panel.getByTestId('replay-sessions')).toContainText(ZIP);
});

test('a broken CSV is refused with its file, line and reason, and nothing is listed', async ({
	page
}) => {
	await page.goto(APP);
	await page.getByTestId('import-input').setInputFiles(brokenCsv);
	const error = page.getByTestId('import-error');
	await expect(error).toBeVisible({ timeout: 15_000 });
	await expect(error).toHaveText(/^BTCUSDT-aggTrades-2024-08-08\.csv:5: .*price "abc"/);
	await page.getByTestId('replay-button').click();
	await expect(page.getByTestId('replay-sessions')).not.toContainText(AGG);
	await page.screenshot({ path: test.info().outputPath('import-error.png') });
});
