import { PRESET_CELLS, PRESET_TRACKS, type GridPreset } from '../../core/grid/grid-layout';
import type { Shares } from '../../core/grid/splits';

/**
 * The CSS grid behind a preset: each chart track is followed by a 4 px track for its split line,
 * so chart `k` sits in grid line 2k+1 and the line after it in 2k+2.
 */
export const SPLIT_PX = 4;

/** `grid-template-columns` or `-rows` from shares: `0.5fr 4px 0.5fr`. */
export function template(shares: Shares): string {
	return shares.map((share) => `minmax(0, ${share.toFixed(4)}fr)`).join(` ${SPLIT_PX}px `);
}

/** The grid area of chart cell `index`: `1+3` puts cell 0 over all rows of the first column. */
export function cellArea(preset: GridPreset, index: number): string {
	const { columns, rows } = PRESET_TRACKS[preset];
	if (preset === '1+3') {
		return index === 0
			? 'grid-column: 1; grid-row: 1 / -1'
			: `grid-column: 3; grid-row: ${2 * index - 1}`;
	}
	const column = index % columns;
	const row = Math.min(Math.floor(index / columns), rows - 1);
	return `grid-column: ${2 * column + 1}; grid-row: ${2 * row + 1}`;
}

/** The split lines of a preset: after which column or row, and the grid area they cover. */
export function splitLines(
	preset: GridPreset
): { axis: 'columns' | 'rows'; after: number; area: string }[] {
	const { columns, rows } = PRESET_TRACKS[preset];
	const lines: { axis: 'columns' | 'rows'; after: number; area: string }[] = [];
	for (let k = 0; k < columns - 1; k++) {
		lines.push({ axis: 'columns', after: k, area: `grid-column: ${2 * k + 2}; grid-row: 1 / -1` });
	}
	// 1+3's rows divide only its right-hand column.
	const across = preset === '1+3' ? 'grid-column: 3' : 'grid-column: 1 / -1';
	for (let k = 0; k < rows - 1; k++) {
		lines.push({ axis: 'rows', after: k, area: `${across}; grid-row: ${2 * k + 2}` });
	}
	return lines;
}

/** Cells of a preset (charts and empty "Add chart" cells). */
export const cellCount = (preset: GridPreset): number => PRESET_CELLS[preset];
