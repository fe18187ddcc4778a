import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

const THEME = '#0b0e13';

/**
 * The service worker (workbox generateSW) precaches the whole shell: the prerendered index.html,
 * every `_app/` script and style (the feed worker chunk too), icons, favicon and the manifest.
 * Navigations fall back to the cached shell, so a reload works offline. There is no runtime
 * caching at all: market data (Binance or a test server, always another origin) never goes
 * through a cache. A new version waits until the user accepts "Reload to update"
 * (src/lib/client/pwa.ts sends SKIP_WAITING); clientsClaim lets the first install control the
 * page that installed it, so that page already works offline.
 */
const pwa = SvelteKitPWA({
	strategies: 'generateSW',
	registerType: 'prompt',
	// Registered by src/lib/client/pwa.ts with workbox-window, in production builds only.
	injectRegister: false,
	manifest: {
		id: '/',
		name: 'Tickscope',
		short_name: 'Tickscope',
		description:
			'Live crypto charts from Binance trades, exact to the trade, with an offline tick cache and replay.',
		start_url: '/',
		scope: '/',
		display: 'standalone',
		theme_color: THEME,
		background_color: THEME,
		categories: ['finance'],
		icons: [
			{ src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
			{ src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
			{
				src: 'icons/icon-maskable-512.png',
				sizes: '512x512',
				type: 'image/png',
				purpose: 'maskable'
			}
		]
	},
	workbox: {
		globPatterns: ['client/**/*.{js,css,png,svg,ico,webmanifest}', 'prerendered/**/*.html'],
		navigateFallback: '/',
		clientsClaim: true,
		cleanupOutdatedCaches: true,
		runtimeCaching: []
	}
});

export default defineConfig({
	plugins: [sveltekit(), pwa],
	worker: { format: 'es' },
	test: {
		include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts', 'tests/server/**/*.spec.ts'],
		environment: 'node',
		testTimeout: 20_000
	}
});
