import { describe, expect, it } from 'vitest';
import type { FeedStatus } from '../../protocol/feed-api';
import { pillSuffix } from './status-pill';
import { STARTING_STATUS } from './status-text';

const status = (patch: Partial<FeedStatus>): FeedStatus => ({ ...STARTING_STATUS, ...patch });

describe('pillSuffix', () => {
	it('shows the latency while live, nothing before the first trade', () => {
		expect(pillSuffix(status({ state: 'live', latencyMs: 40.4 }))).toBe(' · 40 ms');
		expect(pillSuffix(status({ state: 'live', latencyMs: null }))).toBe('');
		expect(pillSuffix(status({ state: 'live', latencyMs: -2000 }))).toBe('');
	});
	it('shows when the next attempt comes while reconnecting', () => {
		const detail = 'connection closed (1006); retrying in 4 s';
		expect(pillSuffix(status({ state: 'reconnecting', detail }))).toBe(' in 4 s');
		expect(pillSuffix(status({ state: 'reconnecting', detail: 'closed' }))).toBe('');
	});
	it('says replay is available offline', () => {
		expect(pillSuffix(status({ state: 'offline' }))).toBe(' · replay available');
	});
	it('shows the replay speed', () => {
		const replay = {
			sessionId: 's',
			symbol: 'btcusdt',
			fromMs: 0,
			toMs: 1,
			positionMs: 0,
			playing: true,
			speed: 10 as const,
			ended: false
		};
		expect(pillSuffix(status({ state: 'replay', replay }))).toBe(' · 10x');
	});
	it('adds nothing while connecting or failed', () => {
		expect(pillSuffix(status({ state: 'connecting' }))).toBe('');
		expect(pillSuffix(status({ state: 'error', detail: 'retrying in 4 s' }))).toBe('');
	});
});
