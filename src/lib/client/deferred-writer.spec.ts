import { describe, expect, it } from 'vitest';
import { DeferredWriter } from './deferred-writer';

describe('DeferredWriter', () => {
	it('holds only the latest write until opened, then writes through', () => {
		const written: string[] = [];
		const writer = new DeferredWriter((value: string) => written.push(value));
		writer.write('?a');
		writer.write('?b');
		expect(written).toEqual([]);
		writer.open();
		expect(written).toEqual(['?b']);
		writer.write('?c');
		expect(written).toEqual(['?b', '?c']);
	});

	it('writes nothing on open when nothing was held', () => {
		const written: string[] = [];
		const writer = new DeferredWriter((value: string) => written.push(value));
		writer.open();
		expect(written).toEqual([]);
	});
});
