/**
 * A number's decimal text, kept for the last number asked: the alerts that fire together on one
 * trade (five size alerts on one large trade, every volume alert in one busy second) say the same
 * price, quantity, volume or median, and a double's shortest text is costly to make.
 */
export class RecentText {
	#value = NaN;
	#text = 'NaN';

	/** `${value}`, made again only when `value` differs from the last one. */
	of(value: number): string {
		if (value !== this.#value) {
			this.#value = value;
			this.#text = `${value}`;
		}
		return this.#text;
	}
}
