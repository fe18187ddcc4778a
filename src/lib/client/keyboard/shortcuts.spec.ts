import { describe, expect, it } from 'vitest';
import { SHORTCUT_ROWS, shortcutFor, stepSymbol } from './shortcuts';

const key = (k: string, extra: Partial<Parameters<typeof shortcutFor>[0]> = {}) =>
	shortcutFor({ key: k, ctrlKey: false, metaKey: false, altKey: false, typing: false, ...extra });

describe('shortcutFor', () => {
	it('maps digits to the intervals in order', () => {
		expect(key('1')).toEqual({ kind: 'interval', interval: '1s' });
		expect(key('4')).toEqual({ kind: 'interval', interval: '1m' });
		expect(key('9')).toEqual({ kind: 'interval', interval: '1d' });
		expect(key('0')).toBeNull();
	});
	it('maps brackets to the next and previous symbol, letters in either case', () => {
		expect(key(']')).toEqual({ kind: 'symbol', step: 1 });
		expect(key('[')).toEqual({ kind: 'symbol', step: -1 });
		expect(key('R')).toEqual({ kind: 'replay' });
		expect(key('t')).toEqual({ kind: 'trade' });
		expect(key('?')).toEqual({ kind: 'help' });
		expect(key('n')).toEqual({ kind: 'new-chart' });
		expect(key('.')).toEqual({ kind: 'step-chart', step: 1 });
		expect(key(',')).toEqual({ kind: 'step-chart', step: -1 });
		expect(key('L')).toEqual({ kind: 'theme' });
	});
	it('leaves typing, chords and the search key alone', () => {
		expect(key('r', { typing: true })).toBeNull();
		expect(key('r', { ctrlKey: true })).toBeNull();
		expect(key('1', { metaKey: true })).toBeNull();
		expect(key('/')).toBeNull();
	});
	it('lists every global key in the overlay', () => {
		const shown = new Set(SHORTCUT_ROWS.flatMap((row) => row.keys.map((k) => k.toLowerCase())));
		for (const k of ['1', '9', ']', '[', 'r', 't', 'c', '?']) expect(shown.has(k)).toBe(true);
	});
});

describe('stepSymbol', () => {
	it('steps and wraps around', () => {
		const symbols = ['btcusdt', 'ethusdt', 'solusdt'];
		expect(stepSymbol(symbols, 'btcusdt', 1)).toBe('ethusdt');
		expect(stepSymbol(symbols, 'solusdt', 1)).toBe('btcusdt');
		expect(stepSymbol(symbols, 'btcusdt', -1)).toBe('solusdt');
		expect(stepSymbol([], 'btcusdt', 1)).toBe('btcusdt');
	});
});
