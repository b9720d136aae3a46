/** Percentiles of a set of timings, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** Summarises timings with nearest-rank percentiles (no interpolation, so p99 of 100 samples is the 99th). */
export function summarizeLatencies(milliseconds: readonly number[]): LatencySummary {
  const sorted = [...milliseconds].sort((left, right) => left - right);
  const rank = (share: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? Number.NaN;
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return {
    count: sorted.length,
    p50: round(rank(0.5)),
    p95: round(rank(0.95)),
    p99: round(rank(0.99)),
    mean: round(sorted.length ? total / sorted.length : Number.NaN),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
  };
}

/** Runs `task` on each item in turn, timing each call; returns the timings and the results in order. */
export async function timeEach<Item, Result>(
  items: readonly Item[],
  task: (item: Item) => Promise<Result> | Result,
): Promise<{ milliseconds: number[]; results: Result[] }> {
  const milliseconds: number[] = [];
  const results: Result[] = [];
  for (const item of items) {
    const started = performance.now();
    results.push(await task(item));
    milliseconds.push(performance.now() - started);
  }
  return { milliseconds, results };
}

/** Rounds to three significant decimals for reports. */
export function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
