/** localStorage, or nothing where reading it throws (blocked storage, some embedded browsers). */
export function browserStorage(): Storage | null {
	try {
		return globalThis.localStorage ?? null;
	} catch {
		return null;
	}
}
