import { PARAMS, toRaw, type RawSettings, type Settings } from './settings';

/** The storage key; the version suffix lets a later shape live beside this one. */
export const STORAGE_KEY = 'tickscope.settings.v1';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * The last saved settings in raw form (checked later like URL values), or nothing. Storage can be
 * missing or throw (private windows, disabled cookies, full quota): then there is no memory, not an error.
 */
export function loadStoredSettings(storage: KeyValueStore | null): RawSettings {
	let text: string | null = null;
	try {
		text = storage?.getItem(STORAGE_KEY) ?? null;
	} catch {
		return {};
	}
	if (text === null) return {};
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return {};
	}
	if (typeof data !== 'object' || data === null) return {};
	const raw: RawSettings = {};
	for (const param of PARAMS) {
		const value: unknown = (data as Record<string, unknown>)[param];
		if (typeof value === 'string') raw[param] = value;
	}
	return raw;
}

export function saveSettings(storage: KeyValueStore | null, settings: Settings): void {
	try {
		storage?.setItem(STORAGE_KEY, JSON.stringify(toRaw(settings)));
	} catch {
		// Quota or a disabled store: the URL still carries the settings.
	}
}
