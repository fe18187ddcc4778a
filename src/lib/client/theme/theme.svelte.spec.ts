import { describe, expect, it } from 'vitest';
import { readChoice, resolveTheme, THEME_KEY, ThemeState, type ThemeHost } from './theme.svelte';

function host(systemDark: boolean | null, stored: string | null = null) {
	const data = new Map<string, string>();
	if (stored !== null) data.set(THEME_KEY, stored);
	const applied: string[] = [];
	let listener = () => {};
	const state = { dark: systemDark };
	const theme: ThemeHost = {
		storage: { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) },
		systemDark: () => state.dark,
		watchSystem: (changed) => {
			listener = changed;
			return () => (listener = () => {});
		},
		apply: (t) => void applied.push(t)
	};
	return { theme, data, applied, flip: (dark: boolean) => ((state.dark = dark), listener()) };
}

describe('theme', () => {
	it('follows the system until the user picks one', () => {
		const h = host(false);
		const state = new ThemeState(h.theme);
		state.open();
		expect(h.applied).toEqual(['light']);
		h.flip(true);
		expect(state.current).toBe('dark');
		state.choose('light');
		h.flip(true);
		expect(state.current).toBe('light');
		expect(h.data.get(THEME_KEY)).toBe('light');
		expect(h.applied.at(-1)).toBe('light');
	});

	it('toggles between dark and light, and remembers the pick', () => {
		const h = host(null, 'dark');
		const state = new ThemeState(h.theme);
		expect(state.current).toBe('dark');
		state.toggle();
		expect(state.current).toBe('light');
		expect(readChoice(h.theme.storage)).toBe('light');
	});

	it('is dark where the system cannot say, and ignores a broken stored value', () => {
		expect(resolveTheme('system', null)).toBe('dark');
		expect(readChoice({ getItem: () => 'pink', setItem: () => {} })).toBe('system');
	});
});
