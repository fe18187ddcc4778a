import { describe, expect, it } from 'vitest';
import { relayNetworkEvents } from '../feed/live/network-relay';
import type { NetworkEventType } from '../protocol/network';
import { forwardNetworkEvents, type NetworkOutlet } from './network-forward';

class FakeOutlet implements NetworkOutlet {
	readonly sent: NetworkEventType[] = [];
	closed = false;
	postMessage(message: NetworkEventType): void {
		this.sent.push(message);
	}
	close(): void {
		this.closed = true;
	}
}

describe('forwardNetworkEvents', () => {
	it("posts the window's online and offline events until stopped", () => {
		const page = new EventTarget();
		const outlet = new FakeOutlet();
		const stop = forwardNetworkEvents(page, outlet);
		page.dispatchEvent(new Event('offline'));
		page.dispatchEvent(new Event('focus'));
		page.dispatchEvent(new Event('online'));
		expect(outlet.sent).toEqual(['offline', 'online']);
		stop();
		page.dispatchEvent(new Event('offline'));
		expect(outlet.sent).toEqual(['offline', 'online']);
		expect(outlet.closed).toBe(true);
	});

	it("reaches the worker's scope through a real BroadcastChannel", async () => {
		const page = new EventTarget();
		const worker = new EventTarget();
		const heard: string[] = [];
		const arrived = new Promise<void>((resolve) => {
			worker.addEventListener('offline', () => heard.push('offline'));
			worker.addEventListener('online', () => {
				heard.push('online');
				resolve();
			});
		});
		const name = 'tickscope-network-spec';
		const stopRelay = relayNetworkEvents(worker, new BroadcastChannel(name));
		const stranger = new BroadcastChannel(name);
		const stopForward = forwardNetworkEvents(page, new BroadcastChannel(name));
		// Messages keep their order: the junk, had it been relayed, would be heard before `online`.
		stranger.postMessage('junk');
		stranger.postMessage({ type: 'offline' });
		page.dispatchEvent(new Event('offline'));
		page.dispatchEvent(new Event('online'));
		await arrived;
		expect(heard).toEqual(['offline', 'online']);
		stranger.close();
		stopForward();
		stopRelay();
	});
});
