/**
 * Dark, light, or the system's (`prefers-color-scheme`) until the user picks one (issue 15). The
 * choice is kept per browser; the theme in force is written to `<html data-theme>`, which app.css
 * turns into the page's colours, and handed to the canvas charts (lib/chart/theme.ts).
 */
export const THEME_CHOICES = ['system', 'dark', 'light'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];
export type Theme = 'dark' | 'light';

export const THEME_KEY = 'tickscope.theme.v1';

type Store = Pick<Storage, 'getItem' | 'setItem'> | null;

/** The browser's side: the stored choice and the system's scheme, with its changes. */
export interface ThemeHost {
	readonly storage: Store;
	/** true when the system prefers dark; null where it cannot be read. */
	systemDark(): boolean | null;
	/** Calls `changed` whenever the system's scheme changes; returns a stop function. */
	watchSystem(changed: () => void): () => void;
	/** Applies the theme in force to the page. */
	apply(theme: Theme): void;
}

export function readChoice(storage: Store): ThemeChoice {
	try {
		const value = storage?.getItem(THEME_KEY);
		return THEME_CHOICES.find((choice) => choice === value) ?? 'system';
	} catch {
		return 'system';
	}
}

/** The theme in force: the user's pick, else the system's, else dark (the trading-screen default). */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean | null): Theme {
	if (choice !== 'system') return choice;
	return systemDark === false ? 'light' : 'dark';
}

export class ThemeState {
	readonly #host: ThemeHost;
	choice: ThemeChoice = $state('system');
	#systemDark: boolean | null = $state(null);
	readonly current: Theme = $derived(resolveTheme(this.choice, this.#systemDark));

	constructor(host: ThemeHost) {
		this.#host = host;
		this.choice = readChoice(host.storage);
		this.#systemDark = host.systemDark();
	}

	/** Follows the system from now on (while the choice is `system`); returns a stop function. */
	open(): () => void {
		this.#host.apply(this.current);
		return this.#host.watchSystem(() => {
			this.#systemDark = this.#host.systemDark();
			this.#host.apply(this.current);
		});
	}

	choose(choice: ThemeChoice): void {
		this.choice = choice;
		try {
			this.#host.storage?.setItem(THEME_KEY, choice);
		} catch {
			// A disabled store: the pick lasts this visit only.
		}
		this.#host.apply(this.current);
	}

	/** The other one of dark and light (the `L` shortcut): a pick, so the system no longer decides. */
	toggle(): void {
		this.choose(this.current === 'dark' ? 'light' : 'dark');
	}
}

/** The real browser: localStorage, `matchMedia`, `<html data-theme>`. */
export function browserThemeHost(storage: Store): ThemeHost {
	const query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
	return {
		storage,
		systemDark: () => query?.matches ?? null,
		watchSystem: (changed) => {
			query?.addEventListener('change', changed);
			return () => query?.removeEventListener('change', changed);
		},
		apply: (theme) => {
			document.documentElement.dataset.theme = theme;
		}
	};
}
