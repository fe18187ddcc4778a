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
		serviceWorker: { register: false }
	}
};

export default config;
