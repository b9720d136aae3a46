#!/usr/bin/env node
import 'dotenv/config';
import { loadConfig } from '../config.js';
import { ChatbotError } from '../core/errors.js';
import type { Command, CommandContext } from './command-context.js';

const USAGE = `Hỏi Phường — answers residents' questions from their ward's articles, with citations.

Usage: hoiphuong <command> [options]

  serve                         Start the HTTP API and web chat (and Discord/Zalo when configured)
  ask [--json] [--data DIR] [--index DIR] ["question"]
                                Answer a question; with --json and no question, read one per line from stdin
  eval QA.jsonl [--data DIR] [--index DIR] [--answers FILE] [--json]
                                Score the bot on a QA file (same rules and figures as the reference scorer)
  ingest [--data DIR] [--index DIR]
                                Build or update the search index from the articles
  pins list|add|remove|export|import
                                Manage moderators' pinned answers
  report [--json] [--limit N]   Most asked unanswered questions and worst-rated answers
  discord register              Register the Discord slash commands

Settings come from the environment and .env (see .env.example).`;

/** Subcommands, loaded on demand so a command doesn't pay for the others' dependencies. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.js')).serveCommand,
  ask: async () => (await import('./ask.js')).askCommand,
  eval: async () => (await import('./eval.js')).evalCommand,
  ingest: async () => (await import('./ingest.js')).ingestCommand,
  pins: async () => (await import('./pins.js')).pinsCommand,
  report: async () => (await import('./report.js')).reportCommand,
  discord: async () => (await import('./discord.js')).discordCommand,
};

/** Runs the CLI and returns its exit code; errors become one short line, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`Unknown command "${name}".\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const config = loadConfig();
    const context: CommandContext = { config, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin };
    return await (await load())(args, context);
  } catch (error) {
    if (error instanceof ChatbotError) {
      process.stderr.write(`${error.message}\n`);
      return error.code === 'config-invalid' || error.code === 'input-invalid' ? 2 : 1;
    }
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Unexpected error: ${detail}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
