/** The state of one channel for `/healthz`, the start banner and `/metrics`. */
export interface ChannelState {
  /** `starting`, `on`, `retrying: <why>`, `failing: <why>` or `stopped`. */
  state(): string;
  /** Times the channel reconnected or retried after a failure. */
  reconnects(): number;
}

/**
 * A channel's state as its own code reports it: `on` after something worked, `failing: <why>` after a failure (a
 * Zalo token chain that broke, an API that keeps refusing), counting recoveries as reconnects.
 */
export class ChannelStatus implements ChannelState {
  private current: string;
  private recoveries = 0;

  constructor(initial = 'on') {
    this.current = initial;
  }

  state(): string {
    return this.current;
  }

  reconnects(): number {
    return this.recoveries;
  }

  /** Something worked (a message sent, a poll answered). */
  succeeded(): void {
    if (this.current.startsWith('failing')) this.recoveries += 1;
    this.current = 'on';
  }

  /** Something failed; `why` is one line naming what to fix. */
  failed(why: string): void {
    this.current = `failing: ${why}`;
  }

  /** The channel was stopped. */
  stopped(): void {
    this.current = 'stopped';
  }
}
