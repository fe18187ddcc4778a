import { describe, expect, it } from 'vitest';
import type { AlertFired } from '../../core/alerts/alert-spec';
import { ALERTS_KEY } from './alert-store';
import { AlertsState, BLOCKED_NOTICE } from './alerts.svelte';
import type { AlertOutput, Permission } from './notifier';

function memoryStorage() {
	const items = new Map<string, string>();
	return {
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value)
	};
}

function fakeOutput(answer: Permission, initial: Permission = 'default') {
	const shown: string[] = [];
	let asked = 0;
	let permission: Permission = initial;
	const output: AlertOutput = {
		permission: () => Promise.resolve(permission),
		requestPermission: () => {
			asked++;
			permission = answer;
			return Promise.resolve(answer);
		},
		notify: (fired) => {
			shown.push(fired.alertId);
			return Promise.resolve(permission === 'granted' ? 'notification' : 'in-app');
		},
		beep: () => shown.push('beep')
	};
	return { output, shown, asked: () => asked };
}

const price = { symbol: 'btcusdt', repeat: false, cooldownSec: 0, sound: true };
const fired = (alertId: string, disarmed: boolean): AlertFired => ({
	alertId,
	symbol: 'btcusdt',
	kind: 'price',
	message: 'BTCUSDT crossed 100 up at 100.5',
	time: 1000,
	price: 100.5,
	disarmed
});

describe('AlertsState', () => {
	it('asks for permission at the first alert only, and hands every change on', async () => {
		const storage = memoryStorage();
		const { output, asked } = fakeOutput('granted');
		const sent: number[] = [];
		const state = new AlertsState(storage, output, (alerts) => sent.push(alerts.length));
		expect(await state.create({ ...price, kind: 'price', level: 100 })).toBe('');
		expect(await state.create({ ...price, kind: 'size', size: 2 })).toBe('');
		expect(asked()).toBe(1);
		expect(sent).toEqual([1, 2]);
		expect(new AlertsState(storage, output, () => {}).alerts).toHaveLength(2);
		expect(storage.getItem(ALERTS_KEY)).toContain('"level":100');
	});

	it('refuses a bad alert in words and keeps nothing', async () => {
		const { output } = fakeOutput('granted');
		const state = new AlertsState(memoryStorage(), output, () => {});
		expect(await state.create({ ...price, kind: 'price', level: -1 })).toBe(
			'price alert level must be a price above 0'
		);
		expect(state.alerts).toEqual([]);
	});

	it('takes the permission as the browser answers it, unless a request answered first', async () => {
		const denied = new AlertsState(
			memoryStorage(),
			fakeOutput('denied', 'denied').output,
			() => {}
		);
		expect(denied.permission).toBe('default');
		await Promise.resolve();
		expect(denied.permission).toBe('denied');
		expect(denied.notice).toBe(BLOCKED_NOTICE);

		let answer: (permission: Permission) => void = () => {};
		const slow: AlertOutput = {
			...fakeOutput('granted').output,
			permission: () => new Promise((resolve) => (answer = resolve))
		};
		const state = new AlertsState(memoryStorage(), slow, () => {});
		await state.create({ ...price, kind: 'price', level: 100 });
		expect(state.permission).toBe('granted');
		answer('default');
		await Promise.resolve();
		expect(state.permission).toBe('granted');
	});

	it('a refused permission shows the fallback, and firings still reach the log', async () => {
		const { output, shown } = fakeOutput('denied');
		const state = new AlertsState(memoryStorage(), output, () => {});
		await state.create({ ...price, kind: 'price', level: 100 });
		expect(state.notice).toBe(BLOCKED_NOTICE);
		state.receive([fired('alert1', true)]);
		await Promise.resolve();
		await Promise.resolve();
		expect(shown).toEqual(['beep', 'alert1']);
		expect(state.log.map((entry) => entry.delivery)).toEqual(['in-app']);
		expect(state.alerts[0]?.active).toBe(false);
	});
});
