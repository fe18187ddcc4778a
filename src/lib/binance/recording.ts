/**
 * Lines of the recorded Binance sessions in shared/fixtures (and of recordings users import):
 * - hftbacktest: `<receive time ns, or µs> <raw JSON>`; JSON is a combined-stream frame or a REST
 *   depth snapshot body.
 * - cryptofeed: a `configuration: ...` line and the stream URL line (`wss://... <-> <secs>`), then
 *   `<unix secs>: <raw combined-stream JSON>`, and REST lines `<url> -> <unix secs>: <raw JSON>`.
 * Parsing a line only splits it; the JSON text is left for the wire layer.
 */
export type RecordedLine =
	| { readonly kind: 'frame'; readonly receivedAtMs: number; readonly json: string }
	| {
			readonly kind: 'rest';
			readonly url: string | null;
			readonly receivedAtMs: number;
			readonly json: string;
	  }
	| { readonly kind: 'meta'; readonly text: string }
	| { readonly kind: 'blank' };

export interface RecordingLineError {
	readonly kind: 'error';
	readonly message: string;
}

// REST bodies are objects (depth, exchangeInfo) or arrays (klines, aggTrades pages).
const REST_LINE = /^(\S+) -> (\d+(?:\.\d+)?): ([{[].*)$/;
const CRYPTOFEED_LINE = /^(\d+(?:\.\d+)?): (\{.*)$/;
const HFT_LINE = /^(\d{13,20}) (\{.*)$/;

/** Receive stamps come in ns (19 digits), µs (16) or ms (13): scale to ms by magnitude. */
function stampToMs(digits: string): number {
	const value = Number(digits);
	if (value >= 1e17) return value / 1e6;
	if (value >= 1e14) return value / 1e3;
	return value;
}

const NOT_A_LINE: RecordingLineError = {
	kind: 'error',
	message:
		'not a recording line: expected "<time> <json>", "<secs>: <json>" or "<url> -> <secs>: <json>"'
};

/** Splits one recording line; a JSON body that is a REST answer rather than a stream frame becomes `rest`. */
export function parseRecordingLine(line: string): RecordedLine | RecordingLineError {
	const text = line.trim();
	if (text === '') return { kind: 'blank' };
	return hftLine(text) ?? cryptofeedLine(text) ?? restLine(text) ?? metaLine(text) ?? NOT_A_LINE;
}

/** `<receive time> <json>`: a stream frame, or else a REST body. */
function hftLine(text: string): RecordedLine | null {
	const hft = HFT_LINE.exec(text);
	if (!hft) return null;
	const [, stamp = '', json = ''] = hft;
	const receivedAtMs = stampToMs(stamp);
	return json.startsWith('{"stream"')
		? { kind: 'frame', receivedAtMs, json }
		: { kind: 'rest', url: null, receivedAtMs, json };
}

/** `<unix secs>: <json>`: a stream frame. */
function cryptofeedLine(text: string): RecordedLine | null {
	const feed = CRYPTOFEED_LINE.exec(text);
	if (!feed) return null;
	const [, secs = '', json = ''] = feed;
	return { kind: 'frame', receivedAtMs: Number(secs) * 1000, json };
}

/** `<url> -> <unix secs>: <json>`: a REST answer. */
function restLine(text: string): RecordedLine | null {
	const rest = REST_LINE.exec(text);
	if (!rest) return null;
	const [, url = '', secs = '', json = ''] = rest;
	return { kind: 'rest', url, receivedAtMs: Number(secs) * 1000, json };
}

/** cryptofeed's `configuration: ...` and stream URL lines. */
function metaLine(text: string): RecordedLine | null {
	return text.startsWith('configuration:') || /^wss?:\/\/\S+ <-> /.test(text)
		? { kind: 'meta', text }
		: null;
}
