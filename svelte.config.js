import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A pure SPA: the one page is prerendered as a shell (ssr is off), no server code.
		adapter: adapter({ strict: true }),
		serviceWorker: { register: false }
	}
};

export default config;
