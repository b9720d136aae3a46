#!/usr/bin/env node
import 'dotenv/config';
import { configProblemsError, configuredSecrets, readConfig, type ConfigProblem } from '../config.js';
import { redactSecrets } from '../core/redact-secrets.js';
import { ChatbotError } from '../core/errors.js';
import { COMMAND_HELP, MAIN_HELP, type CommandName } from './command-help.js';
import { packageVersion } from './version.js';
import type { Command, CommandContext } from './command-context.js';

/** A subcommand: loaded on demand (so a command doesn't pay for the others' dependencies), with the settings it reads. */
interface CommandEntry {
  load: () => Promise<Command>;
  /** Setting names (or prefixes ending in `_`) whose malformed values stop this command; `all` for serve. */
  settings: readonly string[] | 'all';
}

const ANSWERING = ['DATA_DIR', 'INDEX_DIR', 'OFFLINE_EMBEDDER', 'DEFAULT_PLACE', 'MAX_QUESTION_LENGTH', 'OPENAI_', 'DATABASE_PATH', 'PIN_MATCH_THRESHOLD', 'USER_KEY_SALT', 'CONVERSATION_TTL_MINUTES', 'TZ'];
const STORE = ['DATABASE_PATH', 'PIN_MATCH_THRESHOLD', 'USER_KEY_SALT', 'TZ'];

const COMMANDS: Record<CommandName, CommandEntry> = {
  serve: { load: async () => (await import('./serve.js')).serveCommand, settings: 'all' },
  ask: { load: async () => (await import('./ask.js')).askCommand, settings: ANSWERING },
  eval: { load: async () => (await import('./eval.js')).evalCommand, settings: ANSWERING },
  facts: { load: async () => (await import('./facts.js')).factsCommand, settings: ['DATA_DIR', 'INDEX_DIR', 'OFFLINE_EMBEDDER', 'OPENAI_'] },
  ingest: { load: async () => (await import('./ingest.js')).ingestCommand, settings: ['DATA_DIR', 'INDEX_DIR', 'OFFLINE_EMBEDDER', 'OPENAI_'] },
  pins: { load: async () => (await import('./pins.js')).pinsCommand, settings: ['DATA_DIR', ...STORE] },
  report: { load: async () => (await import('./report.js')).reportCommand, settings: STORE },
  sources: { load: async () => (await import('./sources.js')).sourcesCommand, settings: ['DATA_DIR', ...STORE] },
  sync: { load: async () => (await import('./sources.js')).syncCommand, settings: ['DATA_DIR', 'INDEX_DIR', 'OFFLINE_EMBEDDER', 'OPENAI_', 'BOT_INFO_URL', ...STORE] },
  admin: { load: async () => (await import('./admin.js')).adminCommand, settings: STORE },
  discord: { load: async () => (await import('./discord.js')).discordCommand, settings: ['DISCORD_'] },
  zalo: { load: async () => (await import('./zalo.js')).zaloCommand, settings: ['ZALO_', ...STORE] },
};

function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** Whether a malformed setting matters to a command: `PORT=abc` stops `serve`, not `ask`. */
export function concerns(settings: CommandEntry['settings'], problem: ConfigProblem): boolean {
  if (settings === 'all') return true;
  return settings.some((name) => (name.endsWith('_') ? problem.setting.startsWith(name) : problem.setting === name));
}

/** True when the arguments ask for help (before a `--` that ends the options). */
function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

/**
 * Ends quietly when the reader of our output goes away (`hoiphuong pins list | head`): a one-shot command has nothing
 * left to say, and a server keeps serving without its console.
 */
function endQuietlyOnClosedOutput(stream: NodeJS.WriteStream, keepRunning: boolean): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    if (!keepRunning) process.exit(process.exitCode ?? 0);
  });
}

/** Runs the CLI and returns its exit code; errors become one short line, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`hoiphuong ${packageVersion()}\n`);
    return 0;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = args[0];
    process.stdout.write(`${topic && isCommandName(topic) ? COMMAND_HELP[topic] : MAIN_HELP}\n`);
    return 0;
  }
  if (!name) {
    process.stderr.write(`${MAIN_HELP}\n`);
    return 2;
  }
  if (!isCommandName(name)) {
    process.stderr.write(`Không có lệnh "${name}" (unknown command) — xem / see: hoiphuong --help\n`);
    return 2;
  }
  if (wantsHelp(args)) {
    process.stdout.write(`${COMMAND_HELP[name]}\n`);
    return 0;
  }
  const entry = COMMANDS[name];
  endQuietlyOnClosedOutput(process.stdout, name === 'serve');
  endQuietlyOnClosedOutput(process.stderr, name === 'serve');
  let secrets: string[] = [];
  try {
    const { config, problems } = readConfig();
    secrets = configuredSecrets(config);
    const relevant = problems.filter((problem) => concerns(entry.settings, problem));
    if (relevant.length > 0) throw configProblemsError(relevant);
    const context: CommandContext = { config, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
    return await (await entry.load())(args, context);
  } catch (error) {
    // An upstream's text inside an error (a Discord REST message, a Zalo description) may echo a credential.
    if (error instanceof ChatbotError) {
      process.stderr.write(`${redactSecrets(error.message, secrets)}\n`);
      return error.code === 'config-invalid' || error.code === 'input-invalid' ? 2 : 1;
    }
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Lỗi không mong đợi (unexpected error): ${redactSecrets(detail, secrets)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
