import type { OnlineSignal } from '../../binance/connection-runtime';

/** The parts of a worker's global scope that report the network (`self` in a worker). */
export interface NetworkScope {
	readonly navigator: { readonly onLine: boolean };
	addEventListener(type: 'online' | 'offline', listener: () => void): void;
	removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

/**
 * `navigator.onLine` and the `online`/`offline` events, which workers have too. A false is
 * reliable (no network at all); a true only means some network, so the socket still proves itself.
 */
export function scopeOnlineSignal(scope: NetworkScope): OnlineSignal {
	return {
		isOnline: () => scope.navigator.onLine,
		subscribe(listener) {
			const online = () => listener(true);
			const offline = () => listener(false);
			scope.addEventListener('online', online);
			scope.addEventListener('offline', offline);
			return () => {
				scope.removeEventListener('online', online);
				scope.removeEventListener('offline', offline);
			};
		}
	};
}
