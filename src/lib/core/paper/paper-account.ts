import { abs, FEE_ONE, feeOf, minBig, notional } from './paper-units';

export type PaperSide = 'buy' | 'sell';

/** What one fill did to the account. */
export interface FillEffect {
	/** Fee paid, quote units. */
	readonly fee: bigint;
	/** P&L realised by the part of the fill that reduced the position; null when it only opened or added. */
	readonly realised: bigint | null;
}

/**
 * Cash, one position and what it cost, in paper-units' fixed point. Fees are part of a
 * position's basis, so realised P&L is net of both legs' fees and, for any mark,
 * start + realised + unrealised = balance + position * mark, exactly.
 *
 * A long's basis is what it cost (notional + fee); a short's is what selling it brought in
 * (notional - fee). A fill against the position first closes a share of it, taking the same
 * share of the basis (average cost), and any remainder opens the other way.
 */
export class PaperAccount {
	balance: bigint;
	/** Signed base quantity: > 0 long, < 0 short. */
	position = 0n;
	basis = 0n;
	/** What the position's entries traded for, fees left out (for the average entry price). */
	entryValue = 0n;
	realised = 0n;
	feesPaid = 0n;
	readonly feeRate: bigint;

	constructor(startBalance: bigint, feeRate: bigint) {
		this.balance = startBalance;
		this.feeRate = feeRate;
	}

	/** Applies a fill of `qty` (> 0) at `price`. Affordability is the caller's to check first. */
	fill(side: PaperSide, qty: bigint, price: bigint): FillEffect {
		if (qty <= 0n) throw new RangeError('a fill needs a positive quantity');
		const opens = this.position === 0n || this.position > 0n === (side === 'buy');
		if (opens) return { fee: this.#open(side, qty, price), realised: null };
		const closing = minBig(qty, abs(this.position));
		const closed = this.#close(side, closing, price);
		const rest = qty - closing;
		const fee = rest > 0n ? closed.fee + this.#open(side, rest, price) : closed.fee;
		return { fee, realised: closed.realised };
	}

	/** Position * mark - basis for a long, basis - |position| * mark for a short. */
	unrealised(mark: bigint): bigint {
		if (this.position === 0n) return 0n;
		const value = notional(mark, abs(this.position));
		return this.position > 0n ? value - this.basis : this.basis - value;
	}

	/** Cash plus the position at `mark` (a short counts as a debt of its value). */
	equity(mark: bigint): bigint {
		if (this.position === 0n) return this.balance;
		const value = notional(mark, abs(this.position));
		return this.position > 0n ? this.balance + value : this.balance - value;
	}

	/** Average entry price (fees left out) in price units, rounded half up; null when flat. */
	averageEntry(): bigint | null {
		if (this.position === 0n) return null;
		const per = abs(this.position) * FEE_ONE;
		return (2n * this.entryValue + per) / (2n * per);
	}

	/** A copy to try a fill on without touching this account. */
	clone(): PaperAccount {
		const copy = new PaperAccount(this.balance, this.feeRate);
		copy.position = this.position;
		copy.basis = this.basis;
		copy.entryValue = this.entryValue;
		copy.realised = this.realised;
		copy.feesPaid = this.feesPaid;
		return copy;
	}

	#open(side: PaperSide, qty: bigint, price: bigint): bigint {
		const value = notional(price, qty);
		const fee = feeOf(price, qty, this.feeRate);
		this.feesPaid += fee;
		this.entryValue += value;
		if (side === 'buy') {
			this.balance -= value + fee;
			this.basis += value + fee;
			this.position += qty;
		} else {
			this.balance += value - fee;
			this.basis += value - fee;
			this.position -= qty;
		}
		return fee;
	}

	#close(side: PaperSide, qty: bigint, price: bigint): { fee: bigint; realised: bigint } {
		const held = abs(this.position);
		const share = qty === held ? this.basis : (this.basis * qty) / held;
		this.entryValue -= qty === held ? this.entryValue : (this.entryValue * qty) / held;
		const value = notional(price, qty);
		const fee = feeOf(price, qty, this.feeRate);
		this.feesPaid += fee;
		let realised: bigint;
		if (side === 'sell') {
			this.balance += value - fee;
			realised = value - fee - share;
			this.position -= qty;
		} else {
			this.balance -= value + fee;
			realised = share - (value + fee);
			this.position += qty;
		}
		this.basis -= share;
		this.realised += realised;
		return { fee, realised };
	}
}
