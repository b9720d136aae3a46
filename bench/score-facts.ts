import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { extractFigures } from '../src/facts/extract-figures.js';
import { extractOfficeHolders } from '../src/facts/extract-office-holders.js';
import { loadArticles } from '../src/ingest/load-articles.js';
import type { Article } from '../src/core/types.js';
import { isEntryPoint } from './entry-point.js';

/** Hand-checked facts of some articles: the ward office holders and key figures a reader finds in each. */
interface ExpectedFacts {
  articles: Record<string, { offices: Array<{ person: string; office: string; place: string; former?: boolean }>; figures: Array<{ measure: string; value: number }> }>;
}

/** Precision and recall of one kind of fact, with what was wrong and what was missed. */
export interface FactScore {
  expected: number;
  extracted: number;
  correct: number;
  precision: number;
  recall: number;
  wrong: string[];
  missed: string[];
}

/**
 * Scores extraction against hand-checked lists: an office holder counts when person, office, ward and former/current
 * agree; a figure when measure and normalised value agree (a figure repeated in one article counts once). Only ward
 * office holders are scored (the sheet lists no others), so a province official read as the ward's is a wrong one.
 */
export function scoreFacts(articles: readonly Article[], expected: ExpectedFacts): { offices: FactScore; figures: FactScore } {
  const officeKeys = { expected: new Set<string>(), extracted: new Set<string>() };
  const figureKeys = { expected: new Set<string>(), extracted: new Set<string>() };
  for (const article of articles) {
    const labels = expected.articles[article.id];
    if (!labels) continue;
    for (const office of labels.offices) officeKeys.expected.add(`${article.id} | ${office.person} | ${office.office} | ${office.place}${office.former ? ' | former' : ''}`);
    for (const figure of labels.figures) figureKeys.expected.add(`${article.id} | ${figure.measure} | ${figure.value}`);
    for (const fact of extractOfficeHolders(article)) {
      if (fact.level === 'ward') officeKeys.extracted.add(`${article.id} | ${fact.person} | ${fact.office} | ${fact.place}${fact.former ? ' | former' : ''}`);
    }
    for (const fact of extractFigures(article)) figureKeys.extracted.add(`${article.id} | ${fact.measure} | ${fact.value}`);
  }
  return { offices: score(officeKeys), figures: score(figureKeys) };
}

function score(keys: { expected: Set<string>; extracted: Set<string> }): FactScore {
  const correct = [...keys.extracted].filter((key) => keys.expected.has(key)).length;
  return {
    expected: keys.expected.size,
    extracted: keys.extracted.size,
    correct,
    precision: keys.extracted.size === 0 ? 1 : correct / keys.extracted.size,
    recall: keys.expected.size === 0 ? 1 : correct / keys.expected.size,
    wrong: [...keys.extracted].filter((key) => !keys.expected.has(key)),
    missed: [...keys.expected].filter((key) => !keys.extracted.has(key)),
  };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { expected: { type: 'string', default: 'bench/facts/expected-facts.json' } } });
  const folders = positionals.length > 0 ? positionals : ['../shared/corpus/articles', '../shared/corpus/articles-2'];
  const articles = (await Promise.all(folders.map(async (folder) => (await loadArticles(folder)).articles))).flat();
  const expected = JSON.parse(await readFile(values.expected, 'utf8')) as ExpectedFacts;
  const result = scoreFacts(articles, expected);
  for (const [kind, figures] of Object.entries(result)) {
    process.stdout.write(
      `${kind}: precision ${figures.precision.toFixed(3)} (${figures.correct}/${figures.extracted}), recall ${figures.recall.toFixed(3)} (${figures.correct}/${figures.expected})\n`,
    );
    for (const key of figures.wrong) process.stdout.write(`  wrong:  ${key}\n`);
    for (const key of figures.missed) process.stdout.write(`  missed: ${key}\n`);
  }
}

if (isEntryPoint(import.meta.url)) await main();
