import { parseRecordingLine } from '../../src/lib/binance/recording';
import { parseFrame } from '../../src/lib/binance/wire';
import type { Trade } from '../../src/lib/core/trade';
import { readFixtureText, recordingPath } from './fixtures';

/**
 * The recorded streams in `ws-recordings/`, read in place (gzip or plain) for specs anywhere in
 * the repository: the frames as Binance sent them, or their trades as the app parses them.
 */

/** Every frame of a recording (a name in `ws-recordings/` or a path), in file order. */
export function recordedFrames(file: string): string[] {
	const frames: string[] = [];
	for (const line of readFixtureText(recordingPath(file)).split('\n')) {
		const recorded = parseRecordingLine(line);
		if (recorded.kind === 'frame') frames.push(recorded.json);
	}
	return frames;
}

/** The trades in `frames`, in order; with `symbol` (upper case), only that symbol's. */
export function tradesOf(frames: readonly string[], symbol?: string): Trade[] {
	const trades: Trade[] = [];
	for (const frame of frames) {
		const event = parseFrame(frame);
		if (event.kind !== 'trade') continue;
		if (symbol === undefined || event.trade.symbol === symbol) trades.push(event.trade);
	}
	return trades;
}

/** Every trade in a recording, in file order; with `symbol` (upper case), only that symbol's. */
export function recordedTrades(file: string, symbol?: string): Trade[] {
	return tradesOf(recordedFrames(file), symbol);
}
