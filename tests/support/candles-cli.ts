import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { repoRoot } from './fixtures';

/**
 * The candles CLI (scripts/candles.ts) over `inputs`, as Binance kline CSV lines: what the app's
 * candles must equal for the same trades.
 */
export async function cliKlines(
	inputs: readonly string[],
	interval: string,
	symbol: string
): Promise<string[]> {
	const args = ['tsx', 'scripts/candles.ts', '--interval', interval, '--symbol', symbol];
	for (const input of inputs) args.push('--input', input);
	const { stdout } = await promisify(execFile)('npx', args, {
		cwd: repoRoot,
		maxBuffer: 64 * 1024 * 1024
	});
	return stdout.split('\n').filter((line) => line.trim() !== '');
}
