import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ChatbotError } from '../core/errors.js';
import { referenceSummary, scoreAnswer, summarizeScores, summaryLine, type QaItem, type ScoredAnswer, type ScoreSummary, type Tally } from '../core/score-answers.js';
import { countOf } from './count-of.js';
import { openServices } from './open-services.js';
import { parseCommandArgs } from './parse-command-args.js';
import { readTextFile } from './read-text-file.js';
import type { Command } from './command-context.js';
import type { AskResult } from '../core/types.js';

/** The small QA file that ships with the sample articles, so the README's example works from a fresh clone. */
const SAMPLE_QA_FILE = 'data/qa-sample.jsonl';

function parseQaFile(path: string, content: string): QaItem[] {
  const items: QaItem[] = [];
  content.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let value: Partial<QaItem>;
    try {
      value = JSON.parse(line) as Partial<QaItem>;
    } catch {
      throw new ChatbotError('input-invalid', `${path}:${index + 1}: dòng không phải JSON (not valid JSON) — each line is one object such as {"question": "…", "answer_contains": ["…"]}`);
    }
    if (typeof value.question !== 'string' || !value.question.trim()) {
      throw new ChatbotError('input-invalid', `${path}:${index + 1}: thiếu câu hỏi ("question" must be a non-empty string)`);
    }
    items.push({
      ...(value.id ? { id: value.id } : {}),
      question: value.question,
      answer_contains: Array.isArray(value.answer_contains) ? value.answer_contains.map(String) : [],
      sources: Array.isArray(value.sources) ? value.sources.map(String) : [],
      kind: typeof value.kind === 'string' ? value.kind : 'other',
      variant: typeof value.variant === 'string' ? value.variant : 'plain',
    });
  });
  return items;
}

/**
 * `hoiphuong eval QA.jsonl [--data DIR] [--index DIR] [--answers FILE] [--json]`: asks every question, scores the
 * answers with the reference scorer's rules and prints its figures (overall, per kind, per variant), then the failures.
 * `--answers` also writes the answers as `ask --json` lines, for `node ../shared/eval/score.mjs QA.jsonl FILE`.
 */
export const evalCommand: Command = async (args, context) => {
  const { values, positionals } = parseCommandArgs('eval', {
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, data: { type: 'string' }, index: { type: 'string' }, answers: { type: 'string' } },
  });
  const path = positionals[0];
  if (!path) throw new ChatbotError('input-invalid', `eval cần một tệp QA (needs a QA file), e.g. hoiphuong eval ${SAMPLE_QA_FILE}`);
  const items = parseQaFile(path, await readTextFile(path, `kiểm tra đường dẫn; tệp mẫu / a sample: hoiphuong eval ${SAMPLE_QA_FILE}`));
  const services = await openServices(context.config, {
    ...(values.data ? { dataDir: values.data } : {}),
    ...(values.index ? { indexDir: values.index } : {}),
    output: context.stderr,
  });
  const results: AskResult[] = [];
  try {
    for (const item of items) results.push(await services.ask.ask({ text: item.question, channel: 'cli' }));
  } finally {
    await services.close();
  }
  if (values.answers) await writeFile(resolve(values.answers), results.map((result) => `${JSON.stringify(result)}\n`).join(''));
  const scored = items.map((item, index) => scoreAnswer(item, results[index] as AskResult));
  const summary = summarizeScores(scored);
  const failures = scored.filter((entry) => !entry.ok);
  if (values.json) {
    const failed = failures.map((entry) => ({ id: entry.item.id, kind: entry.item.kind, variant: entry.item.variant, question: entry.item.question, why: entry.why, answer: entry.result.answer }));
    context.stdout.write(`${JSON.stringify({ summary: referenceSummary(summary), failures: failed }, null, 1)}\n`);
    return 0;
  }
  context.stdout.write(`${evalReport(summary, failures).join('\n')}\n`);
  return 0;
};

/** The readable report: the reference scorer's line, per kind, per variant (answerable questions), then the failures. */
export function evalReport(summary: ScoreSummary, failures: readonly ScoredAnswer[]): string[] {
  const ambiguousCount = summary.byKind.ambiguous?.total ?? 0;
  const out = [`${countOf(summary.questions, 'question')} · ${summaryLine(summary, ambiguousCount > 0)}`];
  if (ambiguousCount > 0 && summary.ambiguousRefusedAtAll !== summary.ambiguousAskedBack) {
    // The reference scorer counts any refusal of an ambiguous question as asking back; say where the two part.
    const refusedOtherwise = Math.round((summary.ambiguousRefusedAtAll - summary.ambiguousAskedBack) * ambiguousCount);
    out.push(`  (${countOf(refusedOtherwise, 'ambiguous question')} refused for another reason, not asking which place; the reference scorer counts those as asked back: ${(100 * summary.ambiguousRefusedAtAll).toFixed(1)}%)`);
  }
  const rows = (table: Record<string, Tally>) => Object.entries(table).map(([name, row]) => `  ${name.padEnd(16)} ${`${row.ok}/${row.total}`.padStart(7)}  ${percentOf(row)}`);
  out.push('', 'By kind:', ...rows(summary.byKind));
  out.push('', 'By variant (answerable questions):', ...rows(summary.byVariant));
  if (failures.length) {
    out.push('', 'Failures:');
    for (const entry of failures) {
      out.push(`  ${entry.item.id ?? ''} [${entry.item.kind}/${entry.item.variant}] ${entry.item.question}`);
      out.push(`    ${entry.why}`);
      out.push(`    → ${entry.result.answer.slice(0, 200).replace(/\n/g, ' ')}`);
    }
  }
  return out;
}

function percentOf(row: Tally): string {
  return row.total ? `${((100 * row.ok) / row.total).toFixed(1)}%` : 'n/a';
}
