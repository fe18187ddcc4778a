/**
 * The symbol in a public-data file name (`BTCUSDT-aggTrades-2024-08-08.csv`, any directory, `/` or
 * `\` separators), upper-cased, or null when the name is not one. Pure: the page (to ask for a
 * symbol before an import), the worker and the CLI all read names the same way.
 */
export function symbolFromFileName(path: string): string | null {
	const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
	const match = /^([A-Za-z0-9]{2,30})-(?:aggTrades|trades)-\d{4}-\d{2}/.exec(name);
	return match?.[1]?.toUpperCase() ?? null;
}
