import { afterEach } from 'vitest';

/**
 * For specs that open databases: `kept(opening)` resolves to the opened handle and closes it after
 * the test, so one test's open connection never blocks the next one's upgrade or delete. Call it
 * once at the top of a spec file.
 */
export function useClosedAfterEach(): <T extends { close(): void }>(
	opening: Promise<T>
) => Promise<T> {
	const handles: { close(): void }[] = [];
	afterEach(() => {
		for (const handle of handles.splice(0)) handle.close();
	});
	return async (opening) => {
		const handle = await opening;
		handles.push(handle);
		return handle;
	};
}
