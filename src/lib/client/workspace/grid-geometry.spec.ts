import { describe, expect, it } from 'vitest';
import { cellArea, splitLines, template } from './grid-geometry';

describe('grid geometry', () => {
	it('puts split tracks between chart tracks', () => {
		expect(template([0.25, 0.75])).toBe('minmax(0, 0.2500fr) 4px minmax(0, 0.7500fr)');
	});

	it('places 2x2 cells row by row and 1+3 with one large chart left', () => {
		expect(cellArea('2x2', 3)).toBe('grid-column: 3; grid-row: 3');
		expect(cellArea('1+3', 0)).toBe('grid-column: 1; grid-row: 1 / -1');
		expect(cellArea('1+3', 3)).toBe('grid-column: 3; grid-row: 5');
		expect(cellArea('3x3', 5)).toBe('grid-column: 5; grid-row: 3');
	});

	it('has one split line per inner boundary', () => {
		expect(splitLines('1')).toEqual([]);
		expect(splitLines('3x3').map((l) => `${l.axis}${l.after}`)).toEqual([
			'columns0',
			'columns1',
			'rows0',
			'rows1'
		]);
		expect(splitLines('1+3').filter((l) => l.axis === 'rows')[0]?.area).toBe(
			'grid-column: 3; grid-row: 2'
		);
	});
});
