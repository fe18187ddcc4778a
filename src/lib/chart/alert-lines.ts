import { LineStyle, type IChartApi, type IPriceLine, type ISeriesApi } from 'lightweight-charts';
import { ALERT_COLORS } from './theme';

/** A price alert as a line on the chart. */
export interface AlertLine {
	readonly id: string;
	readonly price: number;
	readonly active: boolean;
}

/** Pixels from a line within which a press grabs it. */
const GRAB_PX = 6;
const { active: COLOR, paused: PAUSED } = ALERT_COLORS;

/**
 * Price alerts drawn as dashed lines on the candles; a line can be dragged up or down to move its
 * level (the chart's own scrolling is held while dragging). `moved` hears the new level on release.
 */
export class AlertLines {
	readonly #chart: IChartApi;
	readonly #series: ISeriesApi<'Candlestick'>;
	readonly #element: HTMLElement;
	#lines = new Map<string, IPriceLine>();
	#drag: { id: string; line: IPriceLine; pointer: number } | null = null;
	moved: (id: string, price: number) => void = () => {};

	constructor(chart: IChartApi, series: ISeriesApi<'Candlestick'>, element: HTMLElement) {
		this.#chart = chart;
		this.#series = series;
		this.#element = element;
		element.addEventListener('pointerdown', this.#down, { capture: true });
		element.addEventListener('pointermove', this.#move, { capture: true });
		element.addEventListener('pointerup', this.#up, { capture: true });
		element.addEventListener('pointercancel', this.#up, { capture: true });
	}

	show(lines: readonly AlertLine[]): void {
		if (this.#drag !== null) return;
		for (const line of this.#lines.values()) this.#series.removePriceLine(line);
		this.#lines = new Map(
			lines.map((line) => [
				line.id,
				this.#series.createPriceLine({
					price: line.price,
					color: line.active ? COLOR : PAUSED,
					lineWidth: 1,
					lineStyle: LineStyle.Dashed,
					axisLabelVisible: true,
					title: 'alert'
				})
			])
		);
	}

	dispose(): void {
		this.#element.removeEventListener('pointerdown', this.#down, { capture: true });
		this.#element.removeEventListener('pointermove', this.#move, { capture: true });
		this.#element.removeEventListener('pointerup', this.#up, { capture: true });
		this.#element.removeEventListener('pointercancel', this.#up, { capture: true });
	}

	#y(event: PointerEvent): number {
		return event.clientY - this.#element.getBoundingClientRect().top;
	}

	readonly #down = (event: PointerEvent): void => {
		const y = this.#y(event);
		for (const [id, line] of this.#lines) {
			const at = this.#series.priceToCoordinate(line.options().price);
			if (at === null || Math.abs(at - y) > GRAB_PX) continue;
			this.#drag = { id, line, pointer: event.pointerId };
			this.#chart.applyOptions({ handleScroll: false, handleScale: false });
			event.stopPropagation();
			return;
		}
	};

	readonly #move = (event: PointerEvent): void => {
		const drag = this.#drag;
		if (drag === null || drag.pointer !== event.pointerId) return;
		const price = this.#series.coordinateToPrice(this.#y(event));
		if (price !== null && price > 0) drag.line.applyOptions({ price });
		event.stopPropagation();
	};

	readonly #up = (event: PointerEvent): void => {
		const drag = this.#drag;
		if (drag === null || drag.pointer !== event.pointerId) return;
		this.#drag = null;
		this.#chart.applyOptions({ handleScroll: true, handleScale: true });
		this.moved(drag.id, drag.line.options().price);
	};
}
