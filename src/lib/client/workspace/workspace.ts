import { parseAlerts, type AlertSpec } from '../../core/alerts/alert-spec';
import { parseChartIndicators, type ChartIndicators } from '../indicators/indicator-store';
import {
	PARAMS,
	resolveSettings,
	toRaw,
	type RawSettings,
	type Settings
} from '../settings/settings';

export const WORKSPACE_FORMAT = 'tickscope-workspace';
export const WORKSPACE_VERSION = 1;

/**
 * Everything the user set up, without market data: the layout (symbols followed, the chart's symbol
 * and interval, source, hosts, retention), alerts and indicators per chart.
 */
export interface Workspace {
	readonly settings: Settings;
	readonly alerts: readonly AlertSpec[];
	readonly indicators: ChartIndicators;
}

/** The workspace as the JSON file the user downloads. */
export function workspaceToJson(workspace: Workspace, exportedAtMs: number): string {
	const file = {
		format: WORKSPACE_FORMAT,
		version: WORKSPACE_VERSION,
		exportedAt: new Date(exportedAtMs).toISOString(),
		layout: toRaw(workspace.settings),
		alerts: workspace.alerts,
		indicators: workspace.indicators
	};
	return `${JSON.stringify(file, null, '\t')}\n`;
}

/** A workspace file read back, or what is wrong with it in words a user can act on. */
export function workspaceFromJson(text: string): { workspace: Workspace } | { error: string } {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		return { error: `Not a workspace file: it is not JSON (${reason})` };
	}
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		return { error: 'Not a workspace file: expected a JSON object' };
	}
	const file = data as Record<string, unknown>;
	if (file.format !== WORKSPACE_FORMAT) {
		return { error: `Not a workspace file: "format" must be "${WORKSPACE_FORMAT}"` };
	}
	if (file.version !== WORKSPACE_VERSION) {
		return {
			error: `Workspace version ${JSON.stringify(file.version)} is not supported (this app reads version ${WORKSPACE_VERSION})`
		};
	}
	const settings = layoutOf(file.layout);
	if ('error' in settings) return settings;
	const alerts = parseAlerts(file.alerts);
	if ('error' in alerts) return { error: `Workspace alerts: ${alerts.error}` };
	const indicators = parseChartIndicators(file.indicators);
	if ('error' in indicators) return { error: `Workspace indicators: ${indicators.error}` };
	return {
		workspace: { settings: settings.settings, alerts: alerts.alerts, indicators: indicators.charts }
	};
}

/** The layout's settings, checked as the URL's are; the first refused value is the error. */
function layoutOf(value: unknown): { settings: Settings } | { error: string } {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return { error: 'Workspace layout must be an object of settings' };
	}
	const raw: RawSettings = {};
	for (const param of PARAMS) {
		const field = (value as Record<string, unknown>)[param];
		if (field === undefined) continue;
		if (typeof field !== 'string') return { error: `Workspace layout: "${param}" must be text` };
		raw[param] = field;
	}
	const { settings, errors } = resolveSettings(raw);
	const [first] = errors;
	if (first !== undefined) return { error: `Workspace layout: ${first.message}` };
	return { settings };
}
