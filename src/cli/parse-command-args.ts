import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ChatbotError } from '../core/errors.js';

/**
 * `parseArgs` for a subcommand, turning its complaint about an unknown or malformed option into one line that names
 * the option and points at the command's help (Node's own advice about '--' only confuses here).
 */
export function parseCommandArgs<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new ChatbotError('input-invalid', `${describeArgumentError(error)} — xem / see: hoiphuong ${command} --help`);
  }
}

/** Node's message for a bad option, without its advice about '--'. */
export function describeArgumentError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\.?\s*To specify a positional argument[\s\S]*$/, '').replace(/\.$/, '');
}
