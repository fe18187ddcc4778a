import { parseFrame } from '../../src/lib/binance/wire';
import { recordedFrames } from '../../tests/support/recordings';

/** The recordings the core bench replays: raw `@trade` (2024) and `@aggTrade` (2021) frames. */
export const TRADE_RECORDINGS = [
	'btcusdt-trade-depth-20240808.txt.gz',
	'btcusdt-trade-depth-20240809.txt.gz',
	'btc-eth-dot-aggtrade-kline1m-20210404.txt',
	'ten-symbols-aggtrade-depth-20210405.txt'
] as const;

/** The text of every recorded frame that carries a trade, one list per file, in file order. */
export function loadTradeFrames(names: readonly string[] = TRADE_RECORDINGS): string[][] {
	return names.map((name) =>
		recordedFrames(name).filter((frame) => parseFrame(frame).kind === 'trade')
	);
}
