/**
 * Malformed frames for the `garbage` fault, each built from a real frame of a stream the client
 * subscribed to, so a client sees them where good data would be. Variants rotate:
 * 0 invalid JSON (cut in half), 1 wrong field types, 2 unknown stream / event, 3 negative quantity,
 * 4 a payload that is not an object.
 */
export const GARBAGE_VARIANTS = 5;

function wrap(stream: string, data: string, combined: boolean): string {
	return combined ? `{"stream":"${stream}","data":${data}}` : data;
}

function wrongTypes(data: string): string {
	const parsed: unknown = JSON.parse(data);
	if (typeof parsed !== 'object' || parsed === null) return '{"e":null}';
	const flipped = Object.fromEntries(
		Object.entries(parsed).map(([key, value]): [string, unknown] => {
			if (typeof value === 'number') return [key, 'NaN'];
			if (typeof value === 'string') return [key, null];
			if (typeof value === 'boolean') return [key, 'yes'];
			return [key, {}];
		})
	);
	return JSON.stringify(flipped);
}

function negativeQuantity(data: string): string | null {
	if (data.includes('"q":"')) return data.replace('"q":"', '"q":"-');
	const level = /\["[0-9.]+","/.exec(data);
	if (!level) return null;
	const at = level.index + level[0].length;
	return `${data.slice(0, at)}-${data.slice(at)}`;
}

export function garbageFrame(
	variant: number,
	stream: string,
	data: string,
	combined: boolean
): string {
	switch (variant % GARBAGE_VARIANTS) {
		case 0: {
			const good = wrap(stream, data, combined);
			return good.slice(0, Math.max(1, Math.floor(good.length / 2)));
		}
		case 1:
			return wrap(stream, wrongTypes(data), combined);
		case 2: {
			const symbol = stream.split('@')[0] ?? 'x';
			return combined
				? `{"stream":"${symbol}@noSuchStream","data":${data}}`
				: '{"e":"noSuchEvent","E":0,"s":"?"}';
		}
		case 3:
			return wrap(stream, negativeQuantity(data) ?? wrongTypes(data), combined);
		default:
			return wrap(stream, '[1,2,3]', combined);
	}
}
