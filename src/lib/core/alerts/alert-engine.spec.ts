import { describe, expect, it } from 'vitest';
import { recordedTrades } from '../../../../tests/support/recordings';
import { trade } from '../testing/test-trades';
import { AlertEngine } from './alert-engine';
import { median } from './second-volumes';
import { parseAlerts, type AlertCondition, type AlertSpec } from './alert-spec';

function alert(condition: AlertCondition, more: Partial<AlertSpec> = {}): AlertSpec {
	return {
		id: 'a1',
		symbol: 'btcusdt',
		repeat: false,
		cooldownSec: 0,
		active: true,
		sound: false,
		...condition,
		...more
	} as AlertSpec;
}

/** Feeds `[ms, price, qty]` trades; returns the ms of each firing. */
function firings(engine: AlertEngine, rows: readonly [number, string, string?][]): number[] {
	rows.forEach(([ms, price, qty], i) => engine.trade(trade(i + 1, ms, price, qty ?? '0.1')));
	return engine.take().map((fired) => fired.time - (trade(0, 0, '1', '1').time as number));
}

describe('AlertEngine triggers', () => {
	it('price: fires when the price crosses the level, either way, not on the first trade', () => {
		const engine = new AlertEngine();
		engine.set([alert({ kind: 'price', level: 100 }, { repeat: true })]);
		const fired = firings(engine, [
			[0, '101'],
			[1000, '100.5'],
			[2000, '100'],
			[3000, '99'],
			[4000, '101'],
			[5000, '102']
		]);
		expect(fired).toEqual([2000, 4000]);
	});

	it('move: up or down by the percent within the window only', () => {
		const engine = new AlertEngine();
		engine.set([alert({ kind: 'move', percent: 1, seconds: 10 }, { repeat: true })]);
		// +1% but over 11 s: no; then -1% within 5 s of the high: yes.
		const fired = firings(engine, [
			[0, '100'],
			[11_000, '101'],
			[13_000, '101.5'],
			[16_000, '100.4'],
			[17_000, '100.3']
		]);
		expect(fired).toEqual([16_000]);
	});

	it('move: a fill at the time and price of the one that fired starts the next window', () => {
		const engine = new AlertEngine();
		engine.set([alert({ kind: 'move', percent: 1, seconds: 10 }, { repeat: true })]);
		// The alert fires at 1,000 ms and then judges only later trades; the next fill of the same
		// order (same time, same price) is the first of them, so 102.01 is 1% above it.
		const fired = firings(engine, [
			[0, '100'],
			[1000, '101'],
			[1000, '101'],
			[2000, '102.01']
		]);
		expect(fired).toEqual([1000, 2000]);
	});

	it('volume: a second above k x the median of the recent traded seconds', () => {
		const engine = new AlertEngine();
		engine.set([alert({ kind: 'volume', k: 3 })]);
		const rows: [number, string, string][] = [];
		for (let s = 0; s < 12; s++) rows.push([s * 1000, '100', s % 2 === 0 ? '1' : '2']);
		// Median of 1,2,1,2,... is 1.5: 4.5 in second 12 is not above 3 x. With 4.5 in the
		// history the median is 2: 6 in second 13 is not above 3 x, 6.1 is.
		rows.push([12_000, '100', '2.5'], [12_500, '100', '2']);
		rows.push([13_000, '100', '6'], [13_100, '100', '0.1']);
		expect(firings(engine, rows)).toEqual([13_100]);
	});

	it('size: a single trade at or above the size', () => {
		const engine = new AlertEngine();
		engine.set([alert({ kind: 'size', size: 2 }, { repeat: true })]);
		const fired = firings(engine, [
			[0, '100', '1.99'],
			[1000, '100', '2'],
			[2000, '100', '5']
		]);
		expect(fired).toEqual([1000, 2000]);
	});

	it('ignores other symbols and inactive alerts', () => {
		const engine = new AlertEngine();
		engine.set([
			alert({ kind: 'size', size: 1 }, { symbol: 'ethusdt' }),
			alert({ kind: 'size', size: 1 }, { id: 'a2', active: false })
		]);
		expect(firings(engine, [[0, '100', '5']])).toEqual([]);
	});
});

describe('one-shot and cool-down', () => {
	it('a one-shot fires once and says it is disarmed', () => {
		const engine = new AlertEngine();
		engine.set([alert({ kind: 'size', size: 1 })]);
		const rows: [number, string, string][] = [
			[0, '1', '2'],
			[1000, '1', '2']
		];
		rows.forEach(([ms, p, q], i) => engine.trade(trade(i + 1, ms, p, q)));
		const fired = engine.take();
		expect(fired.map((f) => [f.alertId, f.disarmed])).toEqual([['a1', true]]);
		expect(engine.size).toBe(0);
	});

	it('a repeating alert keeps quiet for its cool-down, in trade time', () => {
		const engine = new AlertEngine();
		engine.set([alert({ kind: 'size', size: 1 }, { repeat: true, cooldownSec: 5 })]);
		const fired = firings(engine, [
			[0, '1', '2'],
			[4999, '1', '2'],
			[5000, '1', '2'],
			[6000, '1', '2'],
			[10_000, '1', '2']
		]);
		expect(fired).toEqual([0, 5000, 10_000]);
	});

	it('setting the same list again keeps state; a changed alert starts over', () => {
		const engine = new AlertEngine();
		const spec = alert({ kind: 'size', size: 1 }, { repeat: true, cooldownSec: 60 });
		engine.set([spec]);
		expect(firings(engine, [[0, '1', '2']])).toEqual([0]);
		engine.set([{ ...spec }]);
		expect(firings(engine, [[1000, '1', '2']])).toEqual([]);
		engine.set([{ ...spec, cooldownSec: 30 }]);
		expect(firings(engine, [[2000, '1', '2']])).toEqual([2000]);
	});
});

describe('on a real recording', () => {
	const trades = recordedTrades('btcusdt-trade-depth-20240808.txt.gz', 'BTCUSDT');

	it('price crossings and large trades equal a plain count over the trades', () => {
		const prices = trades.map((t) => Number(t.price));
		const level = median(prices);
		let crossings = 0;
		for (let i = 1; i < prices.length; i++) {
			const [a, b] = [prices[i - 1] ?? NaN, prices[i] ?? NaN];
			if ((a < level && b >= level) || (a > level && b <= level)) crossings++;
		}
		const large = trades.filter((t) => Number(t.qty) >= 0.5).length;
		const engine = new AlertEngine();
		engine.set([
			alert({ kind: 'price', level }, { id: 'p', repeat: true }),
			alert({ kind: 'size', size: 0.5 }, { id: 's', repeat: true })
		]);
		for (const t of trades) engine.trade(t);
		const fired = engine.take();
		expect(crossings).toBeGreaterThan(3);
		expect(large).toBeGreaterThan(3);
		expect(fired.filter((f) => f.alertId === 'p')).toHaveLength(crossings);
		expect(fired.filter((f) => f.alertId === 's')).toHaveLength(large);
	});
});

describe('parseAlerts', () => {
	it.each([
		[
			[{ ...alert({ kind: 'price', level: 0 }) }],
			'alert 1: price alert level must be a price above 0'
		],
		[[{ ...alert({ kind: 'move', percent: 1, seconds: 0 }) }], 'alert 1: move alert window'],
		[[alert({ kind: 'size', size: 1 }, { symbol: 'btc usdt' })], 'is not a Binance symbol'],
		[
			[alert({ kind: 'size', size: 1 }), alert({ kind: 'size', size: 2 })],
			'alert 2: id "a1" is used twice'
		],
		[{}, 'alerts must be a list']
	])('refuses %j', (value, message) => {
		const result = parseAlerts(value);
		expect('error' in result && result.error).toContain(message);
	});
});

describe('firing messages', () => {
	it('say what happened in words, per kind, in the order the alerts were set', () => {
		const engine = new AlertEngine();
		const common = { repeat: true, cooldownSec: 0 };
		engine.set([
			alert({ kind: 'move', percent: 1, seconds: 10 }, { ...common, id: 'm' }),
			alert({ kind: 'price', level: 100.25 }, { ...common, id: 'p' }),
			alert({ kind: 'size', size: 2 }, { ...common, id: 's' }),
			alert({ kind: 'volume', k: 2.5 }, { ...common, id: 'v' })
		]);
		const rows: [number, string, string][] = [];
		for (let s = 0; s < 11; s++) rows.push([s * 1000, '100', s % 2 === 0 ? '0.3' : '0.7']);
		rows.push([11_000, '101.5', '2.25'], [11_500, '99.9', '0.1'], [12_000, '98.8', '0.1']);
		rows.forEach(([ms, p, q], i) => engine.trade(trade(i + 1, ms, p, q)));
		expect(engine.take().map((f) => `${f.alertId} ${f.kind} ${f.price}: ${f.message}`)).toEqual([
			'm move 101.5: BTCUSDT up 1.50% in 10 s to 101.5',
			'p price 101.5: BTCUSDT crossed 100.25 up at 101.5',
			's size 101.5: BTCUSDT trade of 2.25 at 101.5',
			'v volume 101.5: BTCUSDT 1 s volume 2.25 > 2.5× median 0.3',
			// The move alert starts over after it fired: 99.9 is all it has seen since.
			'p price 99.9: BTCUSDT crossed 100.25 down at 99.9',
			'v volume 99.9: BTCUSDT 1 s volume 2.35 > 2.5× median 0.3',
			'm move 98.8: BTCUSDT down 1.10% in 10 s to 98.8'
		]);
	});
});
