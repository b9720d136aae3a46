import { parentPort, workerData } from 'node:worker_threads';
import { ANSWER_COLUMNS } from '../stored-answer.js';
import { openDatabase } from './open-database.js';
import type { AnswerLogRows, AnswerLogWritten } from './threaded-answer-log.js';

/**
 * The thread of a `ThreadedAnswerLog`: inserts the answer rows it is sent on its own connection to the database, the
 * rows that arrived together in one transaction (one disk flush for all of them), and says which were written.
 */
const port = parentPort;
if (!port) throw new Error('answer-log-thread.js runs as a worker thread of `hoiphuong serve`, not on its own.');
const { path, busyTimeoutMs } = workerData as { path: string; busyTimeoutMs?: number };
const database = openDatabase(path, { check: false, ...(busyTimeoutMs === undefined ? {} : { busyTimeoutMs }) });
const insert = database.prepare(`INSERT INTO answers (${ANSWER_COLUMNS}) VALUES (${ANSWER_COLUMNS.split(',').map(() => '?').join(', ')})`);
const insertAll = database.transaction((rows: AnswerLogRows['rows']) => {
  for (const { values } of rows) insert.run(...values);
});

let waiting: AnswerLogRows['rows'] = [];
let scheduled = false;

function flush(): void {
  scheduled = false;
  const rows = waiting;
  waiting = [];
  const written: AnswerLogWritten = { calls: rows.map((row) => row.call) };
  try {
    insertAll.immediate(rows);
  } catch (error) {
    written.error = error instanceof Error ? error.message : String(error);
  }
  port!.postMessage(written);
}

port.on('message', (message: AnswerLogRows) => {
  waiting.push(...message.rows);
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
});
