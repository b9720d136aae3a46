import { nfc } from '../ingest/normalize-vietnamese.js';
import type { ChatMessage } from './ports.js';
import type { Language, Passage } from './types.js';

/** The exact reply the prompt asks the model for when the passages don't answer the question. */
export const REFUSAL_TOKEN = 'KHÔNG_ĐỦ_THÔNG_TIN';

/** The prompt templates kept in `prompts/`; `{{name}}` placeholders are filled by `buildAnswerMessages`. */
export interface AnswerPrompts {
  /** The system message; uses `{{refusalToken}}`. */
  system: string;
  /** The user message; uses `{{passages}}`, `{{passageCount}}`, `{{question}}`, `{{languageName}}`, `{{refusalToken}}`. */
  answer: string;
}

/** Placeholders each template must use, so a prompt edit that drops one fails at startup instead of silently. */
export const REQUIRED_PLACEHOLDERS: Readonly<Record<keyof AnswerPrompts, readonly string[]>> = {
  system: ['refusalToken'],
  answer: ['passages', 'passageCount', 'question', 'languageName', 'refusalToken'],
};

/** What the prompt needs to know about one question. */
export interface AnswerPromptInput {
  question: string;
  language: Language;
  passages: readonly Passage[];
}

const LANGUAGE_NAMES: Record<Language, string> = { vi: 'tiếng Việt', en: 'tiếng Anh (English)' };

// Tags the prompt uses as delimiters; a look-alike inside article text or a question must not open or close one —
// including one written with invisible characters inside (U+200D, U+2060, soft hyphens: Unicode format characters)
// or a full-width or small less-than sign, which a model may read as the tag.
const INVISIBLE = '\\p{Cf}*';
const spelled = (word: string): string => [...word].map((letter) => `${letter}${INVISIBLE}`).join('');
const DELIMITER_LOOKALIKE = new RegExp(
  `[<\uFF1C\uFE64]((?:\\s|\\p{Cf})*\\/?(?:\\s|\\p{Cf})*(?:${spelled('passage')}s?|${spelled('question')})(?![\\p{L}\\p{N}_]))`,
  'giu',
);

/**
 * Builds the system and user messages for one question: passages numbered [1]..[n] inside `<passage>` tags and the
 * question inside `<question>`, with delimiter look-alikes in their text neutralised so they cannot pose as instructions.
 */
export function buildAnswerMessages(prompts: AnswerPrompts, input: AnswerPromptInput): ChatMessage[] {
  const passages = input.passages.map((passage, index) => formatPassage(passage, index + 1)).join('\n\n');
  const values = {
    refusalToken: REFUSAL_TOKEN,
    passages,
    passageCount: String(input.passages.length),
    question: neutralizeDelimiters(nfc(input.question).trim()),
    languageName: LANGUAGE_NAMES[input.language],
  };
  return [
    { role: 'system', content: fillTemplate(prompts.system, values) },
    { role: 'user', content: fillTemplate(prompts.answer, values) },
  ];
}

/** Lists the `{{name}}` placeholders a template uses, in order of first use. */
export function templatePlaceholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] as string))];
}

/** Fills `{{name}}` placeholders in one pass, so placeholder-like text inside a value is never expanded. */
function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

function formatPassage(passage: Passage, number: number): string {
  const { article, chunk } = passage;
  const attributes = [`id="${number}"`, `title="${escapeAttribute(article.title)}"`];
  if (article.published) attributes.push(`published="${escapeAttribute(article.published)}"`);
  if (article.place) attributes.push(`place="${escapeAttribute(article.place)}"`);
  return `<passage ${attributes.join(' ')}>\n${neutralizeDelimiters(nfc(chunk.text).trim())}\n</passage>`;
}

/** Turns every delimiter look-alike's opening sign into `‹` (and drops the invisible characters inside it). */
export function neutralizeDelimiters(text: string): string {
  return text.replace(DELIMITER_LOOKALIKE, (_whole, rest: string) => `‹${rest.replace(/\p{Cf}/gu, '')}`);
}

function escapeAttribute(value: string): string {
  return nfc(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\s+/g, ' ');
}
