import { checkRestBase, checkSource, checkSymbols, checkWsBase } from './settings';
import type { ParamError, Settings } from './settings';

/** The feed-facing part of settings changed: the socket must be restarted. */
export function needsRestart(a: Settings, b: Settings): boolean {
	return (
		a.wsBase !== b.wsBase ||
		a.restBase !== b.restBase ||
		a.symbols.join(',') !== b.symbols.join(',') ||
		a.source !== b.source ||
		a.retentionMinutes !== b.retentionMinutes
	);
}

/** What the settings dialog edits. */
export interface ConnectionForm {
	readonly ws: string;
	readonly rest: string;
	readonly symbols: string;
	/** `binance` or `demo`; absent keeps the current source. */
	readonly source?: string;
}

/**
 * Checks a settings form against the current settings: either the new settings (the symbol kept if
 * still listed, else the first) or one error per refused field, and nothing applied.
 */
export function applyForm(
	current: Settings,
	form: ConnectionForm
): { ok: true; settings: Settings } | { ok: false; errors: ParamError[] } {
	const ws = checkWsBase(form.ws);
	const rest = checkRestBase(form.rest);
	const symbols = checkSymbols(form.symbols);
	const source = checkSource(form.source ?? current.source);
	if (!ws.ok || !rest.ok || !symbols.ok || !source.ok) {
		const errors: ParamError[] = [];
		if (!ws.ok) errors.push({ param: 'ws', message: `ws: ${ws.reason}` });
		if (!rest.ok) errors.push({ param: 'rest', message: `rest: ${rest.reason}` });
		if (!symbols.ok) errors.push({ param: 'symbols', message: `symbols: ${symbols.reason}` });
		if (!source.ok) errors.push({ param: 'source', message: `source: ${source.reason}` });
		return { ok: false, errors };
	}
	const list = symbols.value;
	const symbol = list.includes(current.symbol) ? current.symbol : (list[0] ?? current.symbol);
	return {
		ok: true,
		settings: {
			...current,
			wsBase: ws.value,
			restBase: rest.value,
			symbols: list,
			symbol,
			source: source.value
		}
	};
}
