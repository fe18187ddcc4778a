import { describe, expect, it } from 'vitest';
import { chartShare, hiddenParts, hideScript } from './e2e-probes';
import { e2eOptions } from './e2e-options';

describe('frame-rate probes', () => {
	it('reads --hide and --chart-share, and refuses nonsense', () => {
		expect(e2eOptions(['--hide', 'text,chart'])).toMatchObject({
			hide: ['text', 'chart'],
			chartShare: null
		});
		expect(e2eOptions(['--chart-share', '0.01'])).toMatchObject({ hide: [], chartShare: 0.01 });
		expect(hiddenParts(undefined)).toEqual([]);
		expect(() => hiddenParts('chart,book')).toThrow(/--hide takes chart, text, page/);
		expect(chartShare('1')).toBe(1);
		for (const bad of ['0', '-0.5', '1.5', 'half']) {
			expect(() => chartShare(bad)).toThrow(/--chart-share takes a share of a frame/);
		}
	});

	it('hides the parts given and nothing else', () => {
		const script = hideScript(['chart', 'page']);
		expect(script).toContain('section[data-testid=\\"chart\\"] { display: none !important; }');
		expect(script).toContain('body { display: none !important; }');
		expect(script).not.toContain('feed-status');
		expect(hideScript([])).toContain('style.textContent = "";');
	});
});
