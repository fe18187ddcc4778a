import { mkdtempSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pagePolicy } from './csp.js';

function page(html: string): { file: string; stat: Stats } {
	const file = path.join(mkdtempSync(path.join(tmpdir(), 'csp-')), 'index.html');
	writeFileSync(file, html);
	return { file, stat: statSync(file) };
}

describe('pagePolicy', () => {
	it("sends the page's meta policy as a header, with frame-ancestors added", () => {
		const { file, stat } = page(
			'<head><meta http-equiv="content-security-policy" content="script-src &#39;self&#39; &#39;sha256-abc=&#39;; object-src &#39;none&#39;"></head>'
		);
		expect(pagePolicy(file, stat)).toBe(
			"script-src 'self' 'sha256-abc='; object-src 'none'; frame-ancestors 'none'"
		);
	});

	it('sends none for a page without a policy', () => {
		const { file, stat } = page('<head><title>x</title></head>');
		expect(pagePolicy(file, stat)).toBeNull();
	});
});
