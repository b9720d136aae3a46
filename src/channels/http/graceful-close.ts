import type { Server } from 'node:http';
import { Server as NetServer } from 'node:net';

/** Options of `closeGracefully`. */
export interface GracefulCloseOptions {
  /** How long requests in flight may take to finish before their connections are cut (default 10 s). */
  graceMs?: number;
  /** Called once when the grace period ran out with requests still open. */
  onTimeout?: (open: number) => void;
}

/** Hooks a server gives `closeGracefully`. */
export interface GracefulCloseHooks {
  /** Connections accepted whose first request has not been read yet: a client may have sent it already. */
  freshConnections?: () => number;
  /** Called once the connections already waiting have been accepted and the listener is closed. */
  acceptDrained?: () => void;
}

/** How often a stopping server looks again for connections whose first request has not arrived yet. */
const FRESH_POLL_MS = 10;

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

/** After the last request in flight, event-loop turns to wait for requests already sent but not yet read. */
const SETTLE_TURNS = 2;
/** Longest time a stopping server keeps accepting the connections that were already waiting. */
const ACCEPT_DRAIN_MS = 1_000;

function nextTurns(turns: number): Promise<void> {
  return turns <= 0 ? Promise.resolve() : new Promise((resolve) => setImmediate(() => resolve(nextTurns(turns - 1))));
}

/**
 * Stops accepting connections, lets the requests in flight finish — and those already sent on open connections but
 * not yet read, which Node's own `close` would cut as "idle" — with `Connection: close` on their responses, and after
 * `graceMs` cuts whatever is still open. Resolves when the server is closed.
 */
export async function closeGracefully(
  server: Server,
  inFlight: InFlightRequests,
  options: GracefulCloseOptions = {},
  hooks: GracefulCloseHooks = {},
): Promise<void> {
  const freshConnections = hooks.freshConnections ?? (() => 0);
  const graceMs = options.graceMs ?? 10_000;
  // Connections the kernel already completed (a client may have written its request on them) are accepted first, until
  // a turn of the event loop brings no new one (at most ACCEPT_DRAIN_MS), rather than reset when the listener closes.
  // Node accepts about one waiting connection per turn, so the server starts no answer meanwhile (`acceptDrained`
  // ends that): a turn then takes microseconds, not the length of an answer on a busy core.
  let accepted = 0;
  const count = () => (accepted += 1);
  server.on('connection', count);
  const acceptUntil = Date.now() + ACCEPT_DRAIN_MS;
  for (let seen = -1; seen !== accepted && Date.now() < acceptUntil; ) {
    seen = accepted;
    await nextTurns(SETTLE_TURNS);
  }
  server.off('connection', count);
  // Then the listening socket only: http.Server#close would also drop connections whose request is not parsed yet.
  const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
  hooks.acceptDrained?.();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), graceMs);
  });
  for (;;) {
    const outcome = await Promise.race([inFlight.idle().then(() => 'finished' as const), expired]);
    if (outcome === 'expired') {
      options.onTimeout?.(inFlight.size);
      break;
    }
    // Requests already in the sockets are read in the loop's poll phase; two turns make sure one has run since.
    await nextTurns(SETTLE_TURNS);
    if (inFlight.size > 0) continue;
    if (freshConnections() === 0) break;
    // A connection that never sends is closed by the header timeout, and the grace period bounds this wait anyway.
    const waited = await Promise.race([new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), FRESH_POLL_MS)), expired]);
    if (waited === 'expired') {
      options.onTimeout?.(inFlight.size);
      break;
    }
  }
  clearTimeout(timer);
  // What is left are idle kept-alive connections: nothing more will be answered on them.
  server.closeAllConnections();
  await closed;
}
