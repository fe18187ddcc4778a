import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings';
import { STORAGE_KEY, loadStoredSettings, saveSettings } from './settings-storage';

function memoryStore(initial: Record<string, string> = {}) {
	const data = new Map(Object.entries(initial));
	return {
		data,
		getItem: (key: string) => data.get(key) ?? null,
		setItem: (key: string, value: string) => void data.set(key, value)
	};
}

describe('settings storage', () => {
	it('round-trips the raw form', () => {
		const store = memoryStore();
		saveSettings(store, { ...DEFAULT_SETTINGS, symbol: 'ethusdt', interval: '5s' });
		expect(JSON.parse(store.data.get(STORAGE_KEY) ?? '')).toMatchObject({ symbol: 'ethusdt' });
		expect(loadStoredSettings(store)).toEqual({
			ws: DEFAULT_SETTINGS.wsBase,
			rest: DEFAULT_SETTINGS.restBase,
			symbols: 'btcusdt,ethusdt,bnbusdt,solusdt',
			symbol: 'ethusdt',
			interval: '5s',
			source: 'binance',
			retention: '15',
			grid: '1',
			charts: 'ethusdt:5s'
		});
	});

	it('keeps only string fields of known parameters', () => {
		const store = memoryStore({
			[STORAGE_KEY]: JSON.stringify({ symbol: 7, interval: '1h', extra: 'x', ws: null })
		});
		expect(loadStoredSettings(store)).toEqual({ interval: '1h' });
	});

	it('gives nothing for missing, corrupt or throwing storage', () => {
		expect(loadStoredSettings(null)).toEqual({});
		expect(loadStoredSettings(memoryStore())).toEqual({});
		expect(loadStoredSettings(memoryStore({ [STORAGE_KEY]: '{oops' }))).toEqual({});
		expect(loadStoredSettings(memoryStore({ [STORAGE_KEY]: '"text"' }))).toEqual({});
		const throwing = {
			getItem: (): string | null => {
				throw new Error('SecurityError');
			},
			setItem: (): void => {
				throw new Error('QuotaExceededError');
			}
		};
		expect(loadStoredSettings(throwing)).toEqual({});
		expect(() => saveSettings(throwing, DEFAULT_SETTINGS)).not.toThrow();
	});
});
