import pg from 'pg';
import { maskCredentials } from '../../config.js';
import type { LeaderLock, LeaderTerm } from '../../core/ports.js';

/** Options of `AdvisoryLeaderLock`. */
export interface AdvisoryLeaderLockOptions {
  /** The database every replica shares (DATABASE_URL). */
  url: string;
  /** Which leadership (replicas of different deployments on one server use different names). */
  name?: string;
  /** How often a follower tries to take the lock (default 2 s: a dead leader is replaced within a few seconds). */
  retryMs?: number;
  /** How often the leader checks its connection (default 5 s); a check that fails or hangs ends the term. */
  checkMs?: number;
  log?: (line: string) => void;
}

/**
 * Leadership by a PostgreSQL session-level advisory lock, held on a dedicated connection: the server releases it
 * when that connection ends, so a leader that dies (or loses the database) is replaced by the next replica to try,
 * and a leader whose connection fails stops leading at once.
 */
export class AdvisoryLeaderLock implements LeaderLock {
  private leading = false;
  private readonly retryMs: number;
  private readonly checkMs: number;
  private readonly name: string;

  constructor(private readonly options: AdvisoryLeaderLockOptions) {
    this.retryMs = options.retryMs ?? 2_000;
    this.checkMs = options.checkMs ?? 5_000;
    this.name = options.name ?? 'hoiphuong:leader';
  }

  isLeader(): boolean {
    return this.leading;
  }

  async acquire(signal: AbortSignal): Promise<LeaderTerm> {
    let reported = false;
    for (;;) {
      signal.throwIfAborted();
      const client = new pg.Client({ connectionString: this.options.url, keepAlive: true, query_timeout: this.checkMs, connectionTimeoutMillis: 10_000 });
      let failed: Error | undefined;
      client.on('error', (error) => {
        failed = error;
      });
      try {
        await client.connect();
        while (!failed && !signal.aborted) {
          const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [this.name]);
          if (rows[0]?.locked) return this.term(client);
          await delay(this.retryMs, signal);
        }
      } catch (error) {
        if (signal.aborted) {
          await client.end().catch(() => {});
          signal.throwIfAborted();
        }
        if (!reported) {
          this.options.log?.(`Leader lock: cannot reach ${maskCredentials(this.options.url)} (${error instanceof Error ? error.message : String(error)}); retrying every ${this.retryMs / 1000} s.`);
          reported = true;
        }
      }
      await client.end().catch(() => {});
      await delay(this.retryMs, signal).catch(() => {});
    }
  }

  /** Leadership on `client` until it fails, a check fails, or it is released. */
  private term(client: pg.Client): LeaderTerm {
    this.leading = true;
    let end: () => void = () => {};
    const lost = new Promise<void>((resolve) => {
      end = resolve;
    });
    let over = false;
    const finish = () => {
      if (over) return;
      over = true;
      this.leading = false;
      clearInterval(timer);
      void client.end().catch(() => {});
      end();
    };
    client.on('error', finish);
    client.on('end', finish);
    // A connection can die silently (a cut network); a check that fails or times out ends leadership.
    const timer = setInterval(() => {
      client.query('SELECT 1').catch(finish);
    }, this.checkMs);
    timer.unref();
    return {
      lost,
      release: async () => {
        if (over) return;
        await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [this.name]).catch(() => {});
        finish();
      },
    };
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', abort, { once: true });
  });
}
