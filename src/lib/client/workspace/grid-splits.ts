import { PRESET_TRACKS, type GridPreset } from '../../core/grid/grid-layout';
import { checkShares, equalShares, type Shares } from '../../core/grid/splits';

/** Where the split positions of each preset are kept; not in the link (a link names charts). */
export const SPLITS_KEY = 'tickscope.grid-splits.v1';

export interface PresetSplits {
	readonly columns: Shares;
	readonly rows: Shares;
}

type Store = Pick<Storage, 'getItem' | 'setItem'> | null;

function readAll(storage: Store): Record<string, unknown> {
	try {
		const data: unknown = JSON.parse(storage?.getItem(SPLITS_KEY) ?? '{}');
		return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

/** The preset's saved splits, or equal tracks when none (or broken ones) were saved. */
export function loadSplits(storage: Store, preset: GridPreset): PresetSplits {
	const { columns, rows } = PRESET_TRACKS[preset];
	const saved = readAll(storage)[preset];
	if (typeof saved !== 'object' || saved === null) {
		return { columns: equalShares(columns), rows: equalShares(rows) };
	}
	const value = saved as Record<string, unknown>;
	return { columns: checkShares(value.columns, columns), rows: checkShares(value.rows, rows) };
}

export function saveSplits(storage: Store, preset: GridPreset, splits: PresetSplits): void {
	try {
		storage?.setItem(SPLITS_KEY, JSON.stringify({ ...readAll(storage), [preset]: splits }));
	} catch {
		// Quota or a disabled store: the splits last this visit only.
	}
}
