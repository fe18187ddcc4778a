import type { TapeTrade } from '$lib/protocol/feed-api';
import { formatDecimal } from '$lib/client/text/decimal-text';
import { formatUtcTimeMs } from '$lib/client/text/time-text';

/**
 * The trade tape's rows, written by hand rather than by a keyed `{#each}`: the tape changes up to
 * 30 times a second, and a template would re-run every row's effects and rewrite every row's
 * text and attributes each time. Here each row remembers what it shows and a render writes only
 * the fields that differ. When a few trades arrive (a calm market), the bottom rows move to the
 * top and only they are written; at thousands of trades a second every row shows a new trade each
 * render, and consecutive trades often share a price, side or second, which are then not written.
 * Nothing here reads layout.
 */

/** How a row shows its trade: the decimals of prices and sizes, the big-trade size (null: none). */
export interface TapeFormat {
	readonly priceDecimals: number;
	readonly sizeDecimals: number;
	readonly threshold: number | null;
}

/** What a row's element shows now, field by field (its data-* attributes hold the raw values). */
interface Shown {
	trade: TapeTrade | null;
	id: number;
	time: number;
	side: string;
	price: string;
	qty: string;
	priceText: string;
	qtyText: string;
	timeText: string;
	big: boolean;
}

interface Row {
	readonly li: HTMLLIElement;
	readonly time: Text;
	readonly mark: HTMLSpanElement;
	readonly markText: Text;
	readonly price: Text;
	readonly qty: Text;
	readonly shown: Shown;
	/** The format the row was written with; another one rewrites it. */
	format: TapeFormat | null;
}

/**
 * How many rows the tape shifts down when `next` replaces what the rows show (`shownNewest`: the
 * id of the trade in the top row): the position of that trade in `next`, or -1 when it is gone
 * (every row shows a new trade) or `next` does not continue it.
 */
export function tapeShift(shownNewest: number | null, next: readonly TapeTrade[]): number {
	if (shownNewest === null) return -1;
	for (let i = 0; i < next.length; i++) {
		const id = (next[i] as TapeTrade).id;
		if (id === shownNewest) return i;
		// Newest first: past an older id, the shown trade is not in `next`.
		if (id < shownNewest) return -1;
	}
	return -1;
}

/** The side's mark: shown besides the colour, so the side is not told by colour alone. */
export const sideMark = (side: TapeTrade['side']): string => (side === 'buy' ? '▲' : '▼');

function span(className: string, ...children: Node[]): HTMLSpanElement {
	const element = document.createElement('span');
	element.className = className;
	element.append(...children);
	return element;
}

function newRow(): Row {
	const li = document.createElement('li');
	li.dataset.testid = 'tape-row';
	const time = new Text('');
	const markText = new Text('');
	const mark = span('side', markText);
	const price = new Text('');
	const qty = new Text('');
	li.append(span('time', time), span('price', mark, price), span('qty', qty));
	const shown: Shown = {
		trade: null,
		id: -1,
		time: -1,
		side: '',
		price: '',
		qty: '',
		priceText: '',
		qtyText: '',
		timeText: '',
		big: false
	};
	return { li, time, mark, markText, price, qty, shown, format: null };
}

/** Writes a text node only when its text changes. */
function setText(node: Text, shown: string, text: string): string {
	if (shown !== text) node.data = text;
	return text;
}

function writeSide(row: Row, side: TapeTrade['side']): void {
	if (row.shown.side === side) return;
	row.shown.side = side;
	row.li.dataset.side = side;
	row.li.className = side;
	row.li.classList.toggle('big', row.shown.big);
	row.mark.setAttribute('aria-label', side);
	row.markText.data = sideMark(side);
}

function writeNumbers(row: Row, trade: TapeTrade, format: TapeFormat): void {
	const { shown } = row;
	const reformat = row.format !== format;
	if (shown.price !== trade.price || reformat) {
		if (shown.price !== trade.price) row.li.dataset.price = trade.price;
		shown.price = trade.price;
		const text = formatDecimal(trade.price, format.priceDecimals);
		shown.priceText = setText(row.price, shown.priceText, text);
	}
	if (shown.qty !== trade.qty || reformat) {
		if (shown.qty !== trade.qty) row.li.dataset.qty = trade.qty;
		shown.qty = trade.qty;
		const text = formatDecimal(trade.qty, format.sizeDecimals);
		shown.qtyText = setText(row.qty, shown.qtyText, text);
	}
}

function writeRow(row: Row, trade: TapeTrade, format: TapeFormat): void {
	const { shown } = row;
	if (shown.trade === trade && row.format === format) return;
	if (shown.id !== trade.id) {
		shown.id = trade.id;
		row.li.dataset.id = String(trade.id);
	}
	if (shown.time !== trade.time) {
		shown.time = trade.time;
		shown.timeText = setText(row.time, shown.timeText, formatUtcTimeMs(trade.time));
	}
	writeSide(row, trade.side);
	writeNumbers(row, trade, format);
	const big = format.threshold !== null && Number(trade.qty) >= format.threshold;
	if (shown.big !== big) {
		shown.big = big;
		row.li.classList.toggle('big', big);
	}
	shown.trade = trade;
	row.format = format;
}

/** The rows of one tape list (`<ol>`), at most as many as the trades it is given. */
export class TapeRows {
	readonly #list: HTMLElement;
	#rows: Row[] = [];

	constructor(list: HTMLElement) {
		this.#list = list;
	}

	/** Shows `trades` (newest first) in `format` (pass the same object while it does not change). */
	render(trades: readonly TapeTrade[], format: TapeFormat): void {
		const newest = this.#rows[0]?.shown.trade?.id ?? null;
		const shift = tapeShift(newest, trades);
		if (shift > 0) this.#shift(shift, trades.length);
		this.#fit(trades.length);
		for (let i = 0; i < trades.length; i++) {
			writeRow(this.#rows[i] as Row, trades[i] as TapeTrade, format);
		}
	}

	/**
	 * Moves the bottom rows to the top (their trades scroll off) so the rows below keep what they
	 * show; new rows are made while the tape grows towards `count`.
	 */
	#shift(by: number, count: number): void {
		const rows = this.#rows;
		const added = Math.min(by, Math.max(0, count - rows.length));
		const moved = rows.splice(rows.length - Math.min(by - added, rows.length), by - added);
		const top = [...Array.from({ length: added }, newRow), ...moved];
		this.#list.prepend(...top.map((row) => row.li));
		this.#rows = top.concat(rows);
	}

	/** As many rows as trades: new ones at the bottom, extra ones removed from the bottom. */
	#fit(count: number): void {
		while (this.#rows.length < count) {
			const row = newRow();
			this.#list.append(row.li);
			this.#rows.push(row);
		}
		while (this.#rows.length > count) this.#rows.pop()?.li.remove();
	}
}
