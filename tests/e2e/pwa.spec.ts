import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../support/browser';
import { BUILDS } from '../support/builds';
import { copyBuild, serveApp, waitForServiceWorker } from '../support/offline';
import { TEST_SERVER_HTTP, TEST_SERVER_WS } from '../support/server-control';

/**
 * The installable, offline app as users get it (the production build): Chromium finds it
 * installable, a reload works with the network off and the server gone, and a new version is
 * offered through "Reload to update". Tests that stop or change their server serve their own copy
 * of build/ on a free port (the shared one stays up).
 */

/** A feed host nothing listens on: these tests do not need market data, only a settled app. */
const NO_FEED = '?ws=ws://127.0.0.1:9&rest=http://127.0.0.1:9&symbols=btcusdt&symbol=btcusdt';
const LIVE_FEED =
	`?ws=${TEST_SERVER_WS}&rest=${TEST_SERVER_HTTP}` + '&symbols=btcusdt&symbol=btcusdt&interval=1s';

/** Every URL in this origin's caches. */
const cachedUrls = (page: Page) =>
	page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const request of await cache.keys()) urls.push(request.url);
		}
		return urls;
	});

/** The app's scripts, styles and icons in a build directory, relative to it. */
function shellFiles(dir: string): string[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.map((file) => file.split(path.sep).join('/'))
		.filter((file) => /^(_app\/immutable\/.+\.(js|css)|icons\/.+\.png)$/.test(file));
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
	expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
	return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

interface Manifest {
	name?: string;
	short_name?: string;
	description?: string;
	start_url?: string;
	display?: string;
	theme_color?: string;
	background_color?: string;
	icons?: { src: string; sizes: string; type: string; purpose?: string }[];
	screenshots?: { src: string; sizes: string; form_factor?: string }[];
	shortcuts?: { short_name?: string; url: string }[];
}

/** Install UI extras: a wide and a narrow screenshot of their declared size, two shortcuts. */
async function expectInstallExtras(
	page: Page,
	manifest: Manifest,
	manifestUrl: URL
): Promise<void> {
	for (const form of ['wide', 'narrow']) {
		const shot = manifest.screenshots?.find((s) => s.form_factor === form);
		expect(shot, `${form} screenshot`).toBeDefined();
		const png = await page.request.get(new URL(shot?.src ?? '', manifestUrl).href);
		const { width, height } = pngSize(await png.body());
		expect(`${width}x${height}`).toBe(shot?.sizes);
	}
	const replay = manifest.shortcuts?.find((s) => s.short_name === 'Replay');
	expect(replay?.url).toBe('/?view=replay');
	const newChart = manifest.shortcuts?.find((s) => s.short_name === 'New chart');
	expect(newChart?.url).toBe('/?view=new-chart');
}

test('Chromium finds the app installable, with a complete manifest', async () => {
	const profile = mkdtempSync(path.join(tmpdir(), 'tickscope-profile-'));
	// An ordinary (incognito) context answers `in-incognito`: only a real profile gets a verdict.
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: findChromium(),
		args: [...CHROMIUM_ARGS]
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto(`http://localhost:${BUILDS.production.port}/${NO_FEED}`);
		await waitForServiceWorker(page);
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);

		const href = await page.locator('link[rel="manifest"]').getAttribute('href');
		const manifestUrl = new URL(href ?? '', page.url());
		const response = await page.request.get(manifestUrl.href);
		expect(response.headers()['content-type']).toContain('application/manifest+json');
		const manifest = (await response.json()) as Manifest;
		expect(manifest).toMatchObject({
			name: 'Tickscope',
			short_name: 'Tickscope',
			start_url: '/',
			display: 'standalone',
			theme_color: '#0b0e13',
			background_color: '#0b0e13'
		});
		expect(manifest.description?.length).toBeGreaterThan(20);
		const icons = manifest.icons ?? [];
		const wanted = [
			{ size: 192, purpose: 'any' },
			{ size: 512, purpose: 'any' },
			{ size: 512, purpose: 'maskable' }
		];
		for (const { size, purpose } of wanted) {
			const icon = icons.find((i) => i.sizes === `${size}x${size}` && i.purpose === purpose);
			expect(icon, `${size} ${purpose} icon`).toBeDefined();
			const png = await page.request.get(new URL(icon?.src ?? '', manifestUrl).href);
			expect(png.headers()['content-type']).toBe('image/png');
			expect(pngSize(await png.body())).toEqual({ width: size, height: size });
		}
		await expectInstallExtras(page, manifest, manifestUrl);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});

test('with the network off and the server stopped, a reload comes from the cache and says offline', async ({
	page,
	context
}) => {
	const dir = copyBuild('production');
	const server = await serveApp(dir);
	try {
		await page.goto(`${server.url}${LIVE_FEED}`);
		await waitForServiceWorker(page);
		const status = page.getByTestId('feed-status');
		await expect(status).toHaveAttribute('data-state', 'live', { timeout: 20_000 });

		// The whole shell is cached, the feed worker too; nothing from the market data host is.
		const cached = await cachedUrls(page);
		const foreign = cached.filter((url) => !url.startsWith(server.url));
		expect(foreign).toEqual([]);
		const paths = cached.map((url) =>
			url.slice(server.url.length).replace(/\??__WB_REVISION__=\w+$/, '')
		);
		const shell = ['', 'manifest.webmanifest', 'favicon.svg', ...shellFiles(dir)];
		expect(shell.some((file) => file.startsWith('_app/immutable/workers/feed.worker-'))).toBe(true);
		expect(paths.sort()).toEqual(shell.sort());

		// The page relays the network going away to the worker, whose own events do not fire here.
		await context.setOffline(true);
		await expect(status).toHaveAttribute('data-state', 'offline');
		await server.stop();
		await expect(fetch(server.url)).rejects.toThrow();

		const response = await page.reload();
		expect(response?.fromServiceWorker()).toBe(true);
		await expect(page.getByRole('banner')).toContainText('Tickscope');
		await expect(page.getByTestId('chart').locator('canvas').first()).toBeVisible();
		await expect(status).toHaveAttribute('data-state', 'offline');
	} finally {
		await context.setOffline(false);
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
});

/**
 * Makes the copy look like the next deploy: a changed index.html and a service worker whose
 * precache manifest carries its new revision (so the browser sees a new worker, byte for byte).
 */
function deployNextVersion(dir: string): void {
	const indexFile = path.join(dir, 'index.html');
	const index = readFileSync(indexFile, 'utf8').replace(
		'<head>',
		'<head>\n\t\t<meta name="tickscope-build" content="next" />'
	);
	writeFileSync(indexFile, index);
	const revision = createHash('md5').update(index).digest('hex');
	const swFile = path.join(dir, 'sw.js');
	const sw = readFileSync(swFile, 'utf8');
	const next = sw.replace(/\{url:"\/",revision:"[0-9a-f]+"\}/, `{url:"/",revision:"${revision}"}`);
	expect(next, 'the shell entry in the precache manifest').not.toBe(sw);
	writeFileSync(swFile, next);
}

test('a new version waits until "Reload to update", then the page reloads onto it', async ({
	page
}) => {
	const dir = copyBuild('production');
	const server = await serveApp(dir);
	try {
		await page.goto(`${server.url}${NO_FEED}`);
		await waitForServiceWorker(page);
		// The first install took control without offering anything.
		await expect(page.getByTestId('update-prompt')).toHaveCount(0);

		deployNextVersion(dir);
		await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			await registration?.update();
		});
		const prompt = page.getByTestId('update-prompt');
		await expect(prompt).toBeVisible();
		// Still the old version: the new one waits for the user.
		await expect(page.locator('meta[name="tickscope-build"]')).toHaveCount(0);
		expect(
			await page.evaluate(async () => (await navigator.serviceWorker.ready).waiting !== null)
		).toBe(true);

		await page.evaluate(() => Object.assign(window, { beforeUpdate: true }));
		await page.getByTestId('update-reload').click();
		await expect(page.locator('meta[name="tickscope-build"]')).toHaveAttribute('content', 'next');
		expect(await page.evaluate(() => 'beforeUpdate' in window)).toBe(false);
		await expect(prompt).toHaveCount(0);
		const after = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.ready;
			return {
				waiting: registration.waiting !== null,
				controlledByActive: registration.active === navigator.serviceWorker.controller
			};
		});
		expect(after).toEqual({ waiting: false, controlledByActive: true });
	} finally {
		await server.stop();
		rmSync(dir, { recursive: true, force: true });
	}
});

test('the static server compresses text by Accept-Encoding, and says so in Vary', async ({
	page
}) => {
	await page.goto(`/${NO_FEED}`);
	const hrefs = await page
		.locator('link[rel="modulepreload"]')
		.evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
	// The largest script: small files (under 1 KB) are rightly sent as they are.
	const sizes = await Promise.all(
		hrefs.map(async (href) => ({
			href,
			size: (await (await page.request.get(href)).body()).length
		}))
	);
	const url = sizes.reduce((a, b) => (b.size > a.size ? b : a)).href;
	const fetchWith = (encoding: string) =>
		page.request.get(url, { headers: { 'accept-encoding': encoding } });
	const br = await fetchWith('gzip, deflate, br');
	const gzip = await fetchWith('gzip');
	const plain = await fetchWith('identity');
	expect(br.headers()['content-encoding']).toBe('br');
	expect(gzip.headers()['content-encoding']).toBe('gzip');
	expect(plain.headers()['content-encoding']).toBeUndefined();
	for (const response of [br, gzip, plain]) {
		expect(response.headers()['vary']).toBe('Accept-Encoding');
		// Playwright decodes the body: every representation is the same script.
		expect(await response.text()).toBe(await plain.text());
	}
	expect(br.headers()['etag']).not.toBe(gzip.headers()['etag']);
	expect(Number(br.headers()['content-length'])).toBeLessThan(
		Number(plain.headers()['content-length']) / 2
	);
});
