/** UTC times and spans as the replay and cache panels show and read them. Candle times are UTC too. */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `"23:54:15"` (UTC). */
export function formatUtcTime(ms: number): string {
	const d = new Date(ms);
	return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `"23:54:15.120"` (UTC), for the replay position. */
export function formatUtcTimeMs(ms: number): string {
	return `${formatUtcTime(ms)}.${pad(new Date(ms).getUTCMilliseconds(), 3)}`;
}

/** `"2024-08-08"` (UTC). */
export function formatUtcDate(ms: number): string {
	const d = new Date(ms);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `"2024-08-08 23:54:15"` (UTC). */
export function formatUtcDateTime(ms: number): string {
	return `${formatUtcDate(ms)} ${formatUtcTime(ms)}`;
}

/** `"2024-08-08T235415Z"`: a time for file names (no `:`, which some systems refuse in names). */
export function fileStamp(ms: number): string {
	const d = new Date(ms);
	return `${formatUtcDate(ms)}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** `"10m 50s"`, `"2h 05m"`, `"3d 4h"`, `"0s"`: a duration in its two largest units. */
export function formatSpan(ms: number): string {
	const s = Math.max(0, Math.floor(ms / 1000));
	const d = Math.floor(s / 86_400);
	const h = Math.floor((s % 86_400) / 3600);
	const m = Math.floor((s % 3600) / 60);
	if (d > 0) return `${d}d ${h}h`;
	if (h > 0) return `${h}h ${pad(m)}m`;
	if (m > 0) return `${m}m ${pad(s % 60)}s`;
	return `${s}s`;
}

const DAY_MS = 86_400_000;
const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

export type TimeCheck =
	{ readonly ok: true; readonly ms: number } | { readonly ok: false; readonly reason: string };

interface Span {
	readonly fromMs: number;
	readonly toMs: number;
}

function clockMs(h: string, m: string, s: string | undefined): number | null {
	const [hh, mm, ss] = [Number(h), Number(m), Number(s ?? '0')];
	if (hh > 23 || mm > 59 || ss > 59) return null;
	return ((hh * 60 + mm) * 60 + ss) * 1000;
}

/** The span widened to whole seconds, because the inputs show whole seconds. */
const wholeSeconds = (span: Span): Span => ({
	fromMs: Math.floor(span.fromMs / 1000) * 1000,
	toMs: Math.ceil(span.toMs / 1000) * 1000
});

const outside = (raw: string, { fromMs, toMs }: Span): TimeCheck => ({
	ok: false,
	reason: `${raw} UTC is outside the session (${formatUtcDateTime(fromMs)} to ${formatUtcDateTime(toMs)})`
});

function parseDateTime(raw: string, match: RegExpExecArray, span: Span): TimeCheck {
	const [, y, mo, d, h, m, s] = match;
	const clock = clockMs(h ?? '', m ?? '', s);
	const day = Date.UTC(Number(y), Number(mo) - 1, Number(d));
	if (clock === null || formatUtcDate(day) !== `${y}-${mo}-${d}`) {
		return { ok: false, reason: `${raw} is not a valid date and time` };
	}
	const ms = day + clock;
	return ms >= span.fromMs && ms <= span.toMs ? { ok: true, ms } : outside(raw, span);
}

function parseTime(raw: string, span: Span, notBeforeMs: number): TimeCheck {
	const bare = TIME_ONLY.exec(raw);
	if (bare === null) return { ok: false, reason: `"${raw}" is not a time (HH:MM:SS, UTC)` };
	const clock = clockMs(bare[1] ?? '', bare[2] ?? '', bare[3]);
	if (clock === null) return { ok: false, reason: `${raw} is not a valid time` };
	const candidates: number[] = [];
	for (let day = Math.floor(span.fromMs / DAY_MS) * DAY_MS; day <= span.toMs; day += DAY_MS) {
		const ms = day + clock;
		if (ms >= span.fromMs && ms <= span.toMs) candidates.push(ms);
	}
	const ms = candidates.find((t) => t >= notBeforeMs) ?? candidates[0];
	return ms === undefined ? outside(raw, span) : { ok: true, ms };
}

/**
 * Reads a UTC time typed into the replay range: `HH:MM[:SS]` or `YYYY-MM-DD HH:MM[:SS]`. A bare time
 * names a day inside the span (sessions often cross midnight): the first such instant at or after
 * `notBeforeMs`, else the first at all. The instant must lie in the span, widened to whole seconds.
 */
export function parseUtcTime(text: string, span: Span, notBeforeMs = span.fromMs): TimeCheck {
	const raw = text.trim();
	const within = wholeSeconds(span);
	const full = DATE_TIME.exec(raw);
	return full !== null ? parseDateTime(raw, full, within) : parseTime(raw, within, notBeforeMs);
}
