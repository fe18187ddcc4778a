import type { Interval } from '../../core/interval';

/** What a global shortcut does. `/` is left free: it belongs to symbol search. */
export type ShortcutAction =
	| { readonly kind: 'interval'; readonly interval: Interval }
	| { readonly kind: 'symbol'; readonly step: 1 | -1 }
	| { readonly kind: 'replay' }
	| { readonly kind: 'trade' }
	| { readonly kind: 'chart' }
	| { readonly kind: 'new-chart' }
	| { readonly kind: 'step-chart'; readonly step: 1 | -1 }
	| { readonly kind: 'theme' }
	| { readonly kind: 'help' };

/** One row of the `?` overlay: the keys as shown, and what they do. */
export interface ShortcutRow {
	readonly keys: readonly string[];
	readonly does: string;
}

/**
 * Digits 1..9 pick nine common intervals, smallest first; the picker's menu has the rest. Fixed
 * (not the user's favourites) so a key does the same thing on every machine.
 */
const DIGIT_INTERVALS: readonly Interval[] = [
	'1s',
	'5s',
	'15s',
	'1m',
	'5m',
	'15m',
	'1h',
	'4h',
	'1d'
];
const INTERVAL_KEYS = DIGIT_INTERVALS.map((interval, i) => [String(i + 1), interval] as const);

const FIXED: Readonly<Record<string, ShortcutAction>> = {
	']': { kind: 'symbol', step: 1 },
	'[': { kind: 'symbol', step: -1 },
	r: { kind: 'replay' },
	t: { kind: 'trade' },
	c: { kind: 'chart' },
	n: { kind: 'new-chart' },
	'.': { kind: 'step-chart', step: 1 },
	',': { kind: 'step-chart', step: -1 },
	l: { kind: 'theme' },
	'?': { kind: 'help' }
};

/** Every shortcut, for the overlay; the global ones and the chart's own keys. */
export const SHORTCUT_ROWS: readonly ShortcutRow[] = [
	...INTERVAL_KEYS.map(([key, interval]) => ({ keys: [key], does: `${interval} candles` })),
	{ keys: [']'], does: 'Next symbol' },
	{ keys: ['['], does: 'Previous symbol' },
	{ keys: ['R'], does: 'Open or close replay' },
	{ keys: ['T'], does: 'Open or close paper trading' },
	{ keys: ['C'], does: 'Focus the active chart' },
	{ keys: ['N'], does: 'New chart in the grid' },
	{ keys: ['.'], does: 'Next chart in the grid' },
	{ keys: [','], does: 'Previous chart in the grid' },
	{ keys: ['L'], does: 'Switch between the dark and light theme' },
	{ keys: ['←', '→'], does: 'Chart focused: pan through time' },
	{ keys: ['+', '−'], does: 'Chart focused: zoom in and out' },
	{ keys: ['End'], does: 'Chart focused: back to the latest candle' },
	{ keys: ['Esc'], does: 'Close a menu or dialog' },
	{ keys: ['?'], does: 'Show this list' }
];

/** The fields of a KeyboardEvent a shortcut depends on. */
export interface KeyInput {
	readonly key: string;
	readonly ctrlKey: boolean;
	readonly metaKey: boolean;
	readonly altKey: boolean;
	/** True when the key goes to a text field, a select or an editable element. */
	readonly typing: boolean;
}

/** The global shortcut a key press means, or null (typing, a modifier chord, an unbound key). */
export function shortcutFor(input: KeyInput): ShortcutAction | null {
	if (input.typing || input.ctrlKey || input.metaKey || input.altKey) return null;
	const interval = INTERVAL_KEYS.find(([key]) => key === input.key);
	if (interval !== undefined) return { kind: 'interval', interval: interval[1] };
	return FIXED[input.key.length === 1 ? input.key.toLowerCase() : input.key] ?? null;
}

/** Whether an event target takes typed text, so single-key shortcuts must stay out of its way. */
export function isTypingTarget(target: EventTarget | null): boolean {
	if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
	if (target.isContentEditable) return true;
	if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
	if (!(target instanceof HTMLInputElement)) return false;
	return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'file'].includes(target.type);
}

/** The symbol `step` places after `current` in `symbols`, wrapping around. */
export function stepSymbol(symbols: readonly string[], current: string, step: 1 | -1): string {
	if (symbols.length === 0) return current;
	const at = symbols.indexOf(current);
	const next = (Math.max(at, 0) + step + symbols.length) % symbols.length;
	return symbols[next] ?? current;
}
