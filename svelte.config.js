import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** `build/`, or `build-test/` for the test build (vite.config.ts sets TICKSCOPE_OUT in test mode). */
const out = process.env.TICKSCOPE_OUT ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A pure SPA: the one page is prerendered as a shell (ssr is off), no server code.
		adapter: adapter({ pages: out, assets: out, strict: true }),
		serviceWorker: { register: false },
		// The page's Content-Security-Policy, a <meta> tag in the prerendered shell (scripts/serve.js
		// also sends it as a header). Scripts only from the app itself: SvelteKit adds the hash of its
		// inline bootstrap, so no 'unsafe-inline' and no eval for scripts. Styles need
		// 'unsafe-inline': lightweight-charts and Svelte's style: directives set inline styles.
		// Market data comes from any Binance-compatible host the user configures (ws/wss, http/s).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self', 'ws:', 'wss:', 'http:', 'https:'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['none']
			}
		}
	}
};

export default config;
