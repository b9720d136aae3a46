import type { Config } from '../config.js';

/** A writable text stream, with `isTTY` when it is a terminal. */
export type TextOutput = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** Everything a CLI command needs from the outside world, injected so tests can run commands in-process. */
export interface CommandContext {
  config: Readonly<Config>;
  stdout: TextOutput;
  stderr: TextOutput;
  stdin: NodeJS.ReadableStream;
}

/** A CLI subcommand: returns the process exit code. */
export type Command = (args: string[], context: CommandContext) => Promise<number>;
