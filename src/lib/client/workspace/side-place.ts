/** Where the order book and trade tape sit beside the charts; kept per browser, not in the link. */
export const SIDE_PLACES = ['right', 'left', 'hidden'] as const;
export type SidePlace = (typeof SIDE_PLACES)[number];

export const SIDE_KEY = 'tickscope.side-place.v1';

type Store = Pick<Storage, 'getItem' | 'setItem'> | null;

export function loadSidePlace(storage: Store): SidePlace {
	try {
		const value = storage?.getItem(SIDE_KEY);
		return SIDE_PLACES.find((place) => place === value) ?? 'right';
	} catch {
		return 'right';
	}
}

export function saveSidePlace(storage: Store, place: SidePlace): void {
	try {
		storage?.setItem(SIDE_KEY, place);
	} catch {
		// A disabled store: the place lasts this visit only.
	}
}
