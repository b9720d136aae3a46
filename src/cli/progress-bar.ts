import type { TextOutput } from './command-context.js';

const DEFAULT_COLUMNS = 80;
const MINIMUM_BAR_WIDTH = 10;

/**
 * A one-line terminal progress bar (`[#####-----]  45% 45000/100000 chunks`) redrawn in place with `\r`; it redraws
 * only when the whole percentage changes, so it costs nothing for fast runs and needs no clock.
 */
export class ProgressBar {
  private lastPercent = -1;
  private drawn = false;

  constructor(
    private readonly output: TextOutput,
    private readonly unit: string,
  ) {}

  /** Shows `done` of `total`. */
  update(done: number, total: number): void {
    const percent = total > 0 ? Math.floor((100 * Math.min(done, total)) / total) : 100;
    if (percent === this.lastPercent) return;
    this.lastPercent = percent;
    const counts = ` ${String(percent).padStart(3)}% ${done}/${total} ${this.unit}`;
    const width = Math.max(MINIMUM_BAR_WIDTH, (this.output.columns ?? DEFAULT_COLUMNS) - counts.length - 3);
    const filled = Math.round((width * percent) / 100);
    this.output.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${counts}`);
    this.drawn = true;
  }

  /** Ends the bar's line so later output starts on a fresh one. */
  finish(): void {
    if (this.drawn) this.output.write('\n');
    this.drawn = false;
  }
}
