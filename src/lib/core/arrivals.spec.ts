import { describe, expect, it } from 'vitest';
import { ArrivalRecorder, arrivalLags, MAX_ARRIVAL_SPAN_MS, weightedPercentile } from './arrivals';

const T = 1_723_075_200_000;

describe('ArrivalRecorder', () => {
	it('counts receive times per ms from the first one, and starts over after a take', () => {
		const recorder = new ArrivalRecorder();
		expect(recorder.take()).toBeUndefined();
		for (const at of [T + 0.2, T + 0.9, T + 1.1, T + 4.99]) recorder.add(at);
		const arrivals = recorder.take();
		expect(arrivals?.startMs).toBe(T);
		expect([...(arrivals?.counts ?? [])]).toEqual([2, 1, 0, 0, 1]);
		expect(recorder.take()).toBeUndefined();
		recorder.add(T + 10.5);
		expect(recorder.take()?.startMs).toBe(T + 10);
	});

	it('bounds a batch to MAX_ARRIVAL_SPAN_MS buckets, later arrivals in the last', () => {
		const recorder = new ArrivalRecorder();
		recorder.add(T);
		recorder.add(T + 60_000);
		recorder.add(T - 5);
		const counts = recorder.take()?.counts ?? new Uint32Array();
		expect(counts.length).toBe(MAX_ARRIVAL_SPAN_MS);
		expect(counts[0]).toBe(2);
		expect(counts[MAX_ARRIVAL_SPAN_MS - 1]).toBe(1);
	});
});

describe('arrivalLags and weightedPercentile', () => {
	it('gives each trade its lag within half a ms, weighted by the trades in its ms', () => {
		const lags: number[] = [];
		const weights: number[] = [];
		arrivalLags({ startMs: T, counts: Uint32Array.from([3, 0, 1]) }, T + 20, lags, weights);
		expect(lags).toEqual([19.5, 17.5]);
		expect(weights).toEqual([3, 1]);
		expect(weightedPercentile(lags, weights, 50)).toBe(19.5);
		expect(weightedPercentile(lags, weights, 25)).toBe(17.5);
		expect(weightedPercentile(lags, weights, 99)).toBe(19.5);
	});

	it('ranks like the unweighted nearest-rank percentile when every weight is 1', () => {
		const values = [5, 1, 4, 2, 3];
		const ones = values.map(() => 1);
		expect(weightedPercentile(values, ones, 50)).toBe(3);
		expect(weightedPercentile(values, ones, 100)).toBe(5);
		expect(weightedPercentile(values, ones, 1)).toBe(1);
		expect(weightedPercentile([], [], 50)).toBeNull();
	});
});
