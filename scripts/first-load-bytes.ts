// Bytes a first visit transfers: loads a served app in a fresh Chromium profile and sums the
// encoded (on-the-wire) and decoded sizes of every same-origin response the page loads.
//   npx tsx scripts/first-load-bytes.ts http://localhost:4173/
// The service worker's precache downloads run later in the worker's own target and are not
// counted: this is what stands between a visitor and the first chart.
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../tests/support/browser.ts';

interface Row {
	url: string;
	type: string;
	encoded: number;
	decoded: number;
	encoding: string;
}

async function measure(url: string): Promise<Row[]> {
	const browser = await chromium.launch({
		executablePath: findChromium(),
		args: [...CHROMIUM_ARGS]
	});
	try {
		const page = await browser.newPage();
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Network.enable');
		const pending = new Map<string, Omit<Row, 'encoded'>>();
		const rows: Row[] = [];
		const origin = new URL(url).origin;
		cdp.on('Network.responseReceived', (event) => {
			if (!event.response.url.startsWith(origin)) return;
			const headers = event.response.headers as Record<string, string>;
			pending.set(event.requestId, {
				url: event.response.url.slice(origin.length),
				type: event.type ?? 'Other',
				decoded: 0,
				encoding: headers['content-encoding'] ?? headers['Content-Encoding'] ?? 'identity'
			});
		});
		cdp.on('Network.dataReceived', (event) => {
			const row = pending.get(event.requestId);
			if (row !== undefined) row.decoded += event.dataLength;
		});
		cdp.on('Network.loadingFinished', (event) => {
			const row = pending.get(event.requestId);
			if (row !== undefined) rows.push({ ...row, encoded: event.encodedDataLength });
		});
		await page.goto(url, { waitUntil: 'load' });
		await page.waitForTimeout(3000);
		return rows;
	} finally {
		await browser.close();
	}
}

const url = process.argv[2];
if (url === undefined) {
	console.error('usage: npx tsx scripts/first-load-bytes.ts <app url>');
	process.exit(2);
}
const rows = await measure(url);
const sum = (list: Row[], key: 'encoded' | 'decoded') => list.reduce((s, r) => s + r[key], 0);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
for (const row of rows.sort((a, b) => b.encoded - a.encoded)) {
	console.log(
		`${kb(row.encoded).padStart(10)} ${row.encoding.padEnd(8)} ${row.type.padEnd(10)} ${row.url}`
	);
}
const scriptsAndStyles = rows.filter(
	(r) => r.type === 'Script' || r.type === 'Stylesheet' || /\.(js|css)$/.test(r.url)
);
console.log(`responses: ${rows.length}`);
console.log(
	`JS+CSS on the wire: ${kb(sum(scriptsAndStyles, 'encoded'))} (decoded ${kb(sum(scriptsAndStyles, 'decoded'))})`
);
console.log(
	`all on the wire:    ${kb(sum(rows, 'encoded'))} (decoded ${kb(sum(rows, 'decoded'))})`
);
