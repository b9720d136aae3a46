import type { Server } from 'node:http';

/** Options of `closeGracefully`. */
export interface GracefulCloseOptions {
  /** How long requests in flight may take to finish before their connections are cut (default 10 s). */
  graceMs?: number;
  /** Called once when the grace period ran out with requests still open. */
  onTimeout?: (open: number) => void;
}

/** Requests a server is answering, counted so a shutdown can wait for them. */
export class InFlightRequests {
  private count = 0;
  private readonly waiters: Array<() => void> = [];

  /** Marks a request as started; call the returned function once its response is sent. */
  begin(): () => void {
    this.count += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.count -= 1;
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    };
  }

  get size(): number {
    return this.count;
  }

  /** Resolves when no request is in flight. */
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

/**
 * Stops accepting connections, closes the idle ones, lets the requests in flight finish (their connections close
 * after the response) and, after `graceMs`, cuts whatever is still open. Resolves when the server is closed.
 */
export async function closeGracefully(server: Server, inFlight: InFlightRequests, options: GracefulCloseOptions = {}): Promise<void> {
  const graceMs = options.graceMs ?? 10_000;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), graceMs);
  });
  const outcome = await Promise.race([inFlight.idle().then(() => 'finished' as const), expired]);
  clearTimeout(timer);
  if (outcome === 'expired') options.onTimeout?.(inFlight.size);
  // Finished responses leave keep-alive connections idle; nothing more will be answered on them.
  server.closeAllConnections();
  await closed;
}
