import type { BinanceServer } from '../server/server';

/** One injected fault: a drop at `atMs` (since the start), maybe followed by refused reconnects. */
export interface Flap {
	readonly atMs: number;
	/** How long new connections were refused after the drop; 0 when they were not. */
	readonly refusedMs: number;
}

/** A small seeded generator (mulberry32), so a failing run can be repeated. */
function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drops every stream connection of `server` `drops` times at random moments over about `spanMs`;
 * after a third of the drops (chosen at random) the server refuses reconnects for 1 to 3 s. The
 * server's market goes on meanwhile, so every drop loses trades the app must repair. Returns
 * what was injected.
 */
export async function flapConnection(
	server: BinanceServer,
	{ drops, spanMs, seed = 11 }: { drops: number; spanMs: number; seed?: number }
): Promise<Flap[]> {
	const random = seeded(seed);
	const started = Date.now();
	const flaps: Flap[] = [];
	for (let i = 0; i < drops; i++) {
		// Uniform waits around the mean spacing; the refusals eat into the span too.
		const due = started + ((i + 0.5 + (random() - 0.5) * 0.8) * spanMs) / drops;
		await pause(Math.max(0, due - Date.now()));
		const atMs = Date.now() - started;
		server.control({ fault: 'drop' });
		const refusedMs = random() < 1 / 3 ? Math.round(1000 + random() * 2000) : 0;
		if (refusedMs > 0) {
			server.control({ fault: 'refuse' });
			await pause(refusedMs);
			server.control({ fault: 'none' });
		}
		flaps.push({ atMs, refusedMs });
	}
	return flaps;
}
