import { describe, expect, it } from 'vitest';
import { MarketNotices } from './market-notices';

describe('MarketNotices', () => {
	it('names a history failure, unless the symbol was refused', () => {
		const notices = new MarketNotices();
		expect(notices.historyFailed('BTCUSDT', 'HTTP 500')).toBe(true);
		expect(notices.status().history).toBe('History of BTCUSDT unavailable: HTTP 500');
		notices.refused([{ symbol: 'xyzusdt', reason: 'XYZUSDT is not a symbol' }]);
		expect(notices.historyFailed('XYZUSDT', 'HTTP 400')).toBe(false);
		expect(notices.status().history).toBe('History of BTCUSDT unavailable: HTTP 500');
	});

	it('drops a history failure once its symbol turns out refused', () => {
		const notices = new MarketNotices();
		notices.historyFailed('XYZUSDT', 'HTTP 400');
		notices.refused([{ symbol: 'xyzusdt', reason: 'XYZUSDT is not a symbol' }]);
		expect(notices.status()).toEqual({
			history: '',
			refused: [{ symbol: 'xyzusdt', reason: 'XYZUSDT is not a symbol' }]
		});
	});
});
