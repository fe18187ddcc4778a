/** Chart colours; they match the CSS variables in app.css (the canvas cannot read CSS). */
export const THEME = {
	background: '#0b0e13',
	text: '#8b94a3',
	grid: 'rgba(42, 48, 60, 0.55)',
	border: '#1f2530',
	crosshair: '#7d8696',
	up: '#16c784',
	down: '#ff4d5e',
	buyVolume: 'rgba(22, 199, 132, 0.55)',
	sellVolume: 'rgba(255, 77, 94, 0.45)',
	/** A candle held only in part while the cache restores: muted until it is complete. */
	provisional: 'rgba(139, 148, 163, 0.5)',
	fontFamily:
		"Inter, ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
} as const;
