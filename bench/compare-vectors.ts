import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { QaItem } from '../src/core/score-answers.js';
import { learnFromChunks } from '../src/search/corpus-embedder.js';
import { HashingEmbedder } from '../src/search/hashing-embedder.js';
import { fuseRankings, placeFilter } from '../src/search/hybrid-retriever.js';
import { queryTerms } from '../src/search/lexical-terms.js';
import { PlaceGazetteer } from '../src/search/place-gazetteer.js';
import type { Hit } from '../src/search/hit.js';
import { updateIndex, type SearchIndex } from '../src/search/search-index.js';
import { indexedText } from '../src/search/stored-index.js';
import { TopHits } from '../src/search/top-hits.js';
import type { TermVectorOptions } from '../src/search/term-vectors.js';
import { isEntryPoint } from './entry-point.js';
import { sampleQuestions } from './run-bench.js';

/**
 * Side-by-side retrieval quality of BM25 alone, hybrid with the hashed vectors, hybrid with vectors learned from the
 * corpus (PPMI/SVD term vectors, `CorpusEmbedder`) and vectors alone, on question sets with known source articles.
 * A hit is a passage of an expected source article among the first k. Fusion weights and blends are chosen by
 * cross-validation held out by ward: each ward's questions are scored with the setting that did best on the other
 * wards, so no figure is fitted on the wards it reports.
 */

/** Candidates each search gives the fusion, as the hybrid retriever takes them. */
const DEPTH = 40;
/** BM25 weights tried against the vectors' 1 (the retriever ships 16). */
const LEXICAL_WEIGHTS = [1, 2, 4, 8, 16, 32];
/** Shares of the learned vectors in the vector cosine tried (0: hashed only, 1: learned only). */
const BLENDS = [0, 0.25, 0.5, 0.75, 1];
const SHIPPED_LEXICAL_WEIGHT = 16;

/** One question set over one corpus. */
export interface QuestionSet {
  name: string;
  articleDirs: string[];
  questionsFile: string;
  /** Questions sampled at most (bench corpora have thousands). */
  sample?: number;
}

/** Hit rates and mean reciprocal rank (of the first right passage within the first 10) over a set's questions. */
export interface Figures {
  questions: number;
  hitAt1: number;
  hitAt5: number;
  mrr: number;
}

/** What one question's searches ranked: rank (0-based) of the first right passage per setting, −1 when none in 10. */
type Ranks = Map<string, number>;

interface Scored {
  ward: string;
  ranks: Ranks;
}

function figures(ranks: readonly number[]): Figures {
  const count = ranks.length;
  const share = (value: number) => (count ? Math.round((value / count) * 1_000) / 1_000 : Number.NaN);
  return {
    questions: count,
    hitAt1: share(ranks.filter((rank) => rank === 0).length),
    hitAt5: share(ranks.filter((rank) => rank >= 0 && rank < 5).length),
    mrr: share(ranks.reduce((sum, rank) => sum + (rank >= 0 ? 1 / (rank + 1) : 0), 0)),
  };
}

/** Cosines of the query with each label's vector, in the order of `labels`. */
function cosines(query: Float32Array, vectors: ReadonlyMap<number, Float32Array>, labels: readonly number[]): Float32Array {
  const scores = new Float32Array(labels.length);
  labels.forEach((label, position) => {
    const vector = vectors.get(label)!;
    let score = 0;
    for (let index = 0; index < query.length; index += 1) score += query[index]! * vector[index]!;
    scores[position] = score;
  });
  return scores;
}

/** The best `limit` labels by `(1 − blend) · hashed + blend · learned` cosine (exactly what the blended vector scores). */
function blendedRanking(labels: readonly number[], hashed: Float32Array, learned: Float32Array, blend: number, limit: number): Hit[] {
  const top = new TopHits(limit);
  labels.forEach((label, position) => top.offer(label, (1 - blend) * hashed[position]! + blend * learned[position]!));
  return top.sorted();
}

function toFloat(vector: ArrayLike<number>): Float32Array {
  return Float32Array.from(vector);
}

/**
 * Scores every setting on one set, with and without the place filter. The learned vectors are learned from the set's
 * own corpus exactly as ingest learns them.
 */
async function scoreSet(set: QuestionSet, learning: TermVectorOptions, log: (line: string) => void): Promise<{ place: Scored[]; all: Scored[]; chunks: number; learnSeconds: number }> {
  const work = await mkdtemp(join(tmpdir(), 'hoiphuong-vectors-'));
  try {
    const dataDir = join(work, 'articles');
    for (const [position, dir] of set.articleDirs.entries()) await cp(dir, join(dataDir, String(position)), { recursive: true });
    const hashing = new HashingEmbedder();
    const { index } = await updateIndex({ dataDir, indexDir: join(work, 'index'), embedder: hashing });
    const labels = index.articles().flatMap((article) => index.chunkLabels(article.id));
    const textOf = (label: number) => {
      const chunk = index.chunk(label)!;
      return indexedText(index.article(chunk.articleId)!, chunk.text);
    };
    const started = performance.now();
    const model = learnFromChunks(labels, textOf, learning);
    const learnSeconds = (performance.now() - started) / 1_000;
    log(`[vectors] ${set.name}: ${labels.length} chunks; learned ${model.stats.terms} terms × ${model.dimensions} from ${model.stats.tokens} words in ${learnSeconds.toFixed(1)} s`);
    const hashedVectors = new Map<number, Float32Array>();
    const learnedVectors = new Map<number, Float32Array>();
    for (const label of labels) {
      const text = textOf(label);
      hashedVectors.set(label, toFloat(hashing.embed(text)));
      learnedVectors.set(label, model.embed(text) as Float32Array);
    }
    const gazetteer = PlaceGazetteer.fromArticles(index.articles());
    const all = (await readFile(set.questionsFile, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as QaItem);
    const sampled = set.sample !== undefined && set.sample < all.length ? sampleQuestions(all, set.sample, 20_250_815) : all;
    const questions = sampled.filter((item) => item.kind !== 'unanswerable' && item.kind !== 'ambiguous' && item.sources.length > 0 && item.sources.every((id) => index.article(id)));
    const score = (filtered: boolean): Scored[] =>
      questions.map((item) => {
        const filter = filtered ? placeFilter(index, gazetteer, item.question) : undefined;
        const allowed = filter ? [...filter] : labels;
        const lexical = index.lexicalSearch(queryTerms(item.question), DEPTH, filter);
        const hashed = cosines(toFloat(hashing.embed(item.question)), hashedVectors, allowed);
        const learned = cosines(model.embed(item.question) as Float32Array, learnedVectors, allowed);
        const expected = new Set(item.sources);
        const rankOf = (hits: readonly Hit[]) => hits.slice(0, 10).findIndex((hit) => expected.has(index.chunk(hit.label)!.articleId));
        const ranks: Ranks = new Map([['bm25', rankOf(lexical)]]);
        for (const blend of BLENDS) {
          const dense = blendedRanking(allowed, hashed, learned, blend, DEPTH);
          ranks.set(`vectors b${blend}`, rankOf(dense));
          for (const weight of LEXICAL_WEIGHTS) {
            const fused = fuseRankings([{ hits: lexical, weight }, { hits: dense, weight: 1 }], 10);
            ranks.set(`hybrid b${blend} w${weight}`, rankOf(fused));
          }
        }
        return { ward: wardOf(index, item), ranks };
      });
    return { place: score(true), all: score(false), chunks: labels.length, learnSeconds };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The ward (place) of a question: its first source article's place, or the article itself when it names none. */
function wardOf(index: SearchIndex, item: QaItem): string {
  const article = index.article(item.sources[0]!);
  return article?.place ?? item.sources[0]!;
}

/** MRR first, then hit@5, then hit@1: what a setting is chosen by. */
function better(left: Figures, right: Figures): boolean {
  return left.mrr !== right.mrr ? left.mrr > right.mrr : left.hitAt5 !== right.hitAt5 ? left.hitAt5 > right.hitAt5 : left.hitAt1 > right.hitAt1;
}

/**
 * Leave-one-ward-out: each ward's questions get the setting (among `candidates`) that scored best on every other
 * ward's questions; returns the pooled figures and how often each setting was chosen.
 */
export function crossValidated(scored: readonly Scored[], candidates: readonly string[]): { figures: Figures; chosen: Record<string, number> } {
  const wards = [...new Set(scored.map((item) => item.ward))].sort();
  const ranks: number[] = [];
  const chosen: Record<string, number> = {};
  for (const ward of wards) {
    const training = scored.filter((item) => item.ward !== ward);
    let best: { name: string; figures: Figures } | undefined;
    for (const name of candidates) {
      const result = figures(training.map((item) => item.ranks.get(name)!));
      if (!best || better(result, best.figures)) best = { name, figures: result };
    }
    chosen[best!.name] = (chosen[best!.name] ?? 0) + 1;
    for (const item of scored) if (item.ward === ward) ranks.push(item.ranks.get(best!.name)!);
  }
  return { figures: figures(ranks), chosen };
}

/** The rows printed per set and filter. */
export function comparisonRows(scored: readonly Scored[]): Array<{ row: string; figures: Figures; chosen?: Record<string, number> }> {
  const fixed = (name: string) => figures(scored.map((item) => item.ranks.get(name)!));
  const hybrid = (blends: readonly number[]) => blends.flatMap((blend) => LEXICAL_WEIGHTS.map((weight) => `hybrid b${blend} w${weight}`));
  const tuned = (blends: readonly number[]) => crossValidated(scored, hybrid(blends));
  return [
    { row: 'BM25 alone', figures: fixed('bm25') },
    { row: `hybrid, hashed vectors (shipped: BM25 ×${SHIPPED_LEXICAL_WEIGHT})`, figures: fixed(`hybrid b0 w${SHIPPED_LEXICAL_WEIGHT}`) },
    { row: 'hybrid, hashed vectors, weight by ward CV', ...tuned([0]) },
    { row: `hybrid, learned + hashed b0.5, BM25 ×${SHIPPED_LEXICAL_WEIGHT}`, figures: fixed(`hybrid b0.5 w${SHIPPED_LEXICAL_WEIGHT}`) },
    { row: 'hybrid, learned only, weight by ward CV', ...tuned([1]) },
    { row: 'hybrid, blend and weight by ward CV', ...tuned(BLENDS.filter((blend) => blend > 0)) },
    { row: 'vectors alone, hashed', figures: fixed('vectors b0') },
    { row: 'vectors alone, learned + hashed b0.5', figures: fixed('vectors b0.5') },
    { row: 'vectors alone, learned', figures: fixed('vectors b1') },
  ];
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}`.padStart(5);
}

async function main(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      'corpus-dir': { type: 'string', default: join('..', 'shared', 'corpus') },
      'bench-dir': { type: 'string', multiple: true, default: [] },
      'bench-questions': { type: 'string', default: '1500' },
      dimensions: { type: 'string' },
      window: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const corpus = values['corpus-dir'];
  const sets: QuestionSet[] = [
    { name: 'qa-dev (articles)', articleDirs: [join(corpus, 'articles')], questionsFile: join(corpus, 'qa-dev.jsonl') },
    { name: 'qa-dev-2 (articles + articles-2)', articleDirs: [join(corpus, 'articles'), join(corpus, 'articles-2')], questionsFile: join(corpus, 'qa-dev-2.jsonl') },
    ...values['bench-dir'].map((dir) => ({ name: `bench ${dir}`, articleDirs: [join(dir, 'articles')], questionsFile: join(dir, 'qa.jsonl'), sample: Number(values['bench-questions']) })),
  ];
  const learning: TermVectorOptions = {
    ...(values.dimensions ? { dimensions: Number(values.dimensions) } : {}),
    ...(values.window ? { window: Number(values.window) } : {}),
  };
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const report: Record<string, unknown> = {};
  for (const set of sets) {
    const result = await scoreSet(set, learning, log);
    const wards = new Set(result.place.map((item) => item.ward)).size;
    process.stdout.write(`\n## ${set.name}: ${result.place.length} answerable questions, ${wards} wards, ${result.chunks} chunks\n\n`);
    process.stdout.write('| retrieval | place filter: hit@1 | hit@5 | MRR | no filter: hit@1 | hit@5 | MRR |\n|---|---:|---:|---:|---:|---:|---:|\n');
    const withPlace = comparisonRows(result.place);
    const without = comparisonRows(result.all);
    withPlace.forEach((row, position) => {
      const other = without[position]!;
      process.stdout.write(
        `| ${row.row} | ${percent(row.figures.hitAt1)} | ${percent(row.figures.hitAt5)} | ${percent(row.figures.mrr)} | ${percent(other.figures.hitAt1)} | ${percent(other.figures.hitAt5)} | ${percent(other.figures.mrr)} |\n`,
      );
    });
    const choices = withPlace.concat(without).filter((row) => row.chosen);
    for (const row of choices) log(`[vectors] ${set.name} · ${row.row}: chosen ${JSON.stringify(row.chosen)}`);
    report[set.name] = { chunks: result.chunks, learnSeconds: result.learnSeconds, placeFilter: withPlace, noFilter: without };
  }
  if (values.json) await import('node:fs/promises').then((fs) => fs.writeFile(values.json!, `${JSON.stringify(report, null, 2)}\n`));
}

if (isEntryPoint(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
