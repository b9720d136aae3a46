import type { Source, SourceStore } from '../store/source-records.js';
import type { PoliteFetcher } from './polite-fetcher.js';
import { syncSources, type SourceSyncResult } from './sync-sources.js';

/** Options of `startSyncSchedule`. */
export interface SyncScheduleOptions {
  store: SourceStore;
  fetcher: Pick<PoliteFetcher, 'fetch'>;
  articlesDir: string;
  /** Minutes between checks for sources that are due; 0 starts no timer (`tick` still works). */
  intervalMinutes: number;
  /** Re-ingests and swaps the new index in; called after every check, so articles another process saved or ingested come in too. */
  refresh: () => Promise<unknown>;
  log: (line: string) => void;
  now?: () => Date;
  /** See `SyncOptions.placeOf`. */
  placeOf?: (text: string) => string | undefined;
  /** False on a replica that does not lead: it only refreshes, and the leader fetches (default: always fetch). */
  fetchesSources?: () => boolean;
}

/** A running schedule: `tick` runs one check now (what the timer calls); `stop` ends the timer. */
export interface SyncSchedule {
  tick(): Promise<SourceSyncResult[]>;
  stop(): Promise<void>;
}

/** Sources whose `--every` has passed since their last sync (or that never synced). */
export function dueSources(sources: readonly Source[], now: Date): Source[] {
  return sources.filter((source) => source.lastSyncAt === undefined || Date.parse(source.lastSyncAt) + source.everyMinutes * 60_000 <= now.getTime());
}

/**
 * Syncs the sources that are due every `intervalMinutes`, then refreshes the index. Checks never overlap: one that
 * comes while another runs waits for it. A failing check is logged and the next one runs as planned.
 */
export function startSyncSchedule(options: SyncScheduleOptions): SyncSchedule {
  const now = options.now ?? (() => new Date());
  let running: Promise<SourceSyncResult[]> = Promise.resolve([]);
  const check = async (): Promise<SourceSyncResult[]> => {
    const fetches = options.fetchesSources?.() ?? true;
    const due = fetches ? dueSources(await options.store.list(), now()) : [];
    const results = due.length === 0 ? [] : await syncSources({ articlesDir: options.articlesDir, store: options.store, fetcher: options.fetcher, sources: due, now, log: options.log, ...(options.placeOf ? { placeOf: options.placeOf } : {}) });
    for (const result of results) {
      const saved = result.added.length + result.changed.length;
      if (saved > 0 || result.problems.length > 0) options.log(`Synced ${result.source.url}: ${result.added.length} added, ${result.changed.length} changed${result.problems.length > 0 ? `, ${result.problems.length} problem(s)` : ''}`);
    }
    await options.refresh();
    return results;
  };
  const tick = (): Promise<SourceSyncResult[]> => {
    running = running.catch(() => []).then(check);
    return running;
  };
  const timer = options.intervalMinutes > 0
    ? setInterval(() => {
        tick().catch((error: unknown) => options.log(`Scheduled sync failed: ${error instanceof Error ? error.message : String(error)}`));
      }, options.intervalMinutes * 60_000)
    : undefined;
  timer?.unref();
  return {
    tick,
    stop: async () => {
      if (timer) clearInterval(timer);
      await running.catch(() => []);
    },
  };
}
