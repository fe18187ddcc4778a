import { buildAnchored, openAfter, type Anchor } from '../../core/anchored-buckets';
import type { SymbolAggregator } from '../../core/aggregator';
import type { BarColumns } from '../../core/bar-columns';
import type { Candle } from '../../core/candle';
import { candlesToColumns } from '../../core/candle-columns';
import type { AnchoredInterval } from '../../core/interval';
import type { KlineRow } from '../../core/kline';
import { candleFromKline } from '../../core/kline-candle';
import { concatBars, KlineHistory } from '../../core/kline-history';
import type { BinanceRest } from '../../binance/rest';

/** The REST call anchored series take (BinanceRest fits). */
type KlinesRest = Pick<BinanceRest, 'klines'>;

const DAY = 86_400_000;
/** Rows per REST answer at most. */
const MAX_ROWS = 1000;

/**
 * A 3d, 1w or 1M series of one symbol: the exchange's closed candles, and from the bucket the
 * exchange had open on, candles built from the aggregator's exact 1 day candles, with the
 * exchange's closed days of that bucket before the first day the aggregator saw. Boundaries come
 * from the exchange's open times (see core/anchored-buckets.ts), never from arithmetic on the
 * epoch, so the live candle continues the exchange's series without a seam.
 */
export class AnchoredSeries {
	readonly interval: AnchoredInterval;
	/** The exchange's closed candles before the anchor's open bucket. */
	readonly closed: KlineHistory;
	readonly #anchor: Anchor;
	/** The exchange's row of the open bucket, drawn until the aggregator has a trade. */
	readonly #openRow: KlineRow;
	/** Closed days of the open bucket before `#daysUntil` (the aggregator's first day). */
	#days: Candle[] = [];
	#daysUntil: number | null = null;
	/** Why the series cannot be rebuilt from days (a boundary inside a day); null when it can. */
	#unbuildable: string | null = null;

	constructor(interval: AnchoredInterval, rows: readonly KlineRow[]) {
		const last = rows.at(-1);
		if (last === undefined) throw new RangeError(`no ${interval} klines to take boundaries from`);
		this.interval = interval;
		this.#anchor = { interval, open: last[0], next: last[6] + 1 };
		this.#openRow = last;
		this.closed = new KlineHistory(0, (open) => openAfter(this.#anchor, open) - open);
		this.closed.addRows(rows.slice(0, -1));
	}

	get anchor(): Anchor {
		return this.#anchor;
	}

	/** The first day the aggregator holds, whose earlier days of the bucket are needed; null when none are. */
	daysWanted(aggregator: SymbolAggregator): { from: number; until: number } | null {
		const first = aggregator.firstTrade;
		if (first === null) return null;
		const firstDay = first.second - (first.second % DAY);
		if (firstDay === this.#daysUntil || firstDay <= this.#anchor.open) return null;
		return { from: this.#anchor.open, until: firstDay };
	}

	/** The exchange's closed days `[anchor open, until)` of the open bucket. */
	setDays(rows: readonly KlineRow[], until: number): void {
		this.#days = rows
			.filter((row) => row[0] >= this.#anchor.open && row[0] < until)
			.map((row) => candleFromKline(row, 0));
		this.#daysUntil = until;
	}

	/** Candles from the anchor's open bucket on (the exchange's open row before the first trade). */
	live(aggregator: SymbolAggregator): Candle[] {
		const days = aggregator.candles('1d');
		const first = aggregator.firstTrade;
		if (first === null || this.#unbuildable !== null) return [candleFromKline(this.#openRow, 0)];
		const firstDay = first.second - (first.second % DAY);
		// Until the bucket's earlier days are here, the live candle would be short: show Binance's.
		if (firstDay > this.#anchor.open && this.#daysUntil !== firstDay) {
			return [candleFromKline(this.#openRow, 0)];
		}
		try {
			return buildAnchored(this.#anchor, [...this.#days, ...days]);
		} catch (error) {
			if (!(error instanceof RangeError)) throw error;
			this.#unbuildable = error.message;
			return [candleFromKline(this.#openRow, 0)];
		}
	}

	bars(aggregator: SymbolAggregator): BarColumns {
		const live = this.live(aggregator);
		return concatBars(this.closed.columnsBefore(live[0]?.time ?? Infinity), candlesToColumns(live));
	}

	klines(aggregator: SymbolAggregator): KlineRow[] {
		const live = this.live(aggregator).map((candle) =>
			candle.toKlineRow(openAfter(this.#anchor, candle.time) - candle.time)
		);
		return [...this.closed.rowsBefore(live[0]?.[0] ?? Infinity), ...live];
	}
}

/** The latest klines of an anchored interval, then its open bucket's days before the aggregator's first. */
export async function loadAnchored(
	rest: KlinesRest,
	symbol: string,
	interval: AnchoredInterval,
	aggregator: SymbolAggregator,
	signal: AbortSignal,
	known?: AnchoredSeries
): Promise<AnchoredSeries> {
	const series =
		known ??
		new AnchoredSeries(interval, await rest.klines(symbol, interval, { limit: MAX_ROWS }, signal));
	const wanted = series.daysWanted(aggregator);
	if (wanted !== null) {
		const rows = await rest.klines(
			symbol,
			'1d',
			{ startTime: wanted.from, endTime: wanted.until - 1, limit: MAX_ROWS },
			signal
		);
		series.setDays(rows, wanted.until);
	}
	return series;
}
