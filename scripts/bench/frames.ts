import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parseRecordingLine } from '../../src/lib/binance/recording';
import { parseFrame } from '../../src/lib/binance/wire';

const RECORDINGS = new URL('../../../shared/fixtures/binance/ws-recordings/', import.meta.url);

/** The recordings the core bench replays: raw `@trade` (2024) and `@aggTrade` (2021) frames. */
export const TRADE_RECORDINGS = [
	'btcusdt-trade-depth-20240808.txt.gz',
	'btcusdt-trade-depth-20240809.txt.gz',
	'btc-eth-dot-aggtrade-kline1m-20210404.txt',
	'ten-symbols-aggtrade-depth-20210405.txt'
] as const;

/** The text of every recorded frame that carries a trade, one list per file, in file order. */
export function loadTradeFrames(names: readonly string[] = TRADE_RECORDINGS): string[][] {
	return names.map((name) => {
		const bytes = readFileSync(new URL(name, RECORDINGS));
		const text = (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
		const frames: string[] = [];
		for (const line of text.split('\n')) {
			const recorded = parseRecordingLine(line);
			if (recorded.kind === 'frame' && parseFrame(recorded.json).kind === 'trade') {
				frames.push(recorded.json);
			}
		}
		return frames;
	});
}
