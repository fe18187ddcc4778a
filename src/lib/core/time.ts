/**
 * Nominal number types keep units apart. Binance speaks milliseconds, and so does all our code;
 * the chart's whole seconds are lightweight-charts' own nominal `UTCTimestamp`, made from
 * `EpochMs` in one place (chart/chart-time.ts).
 */
declare const unit: unique symbol;
type Nominal<T, U extends string> = T & { readonly [unit]: U };

/** Milliseconds since the Unix epoch, UTC (Binance `T`, `E`, kline open times). */
export type EpochMs = Nominal<number, 'EpochMs'>;

export const epochMs = (ms: number): EpochMs => ms as EpochMs;
