import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings';
import { applyForm, needsRestart } from './settings-form';

describe('applyForm', () => {
	const form = {
		ws: 'wss://stream.binance.us:9443',
		rest: 'https://api.binance.us',
		symbols: 'ETHUSDT'
	};

	it('applies valid fields, keeps the interval and moves the symbol into the list', () => {
		const result = applyForm(DEFAULT_SETTINGS, form);
		expect(result).toEqual({
			ok: true,
			settings: {
				wsBase: 'wss://stream.binance.us:9443',
				restBase: 'https://api.binance.us',
				symbols: ['ethusdt'],
				symbol: 'ethusdt',
				interval: '1m',
				source: 'binance',
				retentionMinutes: 15,
				grid: DEFAULT_SETTINGS.grid
			}
		});
		expect(applyForm(DEFAULT_SETTINGS, { ...form, source: 'demo' })).toMatchObject({
			ok: true,
			settings: { source: 'demo' }
		});
	});

	it('keeps the current symbol when it is still listed', () => {
		const result = applyForm(DEFAULT_SETTINGS, { ...form, symbols: 'ethusdt,btcusdt' });
		expect(result).toMatchObject({ ok: true, settings: { symbol: 'btcusdt' } });
	});

	it('reports every refused field and applies nothing', () => {
		const result = applyForm(DEFAULT_SETTINGS, {
			ws: 'ftp://x',
			rest: 'nope',
			symbols: 'a',
			source: 'paper'
		});
		expect(result.ok).toBe(false);
		expect(!result.ok && result.errors.map((e) => e.param)).toEqual([
			'ws',
			'rest',
			'symbols',
			'source'
		]);
		expect(!result.ok && result.errors[3]?.message).toBe(
			'source: "paper" is not a source (binance, demo)'
		);
	});
});

describe('needsRestart', () => {
	it('is true only for hosts, the symbol list, the source and the retention', () => {
		expect(needsRestart(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, source: 'demo' })).toBe(true);
		expect(needsRestart(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, retentionMinutes: 5 })).toBe(true);
		expect(needsRestart(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, symbol: 'ethusdt' })).toBe(false);
		expect(needsRestart(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, interval: '1s' })).toBe(false);
		expect(needsRestart(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, symbols: ['btcusdt'] })).toBe(
			true
		);
		expect(needsRestart(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, restBase: 'https://x.io' })).toBe(
			true
		);
	});
});
