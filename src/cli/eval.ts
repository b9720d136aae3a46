import { ChatbotError } from '../core/errors.js';
import { scoreAnswer, summarizeScores, type QaItem, type ScoredAnswer } from '../core/score-answers.js';
import { openServices } from './open-services.js';
import { parseCommandArgs } from './parse-command-args.js';
import { readTextFile } from './read-text-file.js';
import { countOf } from './count-of.js';
import type { Command } from './command-context.js';

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

/** The small QA file that ships with the sample articles, so the README's example works from a fresh clone. */
const SAMPLE_QA_FILE = 'data/qa-sample.jsonl';

const percent = (value: number) => (Number.isNaN(value) ? 'n/a' : `${(100 * value).toFixed(1)}%`);

/** `hoiphuong eval QA.jsonl [--data DIR] [--index DIR] [--json]`: accuracy per kind and variant, then the failures. */
export const evalCommand: Command = async (args, context) => {
  const { values, positionals } = parseCommandArgs('eval', {
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, data: { type: 'string' }, index: { type: 'string' } },
  });
  const path = positionals[0];
  if (!path) throw new ChatbotError('input-invalid', `eval cần một tệp QA (needs a QA file), e.g. hoiphuong eval ${SAMPLE_QA_FILE}`);
  const content = await readTextFile(path, `kiểm tra đường dẫn; tệp mẫu / a sample: hoiphuong eval ${SAMPLE_QA_FILE}`);
  const items = parseQaFile(path, content);
  const services = await openServices(context.config, {
    ...(values.data ? { dataDir: values.data } : {}),
    ...(values.index ? { indexDir: values.index } : {}),
    output: context.stderr,
  });
  const scored: ScoredAnswer[] = [];
  for (const item of items) {
    const result = await services.ask.ask({ text: item.question, channel: 'cli' });
    scored.push(scoreAnswer(item, result));
  }
  await services.close();
  const summary = summarizeScores(scored);
  if (values.json) {
    context.stdout.write(`${JSON.stringify({ summary, failures: scored.filter((entry) => !entry.ok).map((entry) => ({ id: entry.item.id, question: entry.item.question, why: entry.why, answer: entry.result.answer })) }, null, 1)}\n`);
    return 0;
  }
  const out: string[] = [];
  out.push(`${countOf(summary.questions, 'question')} · answerable ${percent(summary.answerableAccuracy)} · unanswerable refused ${percent(summary.unanswerableRefusal)}`);
  out.push('', 'By kind:');
  for (const [kind, row] of Object.entries(summary.byKind)) out.push(`  ${kind.padEnd(14)} ${row.ok}/${row.total}`);
  out.push('', 'By variant:');
  for (const [variant, row] of Object.entries(summary.byVariant)) out.push(`  ${variant.padEnd(14)} ${row.ok}/${row.total}`);
  const failures = scored.filter((entry) => !entry.ok);
  if (failures.length) {
    out.push('', 'Failures:');
    for (const entry of failures) {
      out.push(`  ${entry.item.id ?? ''} [${entry.item.kind}/${entry.item.variant}] ${entry.item.question}`);
      out.push(`    ${entry.why}`);
      out.push(`    → ${entry.result.answer.slice(0, 200).replace(/\n/g, ' ')}`);
    }
  }
  context.stdout.write(`${out.join('\n')}\n`);
  return 0;
};
