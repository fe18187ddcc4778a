import type { Interval } from '../core/interval';
import type { KlineRow } from '../protocol/feed-api';

/**
 * A read-only seam for browser tests (tests/e2e): they compare the app's exact candles with the CLI's
 * and watch the chart fill. It reads state and changes nothing; keep it this small.
 */
export interface TickscopeDebug {
	/** Every candle the worker holds for `symbol`/`interval`, exact (FeedApi.klines). */
	klines(symbol: string, interval: Interval): Promise<KlineRow[]>;
	/** Bars drawn on the main chart now. */
	drawnBars(): number;
	/** `seq` of the newest batch applied to the page; 0 before the first. */
	readonly lastBatchSeq: number;
}

declare global {
	interface Window {
		__tickscope?: TickscopeDebug;
	}
}

/** Installs the hook on `window`; the returned function removes it. */
export function installDebugHook(hook: TickscopeDebug): () => void {
	window.__tickscope = hook;
	return () => {
		if (window.__tickscope === hook) delete window.__tickscope;
	};
}
