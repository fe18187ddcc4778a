import {
	LineStyle,
	type IPriceLine,
	type ISeriesApi,
	type SeriesMarker,
	type Time
} from 'lightweight-charts';
import type { Interval } from '../core/interval';
import { barOpenAt } from './bar-time';
import { LazyMarkers } from './lazy-markers';
import type { PaperFill } from '../protocol/paper-api';
import { toChartTime } from './chart-time';
import { THEME } from './theme';

/** Fills marked at most: the newest ones (a marker per fill beyond that only hides the candles). */
export const MARKED_FILLS_MAX = 200;

/** What the chart shows of a paper session: its fills and the open position's entry. */
export interface PaperMarks {
	readonly fills: readonly PaperFill[];
	/** Average entry of the open position, null when flat. */
	readonly entry: string | null;
	/** Signed base quantity, for the entry line's label. */
	readonly position: string;
}

/**
 * Paper fills as arrows on the candles they fell in (buys below, sells above) and the open
 * position's average entry as a dashed price line.
 */
export class TradeMarks {
	readonly #series: ISeriesApi<'Candlestick'>;
	readonly #markers: LazyMarkers;
	#entry: IPriceLine | null = null;

	constructor(series: ISeriesApi<'Candlestick'>) {
		this.#series = series;
		this.#markers = new LazyMarkers(series);
	}

	/** Shows `marks` on candles of `interval`; null clears them. */
	show(marks: PaperMarks | null, interval: Interval): void {
		const fills = marks?.fills.slice(-MARKED_FILLS_MAX) ?? [];
		const marked: SeriesMarker<Time>[] = [];
		for (const fill of fills) {
			const open = barOpenAt(fill.timeMs, interval, this.#series);
			if (open !== null) marked.push(marker(fill, open));
		}
		this.#markers.setMarkers(marked);
		if (this.#entry !== null) this.#series.removePriceLine(this.#entry);
		this.#entry = null;
		if (marks?.entry) {
			const long = !marks.position.startsWith('-');
			this.#entry = this.#series.createPriceLine({
				price: Number(marks.entry),
				color: long ? THEME.up : THEME.down,
				lineStyle: LineStyle.Dashed,
				lineWidth: 1,
				axisLabelVisible: true,
				title: long ? 'Long entry' : 'Short entry'
			});
		}
	}
}

/** A fill's arrow on the bar opening at `open` (ms). */
function marker(fill: PaperFill, open: number): SeriesMarker<Time> {
	const buy = fill.side === 'buy';
	return {
		time: toChartTime(open),
		position: buy ? 'belowBar' : 'aboveBar',
		shape: buy ? 'arrowUp' : 'arrowDown',
		color: buy ? THEME.up : THEME.down,
		text: `${buy ? 'B' : 'S'} ${Number(fill.qty)}`
	};
}
