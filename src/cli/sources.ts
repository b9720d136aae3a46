import type { Config } from '../config.js';
import { ChatbotError } from '../core/errors.js';
import type { Embedder } from '../core/ports.js';
import { displayTime } from '../core/display-date.js';
import { loadArticles } from '../ingest/load-articles.js';
import { PlaceGazetteer } from '../search/place-gazetteer.js';
import { singlePlaceOf } from '../sources/single-place.js';
import { createSourceFetcher } from '../sources/source-fetcher.js';
import { syncSources, type SourceSyncResult } from '../sources/sync-sources.js';
import type { PoliteFetcher } from '../sources/polite-fetcher.js';
import type { Source } from '../store/source-records.js';
import { withStore, type StoreOpener } from './with-store.js';
import type { Command } from './command-context.js';
import { countOf } from './count-of.js';
import { runIngest } from './ingest.js';
import { createEmbedder } from './open-services.js';
import { parseCommandArgs } from './parse-command-args.js';
import { isHttpUrl } from '../core/http-link.js';

/** Seams of the sources and sync commands, for tests. */
export interface SourcesCommandOptions {
  openStore?: StoreOpener;
  makeFetcher?: (config: Readonly<Config>) => Pick<PoliteFetcher, 'fetch'>;
  makeEmbedder?: (config: Readonly<Config>) => Embedder | Promise<Embedder>;
}

/** How often a source is synced unless `--every` says otherwise. */
const DEFAULT_EVERY_MINUTES = 6 * 60;

/** `6h`, `30m`, `1d` or a bare number of minutes → minutes; undefined when unreadable. */
export function parseEvery(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(m|min|h|d)?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 'm').toLowerCase();
  const minutes = Number(match[1]) * (unit === 'd' ? 1440 : unit === 'h' ? 60 : 1);
  return minutes >= 1 && minutes <= 30 * 1440 ? Math.round(minutes) : undefined;
}

function usage(text: string): ChatbotError {
  return new ChatbotError('input-invalid', `${text} — xem / see: hoiphuong sources --help`);
}

/** Builds `hoiphuong sources add|list|remove`. */
export function createSourcesCommand(options: SourcesCommandOptions = {}): Command {
  return async (args, context) => {
    const [action, ...rest] = args;
    const openStore = options.openStore;
    switch (action) {
      case 'add': {
        const { values, positionals } = parseCommandArgs('sources', {
          args: rest,
          allowPositionals: true,
          options: { place: { type: 'string' }, every: { type: 'string' } },
        });
        const url = positionals[0];
        if (url === undefined || positionals.length > 1) throw usage('sources add cần đúng một URL (needs one URL), e.g. hoiphuong sources add https://phuong.example.vn/rss --place "phường X, tỉnh Y"');
        if (!isHttpUrl(url)) throw usage(`"${url}" không phải URL http(s) (not an http(s) URL)`);
        const everyMinutes = values.every === undefined ? DEFAULT_EVERY_MINUTES : parseEvery(values.every);
        if (everyMinutes === undefined) throw usage(`--every "${values.every}" phải như 30m, 6h hoặc 1d (must look like 30m, 6h or 1d)`);
        const place = values.place?.normalize('NFC').trim() || undefined;
        return withStore(openStore, context.config, async (store) => {
          const source = await store.sources.add(new URL(url).href, { place, everyMinutes });
          context.stdout.write(`Added source ${source.id}: ${source.url} (${place ?? 'no place: articles are kept but flagged "no ward"'}; every ${describeEvery(everyMinutes)})\n`);
          if (place === undefined) context.stderr.write('Tip: --place "phường X, tỉnh Y" tells the bot which ward the articles are about.\n');
          context.stdout.write('Fetch it now with: hoiphuong sync\n');
          return 0;
        });
      }
      case 'list': {
        const { values } = parseCommandArgs('sources', { args: rest, options: { json: { type: 'boolean' } } });
        return withStore(openStore, context.config, async (store) => {
          const sources = await store.sources.list();
          if (values.json) {
            context.stdout.write(`${JSON.stringify(sources)}\n`);
            return 0;
          }
          if (sources.length === 0) {
            context.stdout.write('No sources yet. Add one: hoiphuong sources add URL --place "phường X, tỉnh Y"\n');
            return 0;
          }
          for (const source of sources) context.stdout.write(`${describeSource(source, context.config.timeZone)}\n`);
          return 0;
        });
      }
      case 'remove': {
        const target = rest[0];
        if (target === undefined) throw usage('sources remove cần URL hoặc số thứ tự của nguồn (needs the URL or the id of a source)');
        return withStore(openStore, context.config, async (store) => {
          const source = (await store.sources.find(target)) ?? (isHttpUrl(target) ? await store.sources.find(new URL(target).href) : undefined);
          if (source === undefined || !(await store.sources.remove(source.id))) {
            context.stderr.write(`No source has the URL or id "${target}" (see: hoiphuong sources list).\n`);
            return 1;
          }
          context.stdout.write(`Removed source ${source.id}: ${source.url} (its saved articles stay in the articles folder).\n`);
          return 0;
        });
      }
      default:
        throw usage(action ? `Không có thao tác sources "${action}" (unknown sources action) — dùng add, list hoặc remove` : 'sources cần một thao tác (needs an action): add, list hoặc remove');
    }
  };
}

/** Builds `hoiphuong sync [--dry-run] [--data DIR] [--index DIR]`: fetches every source, then updates the index. */
export function createSyncCommand(options: SourcesCommandOptions = {}): Command {
  return async (args, context) => {
    const { values } = parseCommandArgs('sync', {
      args,
      options: { 'dry-run': { type: 'boolean' }, data: { type: 'string' }, index: { type: 'string' } },
    });
    const openStore = options.openStore;
    const dataDir = values.data ?? context.config.dataDir;
    const indexDir = values.index ?? context.config.indexDir;
    const dryRun = values['dry-run'] === true;
    const results = await withStore(openStore, context.config, async (store): Promise<SourceSyncResult[] | undefined> => {
      if ((await store.sources.list()).length === 0) return undefined;
      const fetcher = (options.makeFetcher ?? ((config) => createSourceFetcher(config)))(context.config);
      const placeOf = singlePlaceOf(PlaceGazetteer.fromArticles(await articlesIn(dataDir)));
      return syncSources({ articlesDir: dataDir, store: store.sources, fetcher, dryRun, placeOf, log: (line) => context.stdout.write(`${line}\n`) });
    });
    if (results === undefined) {
      context.stdout.write('No sources to sync. Add one: hoiphuong sources add URL --place "phường X, tỉnh Y"\n');
      return 0;
    }
    for (const result of results) context.stdout.write(`${describeResult(result, dryRun)}\n`);
    const saved = results.reduce((total, result) => total + result.added.length + result.changed.length, 0);
    if (!dryRun && saved > 0) {
      const embedder = await (options.makeEmbedder ?? createEmbedder)(context.config);
      await runIngest({ dataDir, indexDir, embedder, output: context.stdout, diagnostics: context.stderr });
    }
    return results.some((result) => result.problems.length > 0 && result.added.length + result.changed.length + result.unchanged === 0) ? 1 : 0;
  };
}

/** The articles already in the folder (none when it does not exist yet), whose places the gazetteer knows. */
async function articlesIn(dataDir: string) {
  try {
    return (await loadArticles(dataDir)).articles;
  } catch (error) {
    // A folder that does not exist yet is the first sync's; sync creates it.
    if (error instanceof ChatbotError && error.code === 'input-invalid') return [];
    throw error;
  }
}

function describeSource(source: Source, timeZone: string): string {
  const lines = [`${source.id}. ${source.url}`, `   ${source.place ?? 'no place'} · every ${describeEvery(source.everyMinutes)}`];
  lines.push(
    source.lastSyncAt === undefined
      ? '   never synced'
      : `   last sync ${displayTime(source.lastSyncAt, timeZone)} · ${countOf(source.articleCount, 'article')}${source.noPlaceCount > 0 ? ` · ${source.noPlaceCount} without a ward ("no ward": add --place or place: in the file)` : ''}`,
  );
  if (source.lastError) lines.push(`   error: ${source.lastError}`);
  return lines.join('\n');
}

function describeResult(result: SourceSyncResult, dryRun: boolean): string {
  const head = `${result.source.url}: `;
  if (dryRun) {
    return `${head}would fetch ${countOf(result.wouldFetch.length, 'page')}${result.wouldFetch.map((url) => `\n  ${url}`).join('')}${result.problems.map((problem) => `\n  problem: ${problem}`).join('')}`;
  }
  const counts = `${result.added.length} added, ${result.changed.length} changed, ${result.unchanged} unchanged, ${result.duplicates} duplicate${result.duplicates === 1 ? '' : 's'}`;
  return `${head}${counts}${result.problems.map((problem) => `\n  problem: ${problem}`).join('')}`;
}

function describeEvery(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  return `${minutes}m`;
}

export const sourcesCommand: Command = createSourcesCommand();
export const syncCommand: Command = createSyncCommand();
