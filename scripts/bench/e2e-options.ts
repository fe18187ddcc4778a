import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ThrottleMode } from '../../src/lib/client/render/render-params';
import { CONDITION_ARGS, DEFAULT_CONDITIONS, conditions, type Conditions } from './e2e-conditions';
import type { BenchView } from './e2e-plan';
import { chartShare, hiddenParts, type PagePart } from './e2e-probes';

/** The end-to-end bench's command line (e2e.ts describes each option). */
export interface E2eOptions extends Conditions {
	/** aggTrade messages per second the server sends. */
	readonly rates: readonly number[];
	readonly modes: readonly ThrottleMode[];
	/** `chart`: the chart alone; `panels`: chart, order book and tape; `grid`: 9 charts. */
	readonly views: readonly BenchView[];
	/** Measured seconds per rate and mode, after the warm-up. */
	readonly durationS: number;
	/** Seconds after the feed is live before measuring (first loads, JIT, the history reset). */
	readonly warmupS: number;
	/** Longest wait, after the server stopped sending, for the worker to receive every trade. */
	readonly drainS: number;
	/** Rounds of every variant, interleaved (e2e-plan.ts); medians are printed when more than 1. */
	readonly repeat: number;
	/** A prebuilt test build's folder measured beside this checkout's as `build: "baseline"`. */
	readonly baseline: string | null;
	/** A folder to write each run's main-thread CPU profile (.cpuprofile) into; null: none. */
	readonly profileDir: string | null;
	/** Parts of the page hidden while measured (e2e-probes.ts); none by default. */
	readonly hide: readonly PagePart[];
	/** The main chart's share of a frame (e2e-probes.ts); null: its priority's. */
	readonly chartShare: number | null;
}

export const DEFAULT_E2E: E2eOptions = {
	rates: [1000, 5000, 20_000, 50_000, 100_000],
	modes: ['adaptive', 'off'],
	views: ['chart'],
	durationS: 20,
	warmupS: 3,
	drainS: 180,
	repeat: 1,
	baseline: null,
	profileDir: null,
	hide: [],
	chartShare: null,
	...DEFAULT_CONDITIONS
};

function numbers(text: string | undefined, name: string): number[] | undefined {
	if (text === undefined) return undefined;
	const values = text.split(',').map(Number);
	if (values.some((v) => !(v > 0) || !Number.isFinite(v))) {
		throw new Error(`--${name} takes positive numbers, comma separated: ${text}`);
	}
	return values;
}

function seconds(text: string | undefined, name: string): number | undefined {
	return numbers(text, name)?.[0];
}

function repeatOf(text: string | undefined): number {
	if (text === undefined) return DEFAULT_E2E.repeat;
	const repeat = Number(text);
	if (!Number.isInteger(repeat) || repeat < 1 || repeat > 50) {
		throw new Error(`--repeat takes a whole number of rounds, 1 to 50: ${text}`);
	}
	return repeat;
}

function baselineOf(text: string | undefined): string | null {
	if (text === undefined) return null;
	const dir = path.resolve(text);
	if (!existsSync(path.join(dir, 'index.html'))) {
		throw new Error(`--baseline takes a built test build's folder (with index.html): ${text}`);
	}
	return dir;
}

/** A comma-separated list of some of `allowed`; undefined when not given. */
function oneOf<T extends string>(
	text: string | undefined,
	name: string,
	allowed: readonly T[]
): T[] | undefined {
	const items = text?.split(',');
	if (items?.some((item) => !allowed.includes(item as T))) {
		throw new Error(`--${name} takes ${allowed.join(' and/or ')}: ${text}`);
	}
	return items as T[] | undefined;
}

export function e2eOptions(args: readonly string[]): E2eOptions {
	const { values } = parseArgs({
		args: [...args],
		options: {
			rates: { type: 'string' },
			modes: { type: 'string' },
			views: { type: 'string' },
			duration: { type: 'string' },
			warmup: { type: 'string' },
			drain: { type: 'string' },
			repeat: { type: 'string' },
			baseline: { type: 'string' },
			profile: { type: 'string' },
			hide: { type: 'string' },
			'chart-share': { type: 'string' },
			...CONDITION_ARGS
		}
	});
	return {
		rates: numbers(values.rates, 'rates') ?? DEFAULT_E2E.rates,
		modes: oneOf(values.modes, 'modes', ['adaptive', 'off']) ?? DEFAULT_E2E.modes,
		views: oneOf(values.views, 'views', ['chart', 'panels', 'grid']) ?? DEFAULT_E2E.views,
		durationS: seconds(values.duration, 'duration') ?? DEFAULT_E2E.durationS,
		warmupS: seconds(values.warmup, 'warmup') ?? DEFAULT_E2E.warmupS,
		drainS: seconds(values.drain, 'drain') ?? DEFAULT_E2E.drainS,
		repeat: repeatOf(values.repeat),
		baseline: baselineOf(values.baseline),
		profileDir: values.profile === undefined ? null : path.resolve(values.profile),
		hide: hiddenParts(values.hide),
		chartShare: chartShare(values['chart-share']),
		...conditions(values)
	};
}
