import { formatAnswerText } from './format-answer.js';
import { openServices } from './open-services.js';
import { parseCommandArgs } from './parse-command-args.js';
import { readLines } from './read-lines.js';
import type { Command } from './command-context.js';

/**
 * `hoiphuong ask [--json] [--place PLACE] [--data DIR] [--index DIR] ["question"]`: answers one question, or one per stdin line.
 * With --json each answer is one JSON line `{question, answered, answer, citations, mode, …}` (a stable contract).
 */
export const askCommand: Command = async (args, context) => {
  const { values, positionals } = parseCommandArgs('ask', {
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, data: { type: 'string' }, index: { type: 'string' }, place: { type: 'string' } },
  });
  const services = await openServices(context.config, {
    ...(values.data ? { dataDir: values.data } : {}),
    ...(values.index ? { indexDir: values.index } : {}),
    output: context.stderr,
    store: 'optional',
    ...(values.place ? { defaultPlace: { setting: '--place', place: values.place.normalize('NFC') } } : {}),
  });
  try {
    const questions = positionals.length > 0 ? [positionals.join(' ')] : readLines(context.stdin);
    for await (const question of questions) {
      const result = await services.ask.ask({ text: question, channel: 'cli', ...(values.place ? { defaultPlace: values.place } : {}) });
      context.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${formatAnswerText(result)}\n\n`);
    }
  } finally {
    await services.close();
  }
  return 0;
};
