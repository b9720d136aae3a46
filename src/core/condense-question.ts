import { toChatbotError } from './errors.js';
import { nfc } from '../ingest/normalize-vietnamese.js';
import type { ChatMessage, ChatModel, CondenseInput, QuestionCondenser } from './ports.js';

/** Placeholders the condense prompt (`prompts/condense.vi.md`) must use. */
export const CONDENSE_PLACEHOLDERS: readonly string[] = ['history', 'place', 'question'];

/** Longest standalone question accepted from the model; anything longer is not a question but an answer or a ramble. */
const MAX_CONDENSED_LENGTH = 400;
// Tags the prompt uses as delimiters; a look-alike inside a message must not open or close one.
const DELIMITER_LOOKALIKE = /<(\s*\/?\s*(?:history|question)\b)/giu;

/** The messages asking a chat model to rewrite a follow-up as a standalone question. */
export function buildCondenseMessages(template: string, input: CondenseInput): ChatMessage[] {
  const clean = (text: string) => nfc(text).replace(DELIMITER_LOOKALIKE, '‹$1').replace(/\s+/g, ' ').trim();
  const history = input.history
    .map((turn, index) => `${index + 1}. Hỏi: ${clean(turn.question)}\n   Đáp: ${clean(turn.answer)}`)
    .join('\n');
  const values: Record<string, string> = {
    history,
    place: input.place ? clean(input.place) : input.language === 'en' ? 'not known yet' : 'chưa rõ',
    question: clean(input.followUp),
  };
  return [{ role: 'user', content: template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole) }];
}

/**
 * The LLM condense step behind the `QuestionCondenser` port: the model rewrites a follow-up into one standalone
 * question, which then goes through retrieval and the grounding gate like any question. A reply that is empty,
 * several lines of prose or far too long is not used (undefined), and errors are the caller's to log.
 */
export class ChatModelCondenser implements QuestionCondenser {
  constructor(
    private readonly chatModel: ChatModel,
    private readonly template: string,
  ) {}

  async condense(input: CondenseInput): Promise<string | undefined> {
    let reply: string;
    try {
      reply = await this.chatModel.complete(buildCondenseMessages(this.template, input));
    } catch (error) {
      throw toChatbotError(error);
    }
    const line = nfc(reply)
      .split('\n')
      .map((text) => text.trim())
      .find((text) => text.length > 0);
    if (!line) return undefined;
    const question = line.replace(/^(?:câu hỏi|question)\s*:\s*/iu, '').replace(/^["“'«]+|["”'»]+$/gu, '').trim();
    if (!/[\p{L}\p{N}]/u.test(question) || [...question].length > MAX_CONDENSED_LENGTH) return undefined;
    return question;
  }
}
