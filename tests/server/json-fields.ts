/** Typed reads of parsed JSON, throwing with the field name when a recording holds something else. */

export type JsonObject = Readonly<Record<string, unknown>>;

export function asObject(value: unknown, what: string): JsonObject {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new Error(`${what}: expected an object`);
	}
	return value as JsonObject;
}

export function num(obj: JsonObject, key: string): number {
	const value = obj[key];
	if (typeof value !== 'number') throw new Error(`field ${key}: expected a number`);
	return value;
}

export function str(obj: JsonObject, key: string): string {
	const value = obj[key];
	if (typeof value !== 'string') throw new Error(`field ${key}: expected a string`);
	return value;
}

export function bool(obj: JsonObject, key: string): boolean {
	const value = obj[key];
	if (typeof value !== 'boolean') throw new Error(`field ${key}: expected a boolean`);
	return value;
}

/** `[[price, qty], ...]` */
export function levels(obj: JsonObject, key: string): (readonly [string, string])[] {
	const value = obj[key];
	if (!Array.isArray(value)) throw new Error(`field ${key}: expected an array of levels`);
	return value.map((level: unknown) => {
		if (!Array.isArray(level) || typeof level[0] !== 'string' || typeof level[1] !== 'string') {
			throw new Error(`field ${key}: expected [price, qty] string pairs`);
		}
		return [level[0], level[1]] as const;
	});
}
