import { describe, expect, it } from 'vitest';
import { browserTicks, cpuMsPerSecond, isCounted, parseStat, threadRole } from './e2e-cpu';
import { conditions, screenLabel, screenOf } from './e2e-conditions';

describe('process table CPU', () => {
	it('reads parent and user + system ticks, whatever the command name holds', () => {
		const line =
			'4242 (chromium (rend) x) S 4100 4100 4100 0 -1 4194560 8869 0 0 0 1234 56 0 0 20 0 14 0 5';
		expect(parseStat(line)).toEqual({ pid: 4242, ppid: 4100, ticks: 1290 });
		expect(() => parseStat('garbage')).toThrow(/not a \/proc\/<pid>\/stat line/);
	});

	it('counts renderer and GPU processes only', () => {
		// Chromium's children have their arguments joined by spaces; its own process by NULs.
		expect(isCounted('/usr/lib/chromium/chromium --type=renderer --lang=en')).toBe(true);
		expect(isCounted('/usr/lib/chromium/chromium\0--type=gpu-process\0')).toBe(true);
		expect(isCounted('chromium --type=utility --utility-sub-type=network')).toBe(false);
		expect(isCounted('chromium --type=renderers')).toBe(false);
		expect(isCounted('chromium\0--headless\0')).toBe(false);
	});

	it('turns two samples into CPU ms per second; a process started in between counts from 0', () => {
		const before = new Map([
			[10, 500],
			[11, 100]
		]);
		const after = new Map([
			[10, 650],
			[12, 50]
		]);
		// 150 + 50 ticks at 100 a second over 10 s: 2 s of CPU, 200 ms a second.
		expect(cpuMsPerSecond(before, after, 10, 100)).toBe(200);
	});

	it('finds no renderer under a process that is not a browser', () => {
		expect(browserTicks(process.pid).processes.size).toBe(0);
	});

	it("tells a renderer's main thread and its dedicated workers from its other threads", () => {
		expect(threadRole(300, 300, 'chromium')).toBe('main');
		expect(threadRole(300, 311, 'DedicatedWorker')).toBe('worker');
		expect(threadRole(300, 312, 'Compositor')).toBe('other');
		expect(threadRole(300, 313, 'Chrome_ChildIOT')).toBe('other');
	});
});

describe('bench conditions', () => {
	it('reads --contend, --cpu-throttle and --screen, and refuses nonsense', () => {
		const desktop = { width: 1440, height: 900, pixelRatio: 1 };
		expect(conditions({})).toEqual({ contend: 0, cpuThrottle: 1, screen: desktop });
		expect(conditions({ contend: '2', 'cpu-throttle': '4', screen: '375x812@3' })).toEqual({
			contend: 2,
			cpuThrottle: 4,
			screen: { width: 375, height: 812, pixelRatio: 3 }
		});
		expect(screenOf('1280x720')).toEqual({ width: 1280, height: 720, pixelRatio: 1 });
		expect(screenOf('412x915@2.625')).toEqual({ width: 412, height: 915, pixelRatio: 2.625 });
		expect(screenLabel(screenOf('375x812@3'))).toBe('375x812@3');
		expect(() => conditions({ contend: '1.5' })).toThrow(/--contend takes a whole number/);
		expect(() => conditions({ 'cpu-throttle': '0.5' })).toThrow(/--cpu-throttle takes/);
		for (const bad of ['375', '375x812@0.5', '375x812@', 'x812', '100x812', '375 x 812']) {
			expect(() => screenOf(bad), bad).toThrow(/--screen takes WIDTHxHEIGHT@RATIO/);
		}
	});
});
