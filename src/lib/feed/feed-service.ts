import { isInterval, type Interval } from '../core/interval';
import type { SymbolAggregator } from '../core/aggregator';
import { combinedStreamUrl, isValidSymbol } from '../binance/streams';
import type { FeedApi, FeedConfig, FeedListener, KlineRow } from '../protocol/feed-api';
import { FeedRun, type FeedDeps } from './feed-run';
import { ViewTracker } from './views';

export type { FeedDeps, PostBatch } from './feed-run';

/**
 * The feed worker's API: one combined Binance stream, exact candles per symbol, batched changes
 * to the UI. Runs anywhere its `FeedDeps` can be given; the worker entry only wires the real ones.
 */
export class FeedService implements FeedApi {
	readonly #views = new ViewTracker();
	#run: FeedRun | null = null;
	#seq = 0;
	#faulted = false;

	constructor(private readonly deps: FeedDeps) {}

	start(config: FeedConfig, listener: FeedListener): Promise<void> {
		return settle(() => {
			const checked = checkConfig(config);
			const previous = this.#run;
			previous?.stop();
			// Same host: same trade ids, so history carries over. Another host numbers trades its own way.
			const keep: ReadonlyMap<string, SymbolAggregator> | undefined =
				previous?.config.wsBase === checked.wsBase ? previous.ingest.aggregators : undefined;
			this.#views.restart(checked.symbols);
			const context = {
				deps: this.deps,
				views: this.#views,
				nextSeq: () => ++this.#seq,
				fault: (where: string, error: unknown) => this.#fault(where, error)
			};
			this.#run = new FeedRun(checked, listener, context, keep);
			this.#run.start();
		});
	}

	watch(viewId: string, symbol: string, interval: Interval): Promise<void> {
		return settle(() => {
			const run = this.#running();
			this.#aggregator(run, symbol, interval);
			this.#views.watch(viewId, symbol, interval);
			run.flushNow();
		});
	}

	unwatch(viewId: string): Promise<void> {
		return settle(() => this.#views.unwatch(viewId));
	}

	klines(symbol: string, interval: Interval): Promise<KlineRow[]> {
		return settle(() => this.#aggregator(this.#running(), symbol, interval).klines(interval));
	}

	stop(): Promise<void> {
		return settle(() => {
			this.#run?.stop();
			this.#run = null;
			this.#views.clear();
		});
	}

	#running(): FeedRun {
		if (!this.#run) throw new Error('The feed is not started: call start(config, listener) first');
		return this.#run;
	}

	#aggregator(run: FeedRun, symbol: string, interval: string): SymbolAggregator {
		if (!isInterval(interval)) throw new RangeError(`not a candle interval: "${interval}"`);
		const aggregator = isValidSymbol(symbol) ? run.ingest.aggregator(symbol) : undefined;
		if (!aggregator) {
			const symbols = run.config.symbols.join(', ');
			throw new RangeError(`"${symbol}" is not one of the feed's symbols (${symbols})`);
		}
		return aggregator;
	}

	#fault(where: string, error: unknown): void {
		if (this.#faulted) return;
		this.#faulted = true;
		(this.deps.log ?? console.error)(`Feed: unexpected error while ${where} (logged once)`, error);
	}
}

/** Runs `body` and turns a throw into a rejection, as a remote caller would see it. */
function settle<T>(body: () => T): Promise<T> {
	return new Promise((resolve) => resolve(body()));
}

/** A config with symbols deduplicated and bases without trailing slashes; throws in plain words otherwise. */
function checkConfig(config: FeedConfig): FeedConfig {
	const symbols = [...new Set(config.symbols)];
	const bad = symbols.filter((symbol) => !isValidSymbol(symbol));
	if (symbols.length === 0) throw new RangeError('Choose at least one symbol');
	if (bad.length > 0) {
		throw new RangeError(`Not Binance symbols: ${bad.join(', ')} (expected e.g. btcusdt)`);
	}
	const wsBase = config.wsBase.replace(/\/+$/, '');
	const restBase = config.restBase.replace(/\/+$/, '');
	combinedStreamUrl(wsBase, symbols);
	if (!/^https?:\/\/[^/\s]+$/.test(restBase)) {
		throw new RangeError(
			`not a REST base URL: "${config.restBase}" (expected https://host[:port])`
		);
	}
	return { wsBase, restBase, symbols };
}
