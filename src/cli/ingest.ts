import type { Config } from '../config.js';
import { ChatbotError } from '../core/errors.js';
import type { Embedder } from '../core/ports.js';
import { factsToKeep } from '../facts/extract-facts.js';
import { updateIndex, type IngestSummary } from '../search/search-index.js';
import type { Command, TextOutput } from './command-context.js';
import { createEmbedder } from './open-services.js';
import { parseCommandArgs } from './parse-command-args.js';
import { ProgressBar } from './progress-bar.js';

/** Below this many article files a run is quick enough that a progress bar would only flicker. */
const PROGRESS_BAR_MINIMUM_FILES = 1_000;


/** Options of `runIngest`. */
export interface RunIngestOptions {
  dataDir: string;
  indexDir: string;
  embedder: Embedder;
  /** Gets the one-line summary. */
  output: TextOutput;
  /** Gets skipped files, the rebuild reason and the progress bar (when a terminal); defaults to `output`. */
  diagnostics?: TextOutput;
  /** Milliseconds, for the reported duration. */
  clock?: () => number;
  /** Article files larger than this are skipped with a line (MAX_ARTICLE_BYTES). */
  maxArticleBytes?: number;
}

/** One line for a file that could not be ingested: file, field (when known) and what is wrong. */
function describeSkipped(error: IngestSummary['errors'][number]): string {
  const prefix = `${error.file}: `;
  const reason = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return `Skipped ${error.file}${error.field ? ` (${error.field})` : ''}: ${reason}`;
}

/** The summary line, e.g. `Ingested 9 articles (2 added, 1 changed, 0 removed, 6 unchanged; 14 chunks embedded) in 0.4 s → data/index`. */
export function formatIngestSummary(summary: IngestSummary, indexDir: string): string {
  const articles = `${summary.articles} article${summary.articles === 1 ? '' : 's'}`;
  const counts = `${summary.added} added, ${summary.changed} changed, ${summary.removed} removed, ${summary.unchanged} unchanged`;
  const chunks = `${summary.chunksEmbedded} chunk${summary.chunksEmbedded === 1 ? '' : 's'} embedded`;
  return `Ingested ${articles} (${counts}; ${chunks}) in ${summary.seconds.toFixed(1)} s → ${indexDir}`;
}

/** Brings the index up to date, reporting each skipped file and the rebuild reason, then one summary line. */
export async function runIngest(options: RunIngestOptions): Promise<IngestSummary> {
  const diagnostics = options.diagnostics ?? options.output;
  let bar: ProgressBar | undefined;
  const onProgress = (done: number, total: number): void => {
    if (!bar && diagnostics.isTTY && total >= PROGRESS_BAR_MINIMUM_FILES) bar = new ProgressBar(diagnostics, 'files');
    bar?.update(done, total);
  };
  let summary: IngestSummary;
  try {
    ({ summary } = await updateIndex({
      dataDir: options.dataDir,
      indexDir: options.indexDir,
      embedder: options.embedder,
      // The facts are kept with each version, so a server (or a replica) never reads the articles for them.
      extract: factsToKeep,
      onProgress,
      lock: { onWait: (holder) => diagnostics.write(`Waiting for ${holder}, which is updating ${options.indexDir}…\n`) },
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.maxArticleBytes ? { maxArticleBytes: options.maxArticleBytes } : {}),
    }));
  } finally {
    bar?.finish();
  }
  for (const error of summary.errors) diagnostics.write(`${describeSkipped(error)}\n`);
  if (summary.rebuildReason) diagnostics.write(`Rebuilt the index: ${summary.rebuildReason}\n`);
  options.output.write(`${formatIngestSummary(summary, options.indexDir)}\n`);
  return summary;
}

/**
 * Makes the `hoiphuong ingest [--data DIR] [--index DIR]` command; `makeEmbedder` is the seam for tests and defaults to
 * the embedder `serve` and `ask` use, so the index they open was built by the same one.
 */
export function createIngestCommand(makeEmbedder: (config: Readonly<Config>) => Embedder | Promise<Embedder> = createEmbedder): Command {
  return async (args, context) => {
    const { values } = parseCommandArgs('ingest', { args, options: { data: { type: 'string' }, index: { type: 'string' } } });
    const dataDir = values.data ?? context.config.dataDir;
    const indexDir = values.index ?? context.config.indexDir;
    let summary: IngestSummary;
    try {
      summary = await runIngest({
        dataDir,
        indexDir,
        embedder: await makeEmbedder(context.config),
        output: context.stdout,
        diagnostics: context.stderr,
        maxArticleBytes: context.config.maxArticleBytes,
      });
    } catch (error) {
      // A missing articles folder is a failed run (exit 1), not a usage mistake (exit 2).
      if (error instanceof ChatbotError && error.code === 'input-invalid') {
        context.stderr.write(`${error.message}\n`);
        return 1;
      }
      throw error;
    }
    return summary.articles === 0 && summary.errors.length > 0 ? 1 : 0;
  };
}

/** `hoiphuong ingest [--data DIR] [--index DIR]`: builds or updates the search index from the articles folder. */
export const ingestCommand: Command = createIngestCommand();
