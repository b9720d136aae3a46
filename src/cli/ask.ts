import { ChatbotError } from '../core/errors.js';
import { MemoryConversationStore } from '../core/memory-conversation-store.js';
import { formatAnswerText } from './format-answer.js';
import { openServices } from './open-services.js';
import { parseCommandArgs } from './parse-command-args.js';
import { readLines } from './read-lines.js';
import type { Command } from './command-context.js';

/** One stdin line of batch mode: a plain question, or `{"conversation": "c01", "question": "…"}` continuing a dialogue. */
export function parseAskLine(line: string): { question: string; conversation?: string } {
  if (!line.startsWith('{')) return { question: line };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { question: line };
  }
  const record = value as { question?: unknown; conversation?: unknown };
  if (!value || typeof value !== 'object' || typeof record.question !== 'string') return { question: line };
  const conversation = typeof record.conversation === 'string' || typeof record.conversation === 'number' ? String(record.conversation) : undefined;
  return { question: record.question.normalize('NFC').trim(), ...(conversation ? { conversation } : {}) };
}

/**
 * `hoiphuong ask [--json] [--data DIR] [--index DIR] [--conversation ID] ["question"]`: answers one question, or one
 * per stdin line. With --json each answer is one JSON line `{question, answered, answer, citations, mode, …}` (a
 * stable contract). `--conversation ID` continues a conversation kept in the database between runs; in batch mode a
 * line `{"conversation": "c01", "question": "…"}` continues dialogue c01 of this run (plain lines stand alone).
 */
export const askCommand: Command = async (args, context) => {
  const { values, positionals } = parseCommandArgs('ask', {
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      data: { type: 'string' },
      index: { type: 'string' },
      place: { type: 'string' },
      conversation: { type: 'string' },
    },
  });
  if (values.conversation !== undefined && !/^[\p{L}\p{N}_.:-]{1,100}$/u.test(values.conversation)) {
    throw new ChatbotError(
      'input-invalid',
      `--conversation "${values.conversation}" không hợp lệ: --conversation takes letters, digits, "_", ".", ":" or "-" (at most 100), e.g. --conversation c01`,
    );
  }
  const services = await openServices(context.config, {
    ...(values.data ? { dataDir: values.data } : {}),
    ...(values.index ? { indexDir: values.index } : {}),
    output: context.stderr,
    store: 'optional',
    ...(values.place ? { defaultPlace: { setting: '--place', place: values.place.normalize('NFC') } } : {}),
  });
  // A batch's dialogues belong to this run: kept in memory, so a rerun starts them afresh.
  const batch = services.withConversations(new MemoryConversationStore(context.config.store.conversationTtlMinutes * 60_000));
  try {
    const single = positionals.length > 0;
    const lines = single ? [positionals.join(' ')] : readLines(context.stdin);
    for await (const line of lines) {
      const { question, conversation } = single ? { question: line, conversation: undefined } : parseAskLine(line);
      const conversationId = values.conversation ? `cli:${values.conversation}` : conversation ? `cli-batch:${conversation}` : undefined;
      const service = values.conversation || !conversation ? services.ask : batch;
      const result = await service.ask({
        text: question,
        channel: 'cli',
        ...(values.place ? { defaultPlace: values.place } : {}),
        ...(conversationId ? { conversationId } : {}),
      });
      context.stdout.write(values.json ? `${JSON.stringify(result)}\n` : `${formatAnswerText(result)}\n\n`);
    }
  } finally {
    await services.close();
  }
  return 0;
};
