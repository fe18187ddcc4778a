import type { PaperAccount } from './paper-account';
import type { OrderSize, PaperSide } from './paper-types';
import { abs, FEE_ONE, qtyUnits, priceUnits } from './paper-units';

/**
 * The base quantity (qty units) an order size means at `price`, rounded down to the symbol's
 * step. A percent is of what is available on that side: a buy covers that share of a short, or
 * spends that share of the cash; a sell closes that share of a long, or shorts that share of the
 * equity (fees included, so 100 % is always affordable). Throws a RangeError that says why there
 * is nothing to trade.
 */
export function sizeQty(
	account: PaperAccount,
	side: PaperSide,
	size: OrderSize,
	price: bigint,
	step: bigint | null
): bigint {
	if (price <= 0n) throw new RangeError('no price to size the order at');
	const raw = rawQty(account, side, size, price);
	const qty = step !== null && step > 0n ? raw - (raw % step) : raw;
	if (qty <= 0n) {
		throw new RangeError(
			step !== null && raw > 0n
				? 'the size is below the symbol\u2019s smallest quantity step'
				: 'nothing to trade: the size comes to zero'
		);
	}
	return qty;
}

function rawQty(account: PaperAccount, side: PaperSide, size: OrderSize, price: bigint): bigint {
	switch (size.unit) {
		case 'base':
			return qtyUnits(size.amount, 'size');
		case 'quote':
			// amount (1e-8) / price (1e-8) = base; times 1e8 for qty units.
			return (priceUnits(size.amount, 'size') * 10n ** 8n) / price;
		case 'percent':
			return (available(account, side, price) * BigInt(size.amount)) / 100n;
	}
}

/** Base quantity available to `side` at `price`, before the step. */
function available(account: PaperAccount, side: PaperSide, price: bigint): bigint {
	const position = account.position;
	if (side === 'buy' && position < 0n) return -position;
	if (side === 'sell' && position > 0n) return position;
	// Cash (for a buy) or equity (for a short), over price * (1 + fee): quote (1e-22) / (1e-8 * 1e-6).
	const funds = side === 'buy' ? account.balance : account.equity(price);
	if (funds <= 0n) return 0n;
	return funds / (price * (FEE_ONE + account.feeRate));
}

/** Why `account` cannot take this fill, or null when it can: no debt, no leverage on a short. */
export function refusal(
	account: PaperAccount,
	side: PaperSide,
	qty: bigint,
	price: bigint,
	quoteAsset: string
): string | null {
	const position = account.position;
	const reduces = position !== 0n && position > 0n !== (side === 'buy') && qty <= abs(position);
	// Closing all or part of a position only lowers the risk: always allowed.
	if (reduces) return null;
	const trial = account.clone();
	trial.fill(side, qty, price);
	if (trial.position >= 0n && trial.balance < 0n) {
		return `not enough ${quoteAsset}: the order needs more than the balance`;
	}
	if (trial.position < 0n && trial.equity(price) < 0n) return 'the short would exceed the equity';
	if (trial.position < 0n && abs(trial.position) * price * FEE_ONE > trial.equity(price)) {
		return 'a short is limited to the session\u2019s equity (no leverage)';
	}
	return null;
}
