import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ChatbotError } from '../core/errors.js';
import { message } from '../core/messages.js';
import { loadArticles } from '../ingest/load-articles.js';
import { displayDate, displayTime } from '../core/display-date.js';
import { calendarDate, isCalendarDate } from '../store/calendar-date.js';
import { parsePinLine, toPinLine, type PinLineDefaults } from '../store/pin-lines.js';
import { withStore, type StoreOpener } from './with-store.js';
import type { Store } from '../store/store.js';
import type { Pin } from '../core/ports.js';
import type { Citation } from '../core/types.js';
import { countOf } from './count-of.js';
import { describeArgumentError } from './parse-command-args.js';
import { readTextFile } from './read-text-file.js';
import type { Command, CommandContext } from './command-context.js';

const USAGE = 'Xem / see: hoiphuong pins --help';

/** Finds the article a `--source` names (by id or URL), so the citation gets its title and link. */
export type SourceResolver = (idOrUrl: string) => Citation | undefined;

/** Options of `createPinsCommand`. */
export interface PinsCommandOptions {
  /** Resolves `--source` values; by default the articles in DATA_DIR are read when a source is given. */
  resolveSource?: SourceResolver;
  /** Opens the store; by default the database the settings name. */
  openStore?: StoreOpener;
  /** Clock (also "today" for --review-by) and id generator for imported lines that lack a time or an id. */
  now?: () => Date;
  newId?: () => string;
}

/** A usage mistake: reported as one line with exit code 2. */
class UsageError extends Error {}

/** Builds `hoiphuong pins list|add|remove|export|import`, with injectable source resolution and store. */
export function createPinsCommand(options: PinsCommandOptions = {}): Command {
  return async (args, context) => {
    const [action, ...rest] = args;
    const openStore = options.openStore;
    try {
      switch (action) {
        case 'list':
          return await withStore(openStore, context.config, (store) => listPins(store, rest, context));
        case 'add': {
          const today = calendarDate((options.now ?? (() => new Date()))(), context.config.timeZone);
          const pin = await parseAddArguments(rest, context, today, options.resolveSource);
          return await withStore(openStore, context.config, async (store) => {
            const saved = await store.pins.add(pin);
            context.stdout.write(`Pinned ${saved.id}: ${saved.question}\n`);
            return 0;
          });
        }
        case 'remove': {
          const target = positionalsOf(rest).join(' ').trim();
          if (!target) throw new UsageError('pins remove cần mã ghim hoặc câu hỏi đã ghim (needs a pin id or the pinned question), e.g. hoiphuong pins remove "Giờ tiếp dân?"');
          return await withStore(openStore, context.config, async (store) => {
            if (await store.pins.remove(target)) {
              context.stdout.write(`Removed the pin "${target}".\n`);
              return 0;
            }
            context.stderr.write(`No pin has the id or question "${target}" (see: hoiphuong pins list).\n`);
            return 1;
          });
        }
        case 'export': {
          const file = positionalsOf(rest)[0];
          return await withStore(openStore, context.config, async (store) => {
            const pins = await store.pins.list();
            const text = pins.map((pin) => `${toPinLine(pin)}\n`).join('');
            if (file === undefined || file === '-') {
              context.stdout.write(text);
            } else {
              await writeFile(file, text, 'utf8');
              context.stderr.write(`Exported ${countOf(pins.length, 'pin')} to ${file}.\n`);
            }
            return 0;
          });
        }
        case 'import': {
          const file = positionalsOf(rest)[0];
          if (file === undefined) throw new UsageError('pins import cần một tệp JSON lines, hoặc - để đọc stdin (needs a file, or - for stdin), e.g. hoiphuong pins import pins.jsonl');
          const text = file === '-' ? await readAll(context.stdin) : await readTextFile(file, 'kiểm tra đường dẫn, hoặc dùng - để đọc từ stdin (check the path, or - for stdin)');
          const defaults = {
            newId: options.newId ?? (() => randomUUID()),
            createdAt: (options.now ?? (() => new Date()))().toISOString(),
            pinnedBy: message('pins.default-pinned-by', 'vi'),
          };
          return await withStore(openStore, context.config, (store) => importPins(store, text, defaults, context));
        }
        default:
          throw new UsageError(action ? `Không có thao tác pins "${action}" (unknown pins action) — dùng list, add, remove, export hoặc import.` : 'pins cần một thao tác (needs an action): list, add, remove, export hoặc import.');
      }
    } catch (error) {
      if (error instanceof UsageError || (error instanceof ChatbotError && error.code === 'input-invalid')) {
        context.stderr.write(`${error.message}\n${USAGE}\n`);
        return 2;
      }
      throw error;
    }
  };
}

/** `hoiphuong pins …` with sources resolved from the articles in DATA_DIR. */
export const pinsCommand: Command = createPinsCommand();

/** Runs a `parseArgs` call, turning its complaint about unknown or malformed options into a usage error. */
function checked<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(describeArgumentError(error));
  }
}

function positionalsOf(args: string[]): string[] {
  return checked(() => parseArgs({ args, allowPositionals: true, options: {} })).positionals;
}

async function listPins(store: Store, args: string[], context: CommandContext): Promise<number> {
  const { values } = checked(() => parseArgs({ args, options: { json: { type: 'boolean', default: false } } }));
  const pins = (await store.pins.list()).map((pin) => ({ ...pin, reviewOverdue: store.pins.isReviewOverdue(pin) }));
  if (values.json) {
    context.stdout.write(`${JSON.stringify(pins, null, 2)}\n`);
    return 0;
  }
  if (pins.length === 0) {
    context.stdout.write('No pins yet. Add one with: hoiphuong pins add --question "…" --answer "…"\n');
    return 0;
  }
  for (const pin of pins) {
    const review = pin.reviewBy ? ` · review by ${displayDate(pin.reviewBy)}${pin.reviewOverdue ? ' (OVERDUE)' : ''}` : '';
    const lines = [`${pin.id} · ${countOf(pin.hits, 'hit')}${review}`, `  Q: ${pin.question}`];
    if (pin.alternatives && pin.alternatives.length > 0) lines.push(`  also: ${pin.alternatives.join(' | ')}`);
    lines.push(`  A: ${pin.answer.replace(/\s+/g, ' ')}`);
    const sources = pin.citations.map((citation) => citation.url || citation.id).join(', ');
    lines.push(`  by ${pin.pinnedBy} (${pin.channel}) at ${displayTime(pin.createdAt, context.config.timeZone)}${sources ? ` · sources: ${sources}` : ''}`);
    context.stdout.write(`${lines.join('\n')}\n\n`);
  }
  return 0;
}

async function parseAddArguments(args: string[], context: CommandContext, today: string, resolveSource: SourceResolver | undefined) {
  const { values, positionals } = checked(() =>
    parseArgs({
      args,
      allowPositionals: true,
      options: {
        question: { type: 'string' },
        answer: { type: 'string' },
        alt: { type: 'string', multiple: true },
        source: { type: 'string', multiple: true },
        by: { type: 'string' },
        'review-by': { type: 'string' },
      },
    }),
  );
  if (positionals.length > 0) throw new UsageError(`Thừa đối số "${positionals[0]}" (unexpected argument) — đặt câu hỏi và câu trả lời trong dấu ngoặc kép sau --question và --answer.`);
  if (!values.question?.trim()) throw new UsageError('pins add cần --question "…" (the question to pin).');
  if (!values.answer?.trim()) throw new UsageError('pins add cần --answer "…" (the answer to give).');
  const reviewBy = values['review-by'];
  if (reviewBy !== undefined && !isCalendarDate(reviewBy)) {
    throw new UsageError(`--review-by "${reviewBy}" không phải ngày (not a date) — viết YYYY-MM-DD, ví dụ --review-by 2026-06-30.`);
  }
  // A review date already past would flag the new pin as overdue in the very next report.
  if (reviewBy !== undefined && reviewBy < today) {
    throw new UsageError(
      `--review-by ${reviewBy} đã qua (is in the past): hôm nay là ${displayDate(today)} (${context.config.timeZone}) — chọn hôm nay hoặc một ngày sau, ví dụ --review-by ${today}.`,
    );
  }
  const sources = values.source ?? [];
  const resolve = sources.length > 0 ? (resolveSource ?? (await articleResolver(context))) : undefined;
  const citations = sources.map((source) => {
    const found = resolve?.(source.trim());
    if (found) return found;
    context.stderr.write(`Note: "${source}" is not the id or URL of a known article; it is cited as given.\n`);
    return bareCitation(source.trim());
  });
  return {
    question: values.question,
    alternatives: values.alt ?? [],
    answer: values.answer,
    citations,
    pinnedBy: values.by?.trim() || message('pins.default-pinned-by', 'vi'),
    channel: 'cli' as const,
    ...(reviewBy ? { reviewBy } : {}),
  };
}

function bareCitation(idOrUrl: string): Citation {
  const isUrl = /^https?:\/\//i.test(idOrUrl);
  return { id: idOrUrl, title: '', url: isUrl ? idOrUrl : '', quote: '' };
}

/** Resolves sources against the articles in DATA_DIR; without a readable folder every source is cited as given. */
async function articleResolver(context: CommandContext): Promise<SourceResolver | undefined> {
  try {
    const { articles } = await loadArticles(context.config.dataDir);
    return (idOrUrl) => {
      const article = articles.find((candidate) => candidate.id === idOrUrl || (candidate.url !== '' && candidate.url === idOrUrl));
      if (!article) return undefined;
      return { id: article.id, title: article.title, url: article.url, quote: '', ...(article.published ? { published: article.published } : {}) };
    };
  } catch (error) {
    context.stderr.write(`Note: could not read the articles in ${context.config.dataDir} (${(error as Error).message}); sources are cited as given.\n`);
    return undefined;
  }
}

async function importPins(store: Store, text: string, defaults: PinLineDefaults, context: CommandContext): Promise<number> {
  const pins: Pin[] = [];
  const bad: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parsePinLine(line.normalize('NFC'), defaults);
    if ('pin' in parsed) pins.push(parsed.pin);
    else bad.push(`  line ${index + 1}: ${parsed.error}`);
  });
  const summary = await store.pins.importPins(pins);
  context.stdout.write(`Imported pins: ${summary.added} added, ${summary.updated} updated, ${summary.unchanged} unchanged.\n`);
  if (bad.length === 0) return 0;
  context.stderr.write(`Skipped ${bad.length} bad line${bad.length === 1 ? '' : 's'}:\n${bad.join('\n')}\n`);
  return 1;
}


async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
