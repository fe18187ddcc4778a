import type { CacheStats, FeedApi } from '../../protocol/feed-api';

/** The worker call the cache panel makes. */
export type CachePort = Pick<FeedApi, 'cacheStats'>;

/** While the cache panel is open its figures are re-read this often (ms). */
const REFRESH_MS = 2000;

const describe = (error: unknown): string =>
	error instanceof Error ? error.message : String(error);

/** The cache panel: the worker's figures, re-read while the panel is open. */
export class CacheState {
	open = $state(false);
	stats = $state.raw<CacheStats | null>(null);
	error = $state('');

	/** Share of the origin's quota in use, 0..1; null when the browser does not say. */
	readonly usage = $derived.by(() => {
		const stats = this.stats;
		if (stats === null || stats.usageBytes === null || !stats.quotaBytes) return null;
		return Math.min(1, stats.usageBytes / stats.quotaBytes);
	});
	readonly totalTicks = $derived(this.stats?.symbols.reduce((n, s) => n + s.ticks, 0) ?? 0);
	readonly totalBytes = $derived(this.stats?.symbols.reduce((n, s) => n + s.bytes, 0) ?? 0);

	readonly #port: CachePort;
	#timer: ReturnType<typeof setInterval> | null = null;

	constructor(port: CachePort) {
		this.#port = port;
	}

	show(): void {
		this.open = true;
		void this.refresh();
		this.#timer ??= setInterval(() => void this.refresh(), REFRESH_MS);
	}

	hide(): void {
		this.open = false;
		if (this.#timer !== null) clearInterval(this.#timer);
		this.#timer = null;
	}

	async refresh(): Promise<void> {
		try {
			this.stats = await this.#port.cacheStats();
			this.error = '';
		} catch (error) {
			this.error = describe(error);
		}
	}
}
