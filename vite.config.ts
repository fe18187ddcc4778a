import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { BUILDS, TEST_MODE } from './tests/support/builds.ts';

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
		// Installed-app extras: jump list entries straight into replay and a new chart, store-style screenshots
		// (taken from the streaming test build by tests/e2e/store-screenshots.spec.ts; README).
		shortcuts: [
			{
				name: 'Replay cached ticks',
				short_name: 'Replay',
				description: 'Open the replay panel to play back the ticks cached on this device',
				url: '/?view=replay',
				icons: [{ src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' }]
			},
			{
				name: 'New chart',
				short_name: 'New chart',
				description: 'Open the workspace with one more chart beside the saved ones',
				url: '/?view=new-chart',
				icons: [{ src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' }]
			}
		],
		screenshots: [
			{
				src: 'screenshots/wide.png',
				sizes: '1440x900',
				type: 'image/png',
				form_factor: 'wide',
				label: 'Live BTCUSDT candles with the status pill'
			},
			{
				src: 'screenshots/narrow.png',
				sizes: '375x812',
				type: 'image/png',
				form_factor: 'narrow',
				label: 'Tickscope on a phone, with the bottom bar'
			}
		],
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
		// Manifest screenshots are for install prompts, not for running offline.
		globIgnores: ['client/screenshots/**'],
		navigateFallback: '/',
		clientsClaim: true,
		cleanupOutdatedCaches: true,
		runtimeCaching: []
	}
});

/** Specs and their helpers (`src/lib/<layer>/testing/`): for vitest only. */
const TEST_ONLY = /\/src\/lib\/(.+\/)?testing\/|\.spec\.ts$/;

/** Fails any build, of the page or of the worker, that imports test-only code. */
const noTestCode = (): Plugin => ({
	name: 'tickscope:no-test-code',
	apply: 'build',
	enforce: 'pre',
	load(id) {
		if (TEST_ONLY.test(id)) this.error(`${id} is test-only code: the app must not import it`);
	}
});

/**
 * Two builds (tests/support/builds.ts): `vite build` is production, without the test seams;
 * `vite build --mode test` carries them and goes to its own folder. `__TEST_SEAMS__` is a
 * compile-time constant (src/lib/core/test-seams.ts), so the production bundle loses the code
 * behind it. vitest and `vite dev` have the seams too.
 */
export default defineConfig(({ command, mode }) => {
	const seams = command === 'serve' || mode === TEST_MODE;
	// svelte.config.js reads it. Set only here, never reset: SvelteKit resolves this config again
	// in production mode while prerendering, and that must not move the test build's output.
	if (command === 'build' && mode === TEST_MODE) process.env.TICKSCOPE_OUT = BUILDS.test.dir;
	return {
		plugins: [noTestCode(), sveltekit(), pwa],
		define: { __TEST_SEAMS__: JSON.stringify(seams) },
		worker: { format: 'es', plugins: () => [noTestCode()] },
		test: {
			include: ['src/**/*.spec.ts', 'scripts/**/*.spec.ts', 'tests/server/**/*.spec.ts'],
			environment: 'node',
			testTimeout: 20_000
		}
	};
});
