import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KlineRow } from './kline';
import { klineToCsvLine } from './kline-csv';
import { epochMs } from './time';

const REST_KLINES = new URL(
	'../../../../shared/fixtures/binance/rest-samples/http_spot_market_klines.json',
	import.meta.url
);

describe('klineToCsvLine', () => {
	it('prints real Binance kline rows as their 12 CSV columns, unchanged', () => {
		const rows = JSON.parse(readFileSync(REST_KLINES, 'utf8')) as KlineRow[];
		expect(rows.length).toBeGreaterThan(0);
		expect(klineToCsvLine(rows[0] as KlineRow)).toBe(
			'1634943780000,60685.22000000,60729.84000000,60670.90000000,60719.27000000,21.63272000,' +
				'1634943839999,1313200.01340410,617,12.28492000,745719.41022840,0'
		);
		for (const row of rows) expect(klineToCsvLine(row)).toBe(row.join(','));
	});

	it('pads shorter decimals to 8 and keeps exact digits beyond the 8th', () => {
		const row: KlineRow = [
			epochMs(1_717_200_000_000),
			'0.2312',
			'0.25',
			'0.2',
			'0.24',
			'100',
			epochMs(1_717_200_059_999),
			'23.123456789',
			3,
			'0',
			'0.00000000',
			'0'
		];
		expect(klineToCsvLine(row)).toBe(
			'1717200000000,0.23120000,0.25000000,0.20000000,0.24000000,100.00000000,' +
				'1717200059999,23.123456789,3,0.00000000,0.00000000,0'
		);
	});
});
