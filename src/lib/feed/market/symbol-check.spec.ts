import { describe, expect, it } from 'vitest';
import { RestError, type SymbolInfo } from '../../binance/rest';
import { refusedSymbols, type SymbolRest } from './symbol-check';
import { symbolInfo } from '../../core/testing/test-market';

const info = symbolInfo;

function rest(answers: Record<string, SymbolInfo | RestError | Error>): SymbolRest {
	return {
		exchangeInfo: (symbols = []) => {
			const answer = answers[symbols[0] ?? ''];
			if (answer === undefined || answer instanceof Error) {
				return Promise.reject(answer ?? new RestError('http', 'Invalid symbol.', 400));
			}
			return Promise.resolve([answer]);
		}
	};
}

describe('refusedSymbols', () => {
	const signal = new AbortController().signal;

	it('refuses unknown symbols and those not trading, naming each', async () => {
		const answers = { btcusdt: info('BTCUSDT', 'TRADING'), lunausdt: info('LUNAUSDT', 'BREAK') };
		const refused = await refusedSymbols(rest(answers), ['btcusdt', 'xyzusdt', 'lunausdt'], signal);
		expect(refused).toEqual([
			{ symbol: 'xyzusdt', reason: 'XYZUSDT is not a symbol on this Binance spot host' },
			{ symbol: 'lunausdt', reason: 'LUNAUSDT is not trading (status BREAK)' }
		]);
	});

	it('refuses nothing it could not ask about: an unreachable host is not an unknown symbol', async () => {
		const answers = {
			btcusdt: new RestError('network', 'cannot reach the host'),
			ethusdt: new RestError('rate-limited', 'slow down', 429, 1000)
		};
		expect(await refusedSymbols(rest(answers), ['btcusdt', 'ethusdt'], signal)).toEqual([]);
	});
});
