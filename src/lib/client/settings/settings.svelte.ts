import {
	readQuery,
	resolveSettings,
	toQuery,
	withMainChart,
	type ParamError,
	type Settings
} from './settings';
import { loadStoredSettings, saveSettings } from './settings-storage';

export interface SettingsIo {
	/** `location.search` when the app opened. */
	readonly search: string;
	readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null;
	/** Replaces the page URL's query (no reload, no history entry). */
	readonly replaceQuery: (query: string) => void;
}

/** The settings in force, refused URL values, and their mirror in the URL and in storage. */
export class SettingsState {
	readonly #io: SettingsIo;
	current: Settings;
	/** URL values refused when the app opened; shown until dismissed. */
	errors: readonly ParamError[];

	constructor(io: SettingsIo) {
		this.#io = io;
		const { settings, errors } = resolveSettings(
			readQuery(io.search),
			loadStoredSettings(io.storage)
		);
		this.current = $state.raw(settings);
		this.errors = $state.raw(errors);
	}

	/** Writes the current settings to the URL (refused values disappear from it) and to storage. */
	publish(): void {
		this.#io.replaceQuery(toQuery(this.current));
		saveSettings(this.#io.storage, this.current);
	}

	/** `next` with its grid's first chart made the main chart (`symbol`, `interval`) again. */
	set(next: Settings): void {
		this.current = withMainChart(next);
		this.publish();
	}

	dismissErrors(): void {
		this.errors = [];
	}
}
