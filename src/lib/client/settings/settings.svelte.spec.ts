import { describe, expect, it } from 'vitest';
import { SettingsState } from './settings.svelte';
import { STORAGE_KEY } from './settings-storage';
import { withMainChart, DEFAULT_SETTINGS } from './settings';

function io(search: string, stored?: object) {
	const data = new Map<string, string>();
	if (stored) data.set(STORAGE_KEY, JSON.stringify(stored));
	const queries: string[] = [];
	return {
		data,
		queries,
		io: {
			search,
			storage: {
				getItem: (k: string) => data.get(k) ?? null,
				setItem: (k: string, v: string) => void data.set(k, v)
			},
			replaceQuery: (q: string) => void queries.push(q)
		}
	};
}

describe('SettingsState', () => {
	it('resolves URL over storage, reports refusals, and publishes the corrected URL', () => {
		const env = io('?symbols=btc-usdt&interval=1s', { symbol: 'ethusdt' });
		const state = new SettingsState(env.io);
		expect(state.current).toEqual(
			withMainChart({ ...DEFAULT_SETTINGS, symbol: 'ethusdt', interval: '1s' })
		);
		expect(state.errors.map((e) => e.param)).toEqual(['symbols']);
		expect(env.queries).toEqual([]);
		state.publish();
		expect(env.queries).toEqual(['?symbol=ethusdt&interval=1s']);
		expect(JSON.parse(env.data.get(STORAGE_KEY) ?? '{}')).toMatchObject({ interval: '1s' });
		state.dismissErrors();
		expect(state.errors).toEqual([]);
	});

	it('writes every change to the URL and storage', () => {
		const env = io('');
		const state = new SettingsState(env.io);
		state.set({ ...state.current, interval: '4h' });
		expect(state.current.interval).toBe('4h');
		expect(env.queries).toEqual(['?symbol=btcusdt&interval=4h']);
		const stored = JSON.parse(env.data.get(STORAGE_KEY) ?? '{}') as object;
		expect(new SettingsState(io('', stored).io).current.interval).toBe('4h');
	});
});
