import { formatUnits, PRICE_DECIMALS, QUOTE_DECIMALS, type Units } from './decimal';
import type { KlineRow } from './kline';
import { epochMs } from './time';
import type { TradeFigures } from './trade-figures';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** 1e8: quote sums kept as numbers are in 1e-8 units, bigint ones in 1e-16 units. */
const QUOTE_NUMBER_TO_BIG = 100_000_000n;

function unitsToFloat(units: Units): number {
	return Number(units) / 1e8;
}

/**
 * One mutable candle in exact scaled integers. Prices are 1e-8 units (number while safe, else
 * bigint; number and bigint compare exactly). Each sum is split in two parts whose total is the
 * value: a number part while it stays a safe integer and a bigint part that takes what would
 * overflow. Base volumes are 1e-8 units in both parts; quote volumes are 1e-8 units in the number
 * part and 1e-16 units in the bigint part, so a product with more than 8 decimals stays exact.
 * `count` 0 means a flat candle: no trade, all prices the previous close.
 */
export class Candle {
	/** Open time, ms since the epoch. */
	time: number;
	open: Units;
	high: Units;
	low: Units;
	close: Units;
	/** Underlying trades (sum of `Trade.count`). */
	count = 0;
	volume = 0;
	volumeBig = 0n;
	quote = 0;
	quoteBig = 0n;
	buyVolume = 0;
	buyVolumeBig = 0n;
	buyQuote = 0;
	buyQuoteBig = 0n;
	/** Aggregator revision of the last change to this candle (or of its creation). */
	rev: number;

	constructor(time: number, price: Units, rev: number) {
		this.time = time;
		this.open = price;
		this.high = price;
		this.low = price;
		this.close = price;
		this.rev = rev;
	}

	/** Applies a trade's price: extremes and close. The open stays the first trade's. */
	applyPrice(price: Units): void {
		if (price > this.high) this.high = price;
		if (price < this.low) this.low = price;
		this.close = price;
	}

	/** Adds a trade's volumes; `buy` for taker-buy trades (buyer is not the maker). */
	addFigures(figures: TradeFigures, count: number, buy: boolean): void {
		this.count += count;
		const { volume, quote } = figures;
		if (volume >= 0) {
			const sum = this.volume + volume;
			if (sum <= MAX_SAFE) this.volume = sum;
			else this.volumeBig += BigInt(volume);
		} else {
			this.volumeBig += figures.volumeBig;
		}
		if (quote >= 0) {
			const sum = this.quote + quote;
			if (sum <= MAX_SAFE) this.quote = sum;
			else this.quoteBig += BigInt(quote) * QUOTE_NUMBER_TO_BIG;
		} else {
			this.quoteBig += figures.quoteBig;
		}
		if (buy) this.#addBuyFigures(figures);
	}

	#addBuyFigures(figures: TradeFigures): void {
		const { volume, quote } = figures;
		if (volume >= 0) {
			const sum = this.buyVolume + volume;
			if (sum <= MAX_SAFE) this.buyVolume = sum;
			else this.buyVolumeBig += BigInt(volume);
		} else {
			this.buyVolumeBig += figures.volumeBig;
		}
		if (quote >= 0) {
			const sum = this.buyQuote + quote;
			if (sum <= MAX_SAFE) this.buyQuote = sum;
			else this.buyQuoteBig += BigInt(quote) * QUOTE_NUMBER_TO_BIG;
		} else {
			this.buyQuoteBig += figures.quoteBig;
		}
	}

	/** A candle with no trade at `time`, all prices `close`. */
	static flat(time: number, close: Units, rev: number): Candle {
		return new Candle(time, close, rev);
	}

	/** An independent copy, re-timed to `time` (the bucket of a larger interval). */
	copyAt(time: number): Candle {
		const copy = new Candle(time, this.open, this.rev);
		copy.mergeFrom(this);
		return copy;
	}

	/**
	 * Merges a later candle of the same bucket into this one (both with trades): open stays,
	 * extremes widen, close and revision become the later candle's, sums add.
	 */
	mergeFrom(later: Candle): void {
		if (later.high > this.high) this.high = later.high;
		if (later.low < this.low) this.low = later.low;
		this.close = later.close;
		this.count += later.count;
		this.rev = later.rev > this.rev ? later.rev : this.rev;
		this.volume = addSafe(this, this.volume, later.volume, 'volumeBig', 1n);
		this.quote = addSafe(this, this.quote, later.quote, 'quoteBig', QUOTE_NUMBER_TO_BIG);
		this.buyVolume = addSafe(this, this.buyVolume, later.buyVolume, 'buyVolumeBig', 1n);
		this.buyQuote = addSafe(
			this,
			this.buyQuote,
			later.buyQuote,
			'buyQuoteBig',
			QUOTE_NUMBER_TO_BIG
		);
		if (later.volumeBig !== 0n) this.volumeBig += later.volumeBig;
		if (later.quoteBig !== 0n) this.quoteBig += later.quoteBig;
		if (later.buyVolumeBig !== 0n) this.buyVolumeBig += later.buyVolumeBig;
		if (later.buyQuoteBig !== 0n) this.buyQuoteBig += later.buyQuoteBig;
	}

	/**
	 * Merges an earlier part of the same bucket in front of this candle: its open becomes the
	 * earlier part's (the bucket's first trade), extremes widen, the close stays, sums add. An
	 * earlier part without trades changes nothing.
	 */
	mergeEarlier(earlier: Candle): void {
		if (earlier.count === 0) return;
		const merged = earlier.copyAt(this.time);
		if (this.count > 0) merged.mergeFrom(this);
		merged.rev = this.rev;
		Object.assign(this, merged);
	}

	/** Exact kline row; `size` is the interval length in ms. Volumes print 8 decimals or more. */
	toKlineRow(size: number): KlineRow {
		return [
			epochMs(this.time),
			formatUnits(this.open, PRICE_DECIMALS),
			formatUnits(this.high, PRICE_DECIMALS),
			formatUnits(this.low, PRICE_DECIMALS),
			formatUnits(this.close, PRICE_DECIMALS),
			formatVolume(this.volume, this.volumeBig),
			epochMs(this.time + size - 1),
			formatQuote(this.quote, this.quoteBig),
			this.count,
			formatVolume(this.buyVolume, this.buyVolumeBig),
			formatQuote(this.buyQuote, this.buyQuoteBig),
			'0'
		];
	}

	openFloat(): number {
		return unitsToFloat(this.open);
	}
	highFloat(): number {
		return unitsToFloat(this.high);
	}
	lowFloat(): number {
		return unitsToFloat(this.low);
	}
	closeFloat(): number {
		return unitsToFloat(this.close);
	}
	volumeFloat(): number {
		return (this.volume + Number(this.volumeBig)) / 1e8;
	}
	buyVolumeFloat(): number {
		return (this.buyVolume + Number(this.buyVolumeBig)) / 1e8;
	}
	/** Quote volume as a float (the part beyond a safe integer counts 1e-16 units). */
	quoteFloat(): number {
		return this.quote / 1e8 + Number(this.quoteBig) / 1e16;
	}
	buyQuoteFloat(): number {
		return this.buyQuote / 1e8 + Number(this.buyQuoteBig) / 1e16;
	}
}

type BigPart = 'volumeBig' | 'quoteBig' | 'buyVolumeBig' | 'buyQuoteBig';

/** a + b when safe; otherwise b goes to the bigint part (scaled by `toBig`) and a is returned. */
function addSafe(candle: Candle, a: number, b: number, big: BigPart, toBig: bigint): number {
	const sum = a + b;
	if (sum <= MAX_SAFE) return sum;
	candle[big] += BigInt(b) * toBig;
	return a;
}

function formatVolume(units: number, big: bigint): string {
	return formatUnits(big === 0n ? units : BigInt(units) + big, PRICE_DECIMALS);
}

/** Quote volume: 8 decimals, more only when the exact sum has non-zero digits beyond the 8th. */
function formatQuote(units: number, big: bigint): string {
	if (big === 0n) return formatUnits(units, PRICE_DECIMALS);
	return formatUnits(BigInt(units) * QUOTE_NUMBER_TO_BIG + big, QUOTE_DECIMALS, PRICE_DECIMALS);
}
