// A hook a test controls in an answer thread (see hooked-answer-thread.mjs), given as `workerData.test`:
// `hold` keeps the thread blocked at each answer — as a long CPU-bound answer would — until the test opens the gate;
// `crash-once` makes the first answer any thread gets end that thread with an uncaught error, as a fatal bug would.
// Shared memory, in Int32 slots: [0] answers that reached a thread, [1] the gate (0 closed, 1 open), [2] crashes.
import { parentPort, workerData } from 'node:worker_threads';

const { mode, flags: buffer } = workerData.test;
const flags = new Int32Array(buffer);
// Registered before the real thread's listener (imported after this module), so it runs first for every message.
parentPort.on('message', (message) => {
  if (message.kind !== 'answer') return;
  Atomics.add(flags, 0, 1);
  Atomics.notify(flags, 0);
  if (mode === 'hold') Atomics.wait(flags, 1, 0, 60_000);
  if (mode === 'crash-once' && Atomics.add(flags, 2, 1) === 0) throw new Error('simulated fatal error in an answer thread');
});
