/**
 * Runs the Binance test server by hand or from Playwright:
 *   npx tsx tests/server/main.ts --port 18443 --speed 10
 * Options: --host H, --port N, --speed X, --loop, --fault F, --recordings a.gz,b.gz,
 *   --synthetic BTCUSDT:10000 (symbol:aggTrades per second), --tick-ms N, --expose-headers,
 *   --history-ms N (the clock starts N ms after the recordings' start: REST shows what lies
 *   before it as history, streams begin at it)
 */
import { parseArgs } from 'node:util';
import { isFault, isHistoryMs } from './control.ts';
import { startBinanceServer, type BinanceServerOptions } from './server.ts';

function positive(name: string, text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	const value = Number(text);
	if (!(value > 0) || !Number.isFinite(value))
		throw new Error(`--${name} must be a positive number`);
	return value;
}

function wholeMs(name: string, text: string | undefined): number | undefined {
	if (text === undefined) return undefined;
	const value = Number(text);
	if (!isHistoryMs(value)) throw new Error(`--${name} must be a whole number of ms, 0 or more`);
	return value;
}

/** `BTCUSDT:1000`, or several comma-separated: `BTCUSDT:500,ETHUSDT:500`. */
function synthetic(text: string | undefined): BinanceServerOptions['synthetic'] {
	if (text === undefined) return null;
	const list = text.split(',').map((item) => {
		const [symbol = '', rate] = item.split(':');
		return { symbol: symbol.toUpperCase(), rate: positive('synthetic rate', rate) ?? 1000 };
	});
	return list.length === 1 ? (list[0] ?? null) : list;
}

function options(argv: string[]): BinanceServerOptions {
	const { values } = parseArgs({
		args: argv,
		options: {
			host: { type: 'string' },
			port: { type: 'string' },
			speed: { type: 'string' },
			loop: { type: 'boolean' },
			fault: { type: 'string' },
			recordings: { type: 'string' },
			synthetic: { type: 'string' },
			'tick-ms': { type: 'string' },
			'expose-headers': { type: 'boolean' },
			'history-ms': { type: 'string' }
		}
	});
	if (values.fault !== undefined && !isFault(values.fault))
		throw new Error(`unknown --fault ${values.fault}`);
	return {
		host: values.host,
		port: values.port === undefined ? 18443 : Number(values.port),
		speed: positive('speed', values.speed),
		historyMs: wholeMs('history-ms', values['history-ms']),
		loop: values.loop,
		fault: isFault(values.fault) ? values.fault : undefined,
		recordings: values.recordings?.split(',').filter((name) => name !== ''),
		synthetic: synthetic(values.synthetic),
		tickMs: positive('tick-ms', values['tick-ms']),
		corsExposeHeaders: values['expose-headers']
	};
}

const server = await startBinanceServer(options(process.argv.slice(2)));
const state = server.state();
console.log(
	`Binance test server at ${server.httpUrl} (streams ${server.wsUrl}/stream?streams=...)`
);
console.log(
	`symbols ${state.symbols.join(', ')}; replay ${new Date(state.clock.startMs).toISOString()} -> ` +
		`${new Date(state.clock.endMs).toISOString()} at speed ${state.clock.speed}${state.loop ? ', looping' : ''}` +
		(state.clock.historyMs > 0 ? `, ${state.clock.historyMs} ms of history` : '')
);
const stop = () => {
	server.close().then(
		() => process.exit(0),
		() => process.exit(1)
	);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
