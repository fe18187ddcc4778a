import type { ConnectionState } from '../../binance/connection';
import type { WeightBudget } from '../../binance/weight-budget';
import type { ConnectionEventKind, ConnectionRole, DataQuality } from '../../protocol/data-quality';
import type { Ingest } from './ingest';
import type { QualityLog } from './quality-log';
import type { StatusCounters } from './status';

/** The log entry for a connection state change; null for one not worth a line. */
export function connectionEvent(
	state: ConnectionState,
	detail: string
): { kind: ConnectionEventKind; text: string } | null {
	switch (state) {
		case 'connecting':
			return { kind: 'connect', text: detail };
		case 'live':
			return { kind: 'live', text: 'Market data flowing' };
		case 'reconnecting':
			// The connection says "Reconnecting to <host>" when it makes the attempt it announced.
			return detail.startsWith('Reconnecting')
				? { kind: 'connect', text: detail }
				: { kind: 'drop', text: detail };
		case 'offline':
			return { kind: 'offline', text: detail };
		case 'error':
			return { kind: 'error', text: detail };
	}
}

export interface QualitySources {
	readonly symbols: readonly string[];
	readonly connection: ConnectionRole;
	readonly log: QualityLog;
	readonly counters: StatusCounters;
	readonly ingest: Pick<Ingest, 'lastTradeMs'>;
	readonly budget: WeightBudget;
	/** Null when the server clock was not measured. */
	readonly offsetMs: number | null;
	readonly now: number;
}

/** The data-quality part of the status. */
export function dataQuality(sources: QualitySources): DataQuality {
	const { symbols, log, counters, ingest, offsetMs } = sources;
	const latency = counters.latencyPercentiles(offsetMs);
	return {
		symbols: log.symbols(
			symbols,
			(upper) => counters.symbolCounts(upper),
			(upper) => ingest.lastTradeMs(upper)
		),
		connection: sources.connection,
		events: [...log.events],
		clockOffsetMs: offsetMs === null ? null : Math.round(offsetMs),
		latencyP50Ms: latency?.[0] ?? null,
		latencyP99Ms: latency?.[1] ?? null,
		lastTradeAt: counters.lastTradeAt,
		restWeight: sources.budget.used(sources.now)
	};
}
