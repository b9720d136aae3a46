/** One bar group of a chart: a label and one value per series. */
export interface ChartBar {
  label: string;
  values: readonly number[];
}

/** Options of `barChartSvg`. */
export interface BarChartOptions {
  /** What the chart shows, read out by screen readers. */
  title: string;
  /** The name of each series, in the order of `ChartBar.values`. */
  series: readonly string[];
  width?: number;
  height?: number;
}

/** Colours of the series: blue, then green, each readable on white (contrast above 3:1). */
const COLOURS = ['#0b5cd5', '#1a7f37', '#9a6700'];

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[character] ?? character);
}

/**
 * A grouped bar chart as inline SVG (no script, no styles, nothing loaded): bars scaled to the largest value, each
 * with a tooltip, the labels along the bottom (every one when they fit, else evenly spaced), and a legend.
 */
export function barChartSvg(bars: readonly ChartBar[], options: BarChartOptions): string {
  const width = options.width ?? 720;
  const height = options.height ?? 220;
  const top = 24;
  const bottom = 36;
  const left = 36;
  const plotHeight = height - top - bottom;
  const plotWidth = width - left - 8;
  const max = Math.max(1, ...bars.flatMap((bar) => bar.values));
  const slot = bars.length ? plotWidth / bars.length : plotWidth;
  const seriesCount = Math.max(1, options.series.length);
  const barWidth = Math.min(48, Math.max(2, (slot * 0.8) / seriesCount));
  const labelEvery = Math.max(1, Math.ceil(bars.length / Math.max(1, Math.floor(plotWidth / 56))));
  const parts: string[] = [];
  parts.push(`<line x1="${left}" y1="${top + plotHeight}" x2="${width - 8}" y2="${top + plotHeight}" stroke="#57606a"/>`);
  parts.push(`<text x="${left - 4}" y="${top + 4}" text-anchor="end" font-size="11" fill="#32383f">${max}</text>`);
  parts.push(`<text x="${left - 4}" y="${top + plotHeight}" text-anchor="end" font-size="11" fill="#32383f">0</text>`);
  bars.forEach((bar, index) => {
    const x0 = left + index * slot + slot * 0.1;
    bar.values.forEach((value, series) => {
      const barHeight = (value / max) * plotHeight;
      const x = x0 + series * barWidth;
      const y = top + plotHeight - barHeight;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${barHeight.toFixed(1)}" fill="${COLOURS[series % COLOURS.length]}"><title>${escapeXml(`${bar.label} — ${options.series[series] ?? ''}: ${value}`)}</title></rect>`,
      );
    });
    if (index % labelEvery === 0) {
      parts.push(`<text x="${(left + index * slot + slot / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" font-size="11" fill="#32383f">${escapeXml(bar.label)}</text>`);
    }
  });
  options.series.forEach((name, series) => {
    const x = left + series * 150;
    parts.push(`<rect x="${x}" y="4" width="12" height="12" fill="${COLOURS[series % COLOURS.length]}"/>`);
    parts.push(`<text x="${x + 16}" y="14" font-size="12" fill="#1f2328">${escapeXml(name)}</text>`);
  });
  const summary = bars.map((bar) => `${bar.label}: ${bar.values.join(' / ')}`).join('; ');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${escapeXml(`${options.title}. ${summary}`)}"><title>${escapeXml(options.title)}</title>${parts.join('')}</svg>`;
}
