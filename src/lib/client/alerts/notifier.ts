import type { AlertFired } from '../../core/alerts/alert-spec';
import type { Delivery } from './alert-store';

/** Notification permission as the page knows it; `unsupported` where there is no Notification. */
export type Permission = NotificationPermission | 'unsupported';

/** What the alerts need from the browser: injected, so node tests run without one. */
export interface AlertOutput {
	/** The permission as it stands, answered asynchronously (see `browserAlertOutput`). */
	permission(): Promise<Permission>;
	/** Asks for permission (call it from a click: some browsers require a user gesture). */
	requestPermission(): Promise<Permission>;
	/** Shows a system notification; resolves how the firing was delivered. */
	notify(fired: AlertFired, title: string): Promise<Delivery>;
	/** A short tone. */
	beep(): void;
}

/** Vibration pattern, ms: Android only (elsewhere the option is ignored). */
const VIBRATE = [120, 60, 120];

/**
 * Chromium answers `Notification.permission` with a synchronous call into the browser process: read
 * while the page first mounts, it held the main thread for 25-90 ms in traces of a reload on a busy
 * machine. The Permissions API answers the same question without blocking.
 */
async function notificationPermission(): Promise<Permission> {
	try {
		const status = await navigator.permissions.query({ name: 'notifications' });
		return status.state === 'prompt' ? 'default' : status.state;
	} catch {
		// No Permissions API, or one that does not know this permission.
		return Notification.permission;
	}
}

/**
 * The browser's notifications: through the service worker registration (`showNotification`; Chrome
 * on Android refuses `new Notification()`), one tag per alert so several tabs replace rather than
 * stack the same alert, with vibration where the platform has it. Without a registration (a
 * development build), `new Notification()`; without permission, the in-app log only.
 */
export function browserAlertOutput(): AlertOutput {
	const supported = typeof Notification !== 'undefined';
	let audio: AudioContext | null = null;
	return {
		permission: () => (supported ? notificationPermission() : Promise.resolve('unsupported')),
		requestPermission: async () => (supported ? Notification.requestPermission() : 'unsupported'),
		async notify(fired, title) {
			if (!supported || Notification.permission !== 'granted') return 'in-app';
			const options = {
				body: fired.message,
				tag: `tickscope-alert-${fired.alertId}`,
				renotify: true,
				vibrate: VIBRATE,
				timestamp: fired.time
			};
			try {
				const registration = await navigator.serviceWorker?.getRegistration();
				if (registration !== undefined) {
					await registration.showNotification(title, options);
				} else {
					new Notification(title, options);
				}
				navigator.vibrate?.(VIBRATE);
				return 'notification';
			} catch {
				return 'in-app';
			}
		},
		beep() {
			try {
				audio ??= new AudioContext();
				const tone = audio.createOscillator();
				const gain = audio.createGain();
				tone.frequency.value = 880;
				gain.gain.setValueAtTime(0.15, audio.currentTime);
				gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.35);
				tone.connect(gain).connect(audio.destination);
				tone.start();
				tone.stop(audio.currentTime + 0.35);
			} catch {
				// No audio here (or not allowed before a gesture): the notification stands alone.
			}
		}
	};
}
