import { describe, expect, it } from 'vitest';
import type { BarSink } from '../../core/bar-columns';
import type { ViewFrame } from './batch-coalescer';
import { ViewSync } from './view-sync';
import { view } from '../testing/test-builders';

const T = 1_723_075_200_000;

function recordingSink() {
	const calls: string[] = [];
	const sink: BarSink = {
		reset: (bars, interval, provisional) =>
			calls.push(`reset ${interval} ${bars.time.length}${provisional ? ` ~${provisional}` : ''}`),
		update: (bars) => calls.push(`update ${bars.time.length}`),
		clear: () => calls.push('clear')
	};
	return { sink, calls };
}

const frame = (...views: ViewFrame[]) => views;

describe('ViewSync', () => {
	it('draws nothing until the reset of the expected view, then deltas', () => {
		const sync = new ViewSync('main');
		const { sink, calls } = recordingSink();
		sync.attach(sink);
		sync.expect('btcusdt', '1s');
		expect(sync.apply(frame(view('main', [T])))).toBe(false);
		expect(sync.apply(frame(view('main', [T, T + 1000], { reset: true })))).toBe(true);
		expect(sync.apply(frame(view('main', [T + 2000])))).toBe(true);
		expect(sync.apply(frame(view('other', [T + 3000], { reset: true })))).toBe(false);
		expect(calls).toEqual(['clear', 'reset 1s 2', 'update 1']);
		expect(sync.awaitingReset).toBe(false);
	});

	it('ignores updates for the previous symbol or interval after a switch', () => {
		const sync = new ViewSync('main');
		const { sink, calls } = recordingSink();
		sync.attach(sink);
		sync.expect('btcusdt', '1s');
		sync.apply(frame(view('main', [T], { reset: true })));
		sync.expect('ethusdt', '1m');
		expect(sync.apply(frame(view('main', [T + 1000], { reset: true })))).toBe(false);
		expect(
			sync.apply(frame(view('main', [T + 60_000], { symbol: 'ethusdt', interval: '1m' })))
		).toBe(false);
		expect(
			sync.apply(frame(view('main', [T], { symbol: 'ethusdt', interval: '1m', reset: true })))
		).toBe(true);
		expect(calls).toEqual(['clear', 'reset 1s 1', 'clear', 'reset 1m 1']);
	});

	it('waits for a reset again when a new chart is attached, and skips empty deltas', () => {
		const sync = new ViewSync('main');
		const first = recordingSink();
		sync.attach(first.sink);
		sync.expect('btcusdt', '1s');
		sync.apply(frame(view('main', [T], { reset: true })));
		expect(sync.apply(frame(view('main', [])))).toBe(false);
		const second = recordingSink();
		sync.attach(second.sink);
		expect(sync.apply(frame(view('main', [T + 1000])))).toBe(false);
		sync.attach(null);
		expect(sync.apply(frame(view('main', [T], { reset: true })))).toBe(false);
		expect(second.calls).toEqual([]);
	});

	it('hands the sink the provisional bar of a reset', () => {
		const sync = new ViewSync('main');
		const { sink, calls } = recordingSink();
		sync.attach(sink);
		sync.expect('btcusdt', '1h');
		const restoring = { ...view('main', [T], { reset: true, interval: '1h' }), provisional: T };
		sync.apply(frame(restoring));
		sync.apply(frame(view('main', [T], { reset: true, interval: '1h' })));
		expect(calls).toEqual(['clear', `reset 1h 1 ~${T}`, 'reset 1h 1']);
	});
});
