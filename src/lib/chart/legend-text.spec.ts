import { describe, expect, it } from 'vitest';
import type { UTCTimestamp } from 'lightweight-charts';
import { barTime, legendText } from './legend-text';

const time = 1_723_125_785 as UTCTimestamp; // 2024-08-08T14:03:05Z

describe('legendText', () => {
	it('formats a bar at the chart precision with change and buy share', () => {
		const text = legendText(
			{
				bar: {
					time,
					open: 61800,
					high: 61900.5,
					low: 61750.25,
					close: 61861.8,
					volume: 12.5,
					buyVolume: 7.75
				},
				decimals: 2,
				live: true
			},
			'1s'
		);
		expect(text).toEqual({
			time: '2024-08-08 14:03:05',
			open: '61800.00',
			high: '61900.50',
			low: '61750.25',
			close: '61861.80',
			change: '+0.100%',
			up: true,
			volume: '12.50',
			buyShare: '62% buy'
		});
	});

	it('shows a falling bar and a bar without volume', () => {
		const text = legendText(
			{
				bar: { time, open: 2, high: 2, low: 1, close: 1, volume: 0, buyVolume: 0 },
				decimals: 4,
				live: false
			},
			'1h'
		);
		expect(text).toMatchObject({ change: '-50.00%', up: false, buyShare: '–', close: '1.0000' });
	});

	it('shortens the time for coarse intervals', () => {
		expect(barTime(time, '5m')).toBe('2024-08-08 14:03');
		expect(barTime(time, '1d')).toBe('2024-08-08');
	});

	it('reads the time in the zone the chart is switched to, as its axis does', () => {
		// 14:03:05.123 UTC on 8 Aug 2024, read in this machine's zone by hand.
		const ms = Date.UTC(2024, 7, 8, 14, 3, 5, 123);
		const d = new Date(ms);
		const two = (n: number) => String(n).padStart(2, '0');
		const local = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
		expect(barTime(time, '1s', 'local')).toBe(local);
		expect(barTime(time, '1s', 'utc')).toBe('2024-08-08 14:03:05');
		expect(barTime((ms / 1000) as UTCTimestamp, 'tick', 'utc')).toBe('2024-08-08 14:03:05.123');
	});
});
