import { ZALO_OA_TOKEN_NAME } from '../channels/zalo/oa-client.js';
import { ChatbotError } from '../core/errors.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { COMMAND_HELP } from './command-help.js';
import { parseCommandArgs } from './parse-command-args.js';
import { readLines } from './read-lines.js';
import type { Config } from '../config.js';
import type { TokenStore } from '../core/ports.js';
import type { Command } from './command-context.js';

/** Zalo access tokens last about 25 hours; a pair installed without `--expires-in` is taken to be that fresh. */
const DEFAULT_EXPIRES_IN_SECONDS = 90_000;

/** Options of `createZaloCommand`; the store is injected so tests can use their own database. */
export interface ZaloCommandOptions {
  openStore?: (config: Readonly<Config>) => { tokens: TokenStore; close(): void };
  now?: () => number;
}

/**
 * `hoiphuong zalo tokens set|show`: installs a new OA token pair (after a re-authorisation, or when the single-use
 * refresh token was spent or lapsed) in the database the server reads, or shows what is stored, tokens masked. A
 * running server takes the new pair up at its next send that Zalo refuses, without a restart.
 */
export function createZaloCommand(options: ZaloCommandOptions = {}): Command {
  return async (args, context) => {
    const [group, action, ...rest] = args;
    if (group !== 'tokens' || (action !== 'set' && action !== 'show')) {
      context.stderr.write(`${group ? `Không có lệnh "zalo ${args.slice(0, 2).join(' ')}" (unknown subcommand)` : 'zalo cần một lệnh con (needs a subcommand)'} — dùng: hoiphuong zalo tokens set|show\n\n${COMMAND_HELP.zalo}\n`);
      return 2;
    }
    const { values } = parseCommandArgs('zalo', {
      args: rest,
      options: { 'access-token': { type: 'string' }, 'refresh-token': { type: 'string' }, 'expires-in': { type: 'string' } },
    });
    const now = options.now ?? Date.now;
    const openStore = options.openStore ?? ((config: Readonly<Config>) => SqliteStore.fromConfig(config));
    if (action === 'show') {
      const store = openStore(context.config);
      try {
        const stored = await store.tokens.loadTokens(ZALO_OA_TOKEN_NAME);
        context.stdout.write(
          stored
            ? `Zalo OA tokens in ${context.config.store.databasePath}: access ${mask(stored.accessToken)}, refresh ${mask(stored.refreshToken)}${stored.expiresAt ? `, access token expires ${stored.expiresAt}` : ''}\n`
            : `No Zalo OA tokens stored in ${context.config.store.databasePath} yet (the server starts from ZALO_OA_ACCESS_TOKEN / ZALO_OA_REFRESH_TOKEN).\n`,
        );
        return 0;
      } finally {
        store.close();
      }
    }
    let accessToken = values['access-token'];
    let refreshToken = values['refresh-token'];
    // Tokens on the command line end up in the shell history; two lines on stdin do not.
    if (accessToken === undefined && refreshToken === undefined) {
      const lines: string[] = [];
      for await (const line of readLines(context.stdin)) lines.push(line);
      [accessToken, refreshToken] = lines;
    }
    if (!accessToken?.trim() || !refreshToken?.trim()) {
      throw new ChatbotError(
        'input-invalid',
        'Give both tokens of the new pair: --access-token … --refresh-token …, or the access token and the refresh token as two lines on stdin — xem / see: hoiphuong zalo --help',
      );
    }
    const expiresIn = values['expires-in'] === undefined ? DEFAULT_EXPIRES_IN_SECONDS : Number(values['expires-in']);
    if (!Number.isInteger(expiresIn) || expiresIn < 1) {
      throw new ChatbotError('input-invalid', `--expires-in "${values['expires-in']}" must be a whole number of seconds (the expires_in Zalo gave), e.g. --expires-in 90000.`);
    }
    const store = openStore(context.config);
    try {
      await store.tokens.saveTokens(ZALO_OA_TOKEN_NAME, {
        accessToken: accessToken.trim(),
        refreshToken: refreshToken.trim(),
        expiresAt: new Date(now() + expiresIn * 1000).toISOString(),
      });
    } finally {
      store.close();
    }
    context.stdout.write(
      `Installed the new Zalo OA token pair (access ${mask(accessToken.trim())}) in ${context.config.store.databasePath}. A running server uses it from its next reply Zalo refuses with the old token; a restart is not needed.\n`,
    );
    return 0;
  };
}

/** `hoiphuong zalo …` as the CLI runs it. */
export const zaloCommand: Command = createZaloCommand();

/** A token shown by its length and last four characters only. */
function mask(token: string): string {
  return `…${token.slice(-4)} (${token.length} characters)`;
}
