import { ColorType, type ChartOptions, type DeepPartial } from 'lightweight-charts';

/**
 * Every colour the canvas charts draw with, per theme (issue 15). The canvas cannot read CSS, so
 * these repeat the values of the CSS variables in app.css (`--bg`, `--text-dim`, `--border`,
 * `--up`, `--down`); keep the two in step. Nothing else in lib/chart writes a colour.
 */
export type ThemeName = 'dark' | 'light';

export interface ChartTheme {
	readonly background: string;
	readonly text: string;
	readonly grid: string;
	readonly border: string;
	readonly crosshair: string;
	readonly crosshairLabel: string;
	readonly separatorHover: string;
	readonly up: string;
	readonly down: string;
	readonly buyVolume: string;
	readonly sellVolume: string;
	/** A candle held only in part while the cache restores: muted until it is complete. */
	readonly provisional: string;
	readonly fontFamily: string;
}

const FONT =
	"Inter, ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export const THEMES: Readonly<Record<ThemeName, ChartTheme>> = {
	dark: {
		background: '#0b0e13',
		text: '#8b94a3',
		grid: 'rgba(42, 48, 60, 0.55)',
		border: '#1f2530',
		crosshair: '#7d8696',
		crosshairLabel: '#2a303c',
		separatorHover: 'rgba(93, 102, 117, 0.3)',
		up: '#16c784',
		down: '#ff4d5e',
		buyVolume: 'rgba(22, 199, 132, 0.55)',
		sellVolume: 'rgba(255, 77, 94, 0.45)',
		provisional: 'rgba(139, 148, 163, 0.5)',
		fontFamily: FONT
	},
	light: {
		background: '#ffffff',
		text: '#4a5261',
		grid: 'rgba(200, 206, 216, 0.6)',
		border: '#d8dce3',
		crosshair: '#5a6270',
		crosshairLabel: '#3a4150',
		separatorHover: 'rgba(120, 130, 145, 0.3)',
		up: '#089e62',
		down: '#e0283e',
		buyVolume: 'rgba(8, 158, 98, 0.45)',
		sellVolume: 'rgba(224, 40, 62, 0.35)',
		provisional: 'rgba(139, 148, 163, 0.5)',
		fontFamily: FONT
	}
};

/** The theme a chart starts in, before the page tells it which one is in force. */
export const THEME = THEMES.dark;

/** Indicator lines, in the order indicators are added; bands and MACD use their own. Readable on both themes. */
export const INDICATOR_COLORS = {
	palette: ['#f0b90b', '#4aa3ff', '#c77dff', '#ff8c42', '#2ec4b6', '#8b94a3'],
	band: 'rgba(74, 163, 255, 0.75)',
	signal: '#ff8c42',
	histogramUp: 'rgba(22, 199, 132, 0.5)',
	histogramDown: 'rgba(234, 57, 67, 0.5)'
} as const;

/** Price alert lines: active, and paused. */
export const ALERT_COLORS = { active: '#f0b90b', paused: '#5d6675' } as const;

/** The chart's own colours (background, text, grid, crosshair, scales) in `theme`. */
export function chartColors(theme: ChartTheme): DeepPartial<ChartOptions> {
	return {
		layout: {
			background: { type: ColorType.Solid, color: theme.background },
			textColor: theme.text,
			panes: { separatorColor: theme.border, separatorHoverColor: theme.separatorHover }
		},
		grid: { vertLines: { color: theme.grid }, horzLines: { color: theme.grid } },
		crosshair: {
			vertLine: { color: theme.crosshair, labelBackgroundColor: theme.crosshairLabel },
			horzLine: { color: theme.crosshair, labelBackgroundColor: theme.crosshairLabel }
		},
		rightPriceScale: { borderColor: theme.border },
		timeScale: { borderColor: theme.border }
	};
}

/** The candle series' colours in `theme`. */
export function candleColors(theme: ChartTheme) {
	return {
		upColor: theme.up,
		downColor: theme.down,
		borderUpColor: theme.up,
		borderDownColor: theme.down,
		wickUpColor: theme.up,
		wickDownColor: theme.down
	};
}
