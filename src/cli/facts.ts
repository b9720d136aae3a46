import { ChatbotError } from '../core/errors.js';
import { factSheetJson, formatFactSheet } from '../facts/format-fact-sheet.js';
import { factsToKeep } from '../facts/extract-facts.js';
import { FactBook } from '../facts/fact-book.js';
import { loadFactBook } from '../facts/load-fact-book.js';
import { updateIndex } from '../search/search-index.js';
import type { Command } from './command-context.js';
import { createEmbedder } from './open-services.js';
import { parseCommandArgs } from './parse-command-args.js';

/**
 * `hoiphuong facts [PLACE] [--json] [--history] [--data DIR] [--index DIR]`: brings the index up to date, then prints
 * the fact sheet of the ward PLACE names (of every ward without PLACE): current office holders as of the newest
 * article, key figures newest first, each with its quote and article; `--history` adds earlier holders and figures.
 */
export const factsCommand: Command = async (args, context) => {
  const { values, positionals } = parseCommandArgs('facts', {
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      history: { type: 'boolean', default: false },
      data: { type: 'string' },
      index: { type: 'string' },
    },
  });
  const dataDir = values.data ?? context.config.dataDir;
  const indexDir = values.index ?? context.config.indexDir;
  const lock = { onWait: (holder: string) => context.stderr.write(`Waiting for ${holder}, which is updating ${indexDir}…\n`) };
  const { index, summary } = await updateIndex({ dataDir, indexDir, embedder: await createEmbedder(context.config), lock, extract: factsToKeep });
  for (const error of summary.errors) context.stderr.write(`Skipped ${error.message}\n`);
  const kept = index.articleExtracts?.();
  const book = kept ? FactBook.fromExtracts(kept, (id) => index.article(id)) : await loadFactBook(dataDir);
  const query = positionals.join(' ').normalize('NFC').trim();
  const places = query ? book.findPlaces(query) : book.places();
  if (places.length === 0) {
    const known = book.places();
    const hint = known.length > 0 ? ` Có / known: ${known.join('; ')}` : '';
    throw new ChatbotError('input-invalid', query ? `Không có thông tin về "${query}" trong các bài viết (no facts for this place).${hint}` : 'Các bài viết chưa nêu thông tin nào về phường, xã (no facts found).');
  }
  const options = { history: values.history };
  const sheets = places.map((place) => book.sheet(place));
  if (values.json) context.stdout.write(`${JSON.stringify({ places: sheets.map((sheet) => factSheetJson(sheet, options)) })}\n`);
  else context.stdout.write(`${sheets.map((sheet) => formatFactSheet(sheet, options)).join('\n\n')}\n`);
  return 0;
};
