import { describe, expect, it } from 'vitest';
import {
	formatBytes,
	formatCount,
	formatLatency,
	formatRate,
	rejectedBreakdown,
	rejectedTotal
} from './status-text';

describe('status text', () => {
	it('sums and explains rejections', () => {
		const rejected = { 'malformed-json': 1, 'bad-value': 3, 'unknown-stream': 0 };
		expect(rejectedTotal(rejected)).toBe(4);
		expect(rejectedTotal({})).toBe(0);
		expect(rejectedBreakdown(rejected)).toBe('bad-value 3, malformed-json 1');
		expect(rejectedBreakdown({ b: 1, a: 1 })).toBe('a 1, b 1');
		expect(rejectedBreakdown({})).toBe('nothing rejected');
	});

	it('formats counts, latency and rates', () => {
		expect(formatCount(987_654)).toBe('987,654');
		expect(formatCount(1_234_567)).toBe('1.2M');
		expect(formatLatency(null)).toBe('–');
		expect(formatLatency(41.6)).toBe('42 ms');
		expect(formatLatency(12_500)).toBe('13 s');
		expect(formatRate(3.25)).toBe('3.3');
		expect(formatRate(42.4)).toBe('42');
		expect(formatRate(1234)).toBe('1,234');
	});

	it('formats storage sizes in powers of 1024', () => {
		expect(formatBytes(null)).toBe('–');
		expect(formatBytes(512)).toBe('512 B');
		expect(formatBytes(1536)).toBe('1.5 KB');
		expect(formatBytes(150 * 1024 * 1024)).toBe('150 MB');
		expect(formatBytes(2.25 * 1024 ** 3)).toBe('2.3 GB');
	});
});
