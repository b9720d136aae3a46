import { toChatbotError } from '../../core/errors.js';

/** Tracks replies running in the background after a webhook was acknowledged, so tests and shutdown can wait for them. */
export class PendingWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: (line: string) => void) {}

  /** Starts `task` without waiting for it; a failure is logged (with its cause) rather than lost. */
  track(label: string, task: () => Promise<void>): void {
    const promise = task()
      .catch((error: unknown) => {
        const failure = toChatbotError(error);
        const cause = failure.cause instanceof Error && failure.cause !== error ? ` (${failure.cause.message})` : '';
        this.log(`${label}: ${failure.message}${cause}`);
      })
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  /** Resolves once every tracked task, including ones started meanwhile, has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }
}
