import { parseArgs } from 'node:util';
import { isCalendarDate } from '../store/calendar-date.js';
import { formatReport } from '../store/report.js';
import { withStore, type StoreOpener } from './with-store.js';
import type { Language } from '../core/types.js';
import { describeArgumentError } from './parse-command-args.js';
import type { Command } from './command-context.js';

const USAGE = 'Xem / see: hoiphuong report --help';
const DEFAULT_LIMIT = 20;

/** Options of `createReportCommand`. */
export interface ReportCommandOptions {
  /** Opens the store; by default the database the settings name. */
  openStore?: StoreOpener;
}

/** Builds `hoiphuong report`: the most asked unanswered questions, the worst-rated answers and the overdue pins. */
export function createReportCommand(options: ReportCommandOptions = {}): Command {
  return async (args, context) => {
    let values;
    try {
      values = parseArgs({
        args,
        options: {
          json: { type: 'boolean', default: false },
          limit: { type: 'string', default: String(DEFAULT_LIMIT) },
          since: { type: 'string' },
          lang: { type: 'string', default: 'vi' },
        },
      }).values;
    } catch (error) {
      context.stderr.write(`${describeArgumentError(error)}\n${USAGE}\n`);
      return 2;
    }
    const limit = Number(values.limit);
    const problem =
      !Number.isInteger(limit) || limit < 1
        ? `--limit "${values.limit}" must be a whole number of at least 1 (phải là số nguyên từ 1 trở lên), e.g. --limit 20.`
        : values.since !== undefined && !isCalendarDate(values.since) && Number.isNaN(Date.parse(values.since))
          ? `--since "${values.since}" is not a date (không phải ngày) — write it as YYYY-MM-DD, e.g. --since 2025-09-01.`
          : values.lang !== 'vi' && values.lang !== 'en'
            ? `--lang "${values.lang}" must be vi or en (chỉ có vi hoặc en).`
            : undefined;
    if (problem) {
      context.stderr.write(`${problem}\n${USAGE}\n`);
      return 2;
    }
    return withStore(options.openStore, context.config, async (store) => {
      // A day is counted from its start in the ward's time zone (the store converts it); a full time is taken as written.
      const since = values.since === undefined || isCalendarDate(values.since) ? values.since : new Date(values.since).toISOString();
      const report = await store.report({ limit, ...(since ? { since } : {}) });
      context.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report, values.lang as Language)}\n`);
      return 0;
    });
  };
}

/** `hoiphuong report [--json] [--limit N] [--since YYYY-MM-DD] [--lang vi|en]`. */
export const reportCommand: Command = createReportCommand();
