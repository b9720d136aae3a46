import type { BenchResult } from './run-bench.js';

/** One target of issue 7, checked against this run's figure. */
export interface TargetCheck {
  target: string;
  /** The bound as stated, e.g. `≤ 60 s`. */
  bound: string;
  measured: number;
  unit: string;
  met: boolean;
  /** How far off a missed target is, e.g. `1.8× over`. */
  gap?: string;
}

/** Corpora from this size on are checked against issue 18's bounds for 1,000,000 chunks, smaller ones against issue 7's for 100k. */
const MILLION_SCALE = 500_000;

/** The issue's targets (issue 7's for 100k chunks, issue 18's for 1M; both on 2 cores) against a run's figures. */
export function targetsOf(result: Omit<BenchResult, 'targets'>): TargetCheck[] {
  const atMost = (target: string, measured: number, limit: number, unit: string): TargetCheck => ({
    target,
    bound: `≤ ${limit} ${unit}`,
    measured,
    unit,
    met: measured <= limit,
    ...(measured > limit ? { gap: `${(measured / limit).toFixed(2)}× the bound` } : {}),
  });
  const atLeast = (target: string, measured: number, limit: number, unit: string): TargetCheck => ({
    target,
    bound: `≥ ${limit}${unit ? ` ${unit}` : ''}`,
    measured,
    unit,
    met: measured >= limit,
    ...(measured < limit ? { gap: `${(limit - measured).toFixed(3)} short` } : {}),
  });
  if (result.settings.targetChunks >= MILLION_SCALE) {
    return [
      atMost('ingest with the offline embedder', result.ingest.seconds, 900, 's'),
      atMost('unchanged re-ingest', result.ingest.reingestSeconds, 30, 's'),
      atMost('cold start: load the index and answer', result.coldStart.totalSeconds, 10, 's'),
      atMost('full offline answer p95, single client', result.query.answer.p95, 50, 'ms'),
      atMost('peak RSS (ingest or serving)', Math.max(result.ingest.peakRssMegabytes, result.serving.peakRssMegabytes, result.coldStart.peakRssMegabytes), 3000, 'MB'),
      atLeast('hybrid hit@5 on the synthetic questions', result.query.hits.hybrid.hitAt5, 0.95, ''),
    ];
  }
  const langchain = result.comparison?.rows.find((row) => row.name.startsWith('LangChain'));
  return [
    atMost('ingest with the offline embedder', result.ingest.seconds, 60, 's'),
    atMost('unchanged re-ingest', result.ingest.reingestSeconds, 3, 's'),
    atMost('cold start: load the index and answer', result.coldStart.totalSeconds, 2, 's'),
    atMost('full offline answer p95, single client', result.query.answer.p95, 20, 'ms'),
    atMost('peak RSS (ingest or serving)', Math.max(result.ingest.peakRssMegabytes, result.serving.peakRssMegabytes), 600, 'MB'),
    atLeast('vector recall@10 against exact search', result.comparison?.recallAt10 ?? Number.NaN, 0.98, ''),
    atLeast('hybrid hit@5 on the synthetic questions', result.query.hits.hybrid.hitAt5, 0.95, ''),
    atLeast('queries faster than LangChain in-memory store', langchain?.oursFasterBy ?? Number.NaN, 20, '×'),
  ];
}

/** The run as a plain-text table for the terminal. */
export function formatReport(result: BenchResult): string {
  const { corpus, ingest, coldStart, serving, query, comparison } = result;
  const number = (value: number | undefined, digits = 2) => (value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits));
  const share = (value: number) => (Number.isNaN(value) ? '–' : `${(100 * value).toFixed(1)}%`);
  const lines: string[] = [];
  lines.push(
    `Hỏi Phường bench "${result.name}" — ${result.date} — code ${result.revision} — ${result.machine.cpus} cores (${result.machine.cpuModel}), ${result.machine.memoryGibibytes} GiB, Node ${result.machine.node}, load average ${result.machine.loadAverage.start} → ${result.machine.loadAverage.end}`,
    `corpus: ${corpus.articles} articles about ${corpus.places} places, ${corpus.chunks} chunks; embedder ${result.settings.embedder} (${result.settings.dimensions} dims); index ${corpus.indexMegabytes} MB on disk`,
    '',
  );
  lines.push(
    table(
      ['ingest', 'chunks/s', 'total s', 'unchanged re-ingest s', 'all files touched s', 'peak RSS MB'],
      [
        [
          'fresh index',
          String(ingest.chunksPerSecond),
          number(ingest.seconds),
          number(ingest.reingestSeconds),
          number(ingest.touchedReingestSeconds),
          String(ingest.peakRssMegabytes),
        ],
      ],
    ),
    '',
    table(
      ['start-up (fresh process)', 'modules s', 'open index s', 'first answer s', 'total s', 'peak RSS MB'],
      [
        ['openIndex + first answer', number(coldStart.moduleLoadSeconds), number(coldStart.openIndexSeconds), number(coldStart.firstAnswerSeconds), number(coldStart.totalSeconds), String(coldStart.peakRssMegabytes)],
        ['openServices (as npm start) + first answer', '', number(serving.openServicesSeconds), number(serving.firstAnswerSeconds), number(serving.totalSeconds), `${serving.peakRssMegabytes} (after HTTP runs)`],
      ],
    ),
    '',
    table(
      ['query latency (ms)', 'n', 'p50', 'p95', 'p99', 'max'],
      [
        ['retrieval alone (hybrid, 12 passages)', query.retrieval, ''],
        ['full offline answer (in process)', query.answer, ''],
        ['HTTP POST /api/ask, 1 client', query.httpSingle.latency, ` ${query.httpSingle.requestsPerSecond} req/s`],
        [`HTTP POST /api/ask, ${query.httpConcurrent.clients} clients`, query.httpConcurrent.latency, ` ${query.httpConcurrent.requestsPerSecond} req/s`],
      ].map(([label, latency, note]) => {
        const summary = latency as BenchResult['query']['answer'];
        return [`${label as string}${note as string}`, String(summary.count), number(summary.p50), number(summary.p95), number(summary.p99), number(summary.max)];
      }),
    ),
  );
  if (query.httpSingle.failures + query.httpConcurrent.failures > 0) {
    lines.push(`HTTP failures: ${query.httpSingle.failures + query.httpConcurrent.failures} (first: ${query.httpSingle.firstFailure ?? query.httpConcurrent.firstFailure})`);
  }
  lines.push(
    '',
    `quality on ${result.settings.questions} sampled questions: answer accuracy ${share(query.accuracy.answerableAccuracy)} (answerable), unanswerable refused ${share(query.accuracy.unanswerableRefusal)}`,
    `  retrieval hit@1 / hit@5 (place filter): hybrid ${share(query.hits.hybrid.hitAt1)} / ${share(query.hits.hybrid.hitAt5)}, vector only ${share(query.hits.vectorOnly.hitAt1)} / ${share(query.hits.vectorOnly.hitAt5)}, BM25 only ${share(query.hits.lexicalOnly.hitAt1)} / ${share(query.hits.lexicalOnly.hitAt5)}`,
    `  place named by the question found: exactly ${share(query.placeDetection.exact)}, with other places too ${share(query.placeDetection.extra)}, missed ${share(query.placeDetection.missed)}`,
    `  by kind: ${Object.entries(query.accuracy.byKind).map(([kind, row]) => `${kind} ${row.ok}/${row.total}`).join(', ')}`,
    `  by variant: ${Object.entries(query.accuracy.byVariant).map(([variant, row]) => `${variant} ${row.ok}/${row.total}`).join(', ')}`,
  );
  if (comparison) {
    lines.push(
      '',
      table(
      [`side by side, k=10, ${comparison.chunks} chunks`, 'build s', 'p50 ms', 'p95 ms', 'hit@1', 'hit@5', 'ours faster by', 'hit@5 vs ours'],
      comparison.rows.map((row) => [
        row.name,
        number(row.buildSeconds),
        number(row.latency.p50, 3),
        number(row.latency.p95, 3),
        share(row.hits.hitAt1),
        share(row.hits.hitAt5),
        row.oursFasterBy === undefined ? '' : `${number(row.oursFasterBy, 1)}×`,
        row.hitAt5VersusOurs === undefined ? '' : number(row.hitAt5VersusOurs),
      ]),
    ),
    `vector search recall@10 against exact search: ${number(comparison.recallAt10, 3)} (the same stored vectors in every vector search; query vectors given, embedding excluded)`,
    );
  }
  lines.push(
    '',
    `phases (s): ${Object.entries(result.phaseSeconds).map(([phase, seconds]) => `${phase} ${seconds}`).join(', ')}`,
    '',
    table(
      [result.settings.targetChunks >= MILLION_SCALE ? 'target (issue 18, for 1M chunks)' : 'target (issue 7, for 100k chunks)', 'bound', 'measured', ''],
      result.targets.map((check) => [check.target, check.bound, `${number(check.measured, check.unit === '' ? 3 : 2)} ${check.unit}`.trim(), check.met ? 'met' : `MISSED (${check.gap})`]),
    ),
  );
  return lines.join('\n');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max([...cell].length, ...rows.map((row) => [...(row[column] ?? '')].length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...rows.map(line)].join('\n');
}
