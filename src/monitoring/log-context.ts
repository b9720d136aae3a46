import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields every log line written while handling one question carries. */
export interface LogContext {
  channel?: string;
  answerId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `task` so that every line logged inside it (however deep) carries `context`. */
export function withLogContext<T>(context: LogContext, task: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, task);
}

/** The context of the question being handled, if any. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
