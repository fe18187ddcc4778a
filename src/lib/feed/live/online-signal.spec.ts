import { describe, expect, it } from 'vitest';
import { scopeOnlineSignal } from './online-signal';

describe('scopeOnlineSignal', () => {
	it('reads navigator.onLine and relays online/offline events until unsubscribed', () => {
		const target = new EventTarget();
		const scope = Object.assign(target, { navigator: { onLine: false } });
		const signal = scopeOnlineSignal(scope);
		expect(signal.isOnline()).toBe(false);
		const seen: boolean[] = [];
		const unsubscribe = signal.subscribe((online) => seen.push(online));
		target.dispatchEvent(new Event('online'));
		target.dispatchEvent(new Event('offline'));
		unsubscribe();
		target.dispatchEvent(new Event('online'));
		expect(seen).toEqual([true, false]);
	});
});
