/** Nominal number types keep units apart: Binance speaks milliseconds, the chart seconds. */
declare const unit: unique symbol;
type Nominal<T, U extends string> = T & { readonly [unit]: U };

/** Milliseconds since the Unix epoch, UTC (Binance `T`, `E`, kline open times). */
export type EpochMs = Nominal<number, 'EpochMs'>;
/** Whole seconds since the Unix epoch, UTC: only the chart layer uses it. */
export type UnixSec = Nominal<number, 'UnixSec'>;

export const epochMs = (ms: number): EpochMs => ms as EpochMs;
