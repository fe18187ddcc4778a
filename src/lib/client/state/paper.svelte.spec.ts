import { describe, expect, it } from 'vitest';
import { FakeFeed } from '../testing/test-feed';
import { fillsFileName, PaperState } from './paper.svelte';

function setup() {
	const feed = new FakeFeed();
	const saved: [string, string][] = [];
	const paper = new PaperState(feed, (name, text) => void saved.push([name, text]));
	return { feed, paper, saved };
}

describe('PaperState', () => {
	it('sends orders to the worker and keeps its refusal in words', async () => {
		const { feed, paper } = setup();
		await paper.market('buy', { unit: 'quote', amount: '25' });
		expect(feed.calls).toContain(
			'paperOrder {"type":"market","side":"buy","size":{"unit":"quote","amount":"25"}}'
		);
		expect(paper.error).toBe('');
		feed.paperError = 'not enough USDT: the order needs more than the balance';
		await paper.limit('buy', { unit: 'percent', amount: 100 }, '50000');
		expect(paper.error).toBe('not enough USDT: the order needs more than the balance');
		feed.paperError = '';
		await paper.cancel(3);
		expect(paper.error).toBe('');
		expect(feed.calls).toContain('paperCancel 3');
	});

	it('clears a protection level left empty', async () => {
		const { feed, paper } = setup();
		await paper.protect(' 59000 ', '');
		expect(feed.calls).toContain('paperProtect 59000 null');
	});

	it('starts a session and reads the list; exports fills under a file name that says what they are', async () => {
		const { feed, paper, saved } = setup();
		await paper.start('btcusdt', '250', '0.075');
		expect(feed.calls).toEqual(['paperOpen btcusdt 250 0.075', 'paperSessions']);
		feed.exportText = 'seq,time_utc\n';
		const summary = {
			id: 'live-1',
			mode: 'live',
			replayId: null,
			symbol: 'btcusdt',
			quoteAsset: 'USDT',
			createdAtMs: Date.UTC(2024, 7, 8, 23, 54, 15),
			endedAtMs: null,
			fillCount: 1,
			pnl: '0',
			winRate: null
		} as const;
		await paper.exportCsv(summary);
		expect(saved).toEqual([['BTCUSDT-paper-live-2024-08-08T235415Z.csv', 'seq,time_utc\n']]);
		expect(fillsFileName(summary)).toBe('BTCUSDT-paper-live-2024-08-08T235415Z.csv');
	});
});
