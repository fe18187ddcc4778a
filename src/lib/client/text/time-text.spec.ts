import { describe, expect, it } from 'vitest';
import {
	fileStamp,
	formatSpan,
	formatUtcDate,
	formatUtcDateTime,
	formatUtcTime,
	formatUtcTimeMs,
	parseUtcTime
} from './time-text';

// 2024-08-08 23:54:15.120 UTC and 2024-08-09 00:05:05.900 UTC: the recorded BTCUSDT window.
const FROM = 1_723_161_255_120;
const TO = 1_723_161_905_900;
const span = { fromMs: FROM, toMs: TO };

describe('UTC formatting', () => {
	it('prints times, dates and file stamps in UTC', () => {
		expect(formatUtcTime(FROM)).toBe('23:54:15');
		expect(formatUtcTimeMs(FROM)).toBe('23:54:15.120');
		expect(formatUtcDate(FROM)).toBe('2024-08-08');
		expect(formatUtcDateTime(TO)).toBe('2024-08-09 00:05:05');
		expect(fileStamp(FROM)).toBe('2024-08-08T235415Z');
	});

	it('prints spans in their two largest units', () => {
		expect(formatSpan(TO - FROM)).toBe('10m 50s');
		expect(formatSpan(0)).toBe('0s');
		expect(formatSpan(-5)).toBe('0s');
		expect(formatSpan(59_999)).toBe('59s');
		expect(formatSpan(2 * 3_600_000 + 5 * 60_000)).toBe('2h 05m');
		expect(formatSpan(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 4h');
	});
});

describe('parseUtcTime', () => {
	it('puts a bare time on the day inside a session that crosses midnight', () => {
		expect(parseUtcTime('23:58:00', span)).toEqual({ ok: true, ms: Date.UTC(2024, 7, 8, 23, 58) });
		expect(parseUtcTime('00:01', span)).toEqual({ ok: true, ms: Date.UTC(2024, 7, 9, 0, 1) });
		expect(parseUtcTime(' 0:01:30 ', span)).toEqual({
			ok: true,
			ms: Date.UTC(2024, 7, 9, 0, 1, 30)
		});
	});

	it('accepts the shown whole seconds at both ends', () => {
		expect(parseUtcTime('23:54:15', span)).toEqual({ ok: true, ms: FROM - 120 });
		expect(parseUtcTime('00:05:06', span)).toEqual({ ok: true, ms: TO + 100 });
	});

	it('takes the first match at or after notBefore when a session spans days', () => {
		const days = { fromMs: Date.UTC(2024, 0, 1, 12), toMs: Date.UTC(2024, 0, 3, 12) };
		expect(parseUtcTime('13:00', days)).toEqual({ ok: true, ms: Date.UTC(2024, 0, 1, 13) });
		const later = parseUtcTime('13:00', days, Date.UTC(2024, 0, 2));
		expect(later).toEqual({ ok: true, ms: Date.UTC(2024, 0, 2, 13) });
		expect(parseUtcTime('2024-01-02 09:30', days)).toEqual({
			ok: true,
			ms: Date.UTC(2024, 0, 2, 9, 30)
		});
	});

	it('refuses other text, impossible clocks and times outside the session, saying why', () => {
		expect(parseUtcTime('noon', span)).toEqual({
			ok: false,
			reason: '"noon" is not a time (HH:MM:SS, UTC)'
		});
		expect(parseUtcTime('24:00:00', span)).toEqual({
			ok: false,
			reason: '24:00:00 is not a valid time'
		});
		expect(parseUtcTime('2024-02-30 10:00', span)).toEqual({
			ok: false,
			reason: '2024-02-30 10:00 is not a valid date and time'
		});
		expect(parseUtcTime('12:00:00', span)).toEqual({
			ok: false,
			reason: '12:00:00 UTC is outside the session (2024-08-08 23:54:15 to 2024-08-09 00:05:06)'
		});
		expect(parseUtcTime('2024-08-09 23:58:00', span)).toMatchObject({ ok: false });
	});
});
