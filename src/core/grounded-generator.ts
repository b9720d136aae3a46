import { buildAnswerMessages, REFUSAL_TOKEN, type AnswerPrompts } from './answer-prompt.js';
import { languageMismatch } from './answer-language.js';
import { parseCitationMarkers } from './citation-markers.js';
import { publicReason, toChatbotError } from './errors.js';
import { findUnsupportedFacts } from './grounding.js';
import { refusalMessage } from './messages.js';
import { bestSupportingSentence } from './supporting-sentence.js';
import { foldDiacritics, nfc } from '../ingest/normalize-vietnamese.js';
import type { AnswerGenerator, ChatModel, GenerationInput } from './ports.js';
import type { Answer, Citation, Grounding, Passage } from './types.js';

/** What a grounded generator needs: a chat model, the prompt templates and somewhere to log one line per failure. */
export interface GroundedGeneratorOptions {
  chatModel: ChatModel;
  prompts: AnswerPrompts;
  log: (line: string) => void;
}

const FOLDED_REFUSAL = foldDiacritics(REFUSAL_TOKEN).toLowerCase();
const FOLDED_REFUSAL_WORDS = FOLDED_REFUSAL.replace(/_/g, ' ');

/**
 * LLM mode behind the `AnswerGenerator` port: asks the chat model, then shows its text only when it cites existing
 * passages, is in the question's language and states no number, date or name its cited passages lack. Otherwise it
 * returns the offline `fallback` with `grounding` saying why; it never throws.
 *
 * When the model replies with the refusal token it returns the polite `no-sources` refusal (grounding `skipped`: there
 * is no claim to check) even if the extractive answer found a sentence: the model read the same passages and judged
 * they don't answer, and a wrong quote is worse than a referral to the ward office.
 */
export class GroundedGenerator implements AnswerGenerator {
  constructor(private readonly options: GroundedGeneratorOptions) {}

  async generate(input: GenerationInput): Promise<Answer> {
    let reply: string;
    try {
      reply = await this.options.chatModel.complete(buildAnswerMessages(this.options.prompts, input));
    } catch (error) {
      const failure = toChatbotError(error);
      this.options.log(`[llm] ${this.options.chatModel.name} failed (${failure.code}): ${failure.message} Showing the offline answer.`);
      return { ...input.fallback, grounding: errorGrounding(error) };
    }
    try {
      return this.judge(reply, input);
    } catch (error) {
      const failure = toChatbotError(error);
      this.options.log(`[llm] could not check the reply of ${this.options.chatModel.name}: ${failure.message} Showing the offline answer.`);
      return { ...input.fallback, grounding: errorGrounding(error) };
    }
  }

  private judge(reply: string, input: GenerationInput): Answer {
    const { language, passages, fallback } = input;
    const text = nfc(reply).trim();
    const fail = (grounding: Grounding): Answer => {
      this.options.log(`[llm] grounding gate failed: ${grounding.detail}. Showing the offline answer.`);
      return { ...fallback, grounding };
    };
    if (isRefusal(text)) {
      return {
        kind: 'refused',
        reason: 'no-sources',
        text: refusalMessage('no-sources', language),
        mode: 'generated',
        language,
        grounding: { status: 'skipped', detail: 'the model found no answer in the passages' },
      };
    }
    if (!text) return fail({ status: 'failed', detail: 'the model replied with empty text' });

    const markers = parseCitationMarkers(text, passages.length);
    const droppedNote = markers.dropped.length ? `dropped citation(s) to passages that do not exist: ${markers.dropped.join(' ')}` : undefined;
    if (markers.cited.length === 0) {
      return fail({ status: 'failed', detail: droppedNote ? `no valid citation (${droppedNote})` : 'no [n] citation in the answer' });
    }
    if (!markers.text) return fail({ status: 'failed', detail: 'the answer holds only citation markers' });

    const wrongLanguage = languageMismatch(markers.text, language);
    if (wrongLanguage) return fail({ status: 'failed', detail: wrongLanguage });

    const cited = markers.cited.map((number) => passages[number - 1]).filter((passage): passage is Passage => passage !== undefined);
    const unsupported = findUnsupportedFacts(markers.text, cited.map(sourceText), language);
    if (unsupported.length > 0) {
      return fail({
        status: 'failed',
        unsupported,
        detail: `not found in the cited passages ${markers.cited.map((number) => `[${number}]`).join('')}: ${unsupported.join(', ')}`,
      });
    }
    return {
      kind: 'answered',
      text: markers.text,
      citations: citationsFor(cited, markers.text),
      mode: 'generated',
      language,
      grounding: droppedNote ? { status: 'passed', detail: droppedNote } : { status: 'passed' },
    };
  }
}

/** The refusal token, even with its diacritics lost, or a reply that is nothing but its words. */
function isRefusal(text: string): boolean {
  const folded = foldDiacritics(text).toLowerCase();
  return folded.includes(FOLDED_REFUSAL) || folded.replace(/[^a-z ]+/g, ' ').replace(/\s+/g, ' ').trim() === FOLDED_REFUSAL_WORDS;
}

/** The text a passage vouches for: its body plus its article's title, place and date. */
function sourceText(passage: Passage): string {
  const { article, chunk } = passage;
  return [article.title, article.place ?? '', article.published ?? '', chunk.text].join('\n');
}

/** One citation per cited article, in order of first citation, quoting the sentence that best supports the answer. */
function citationsFor(cited: readonly Passage[], answer: string): Citation[] {
  const byArticle = new Map<string, Passage[]>();
  for (const passage of cited) byArticle.set(passage.article.id, [...(byArticle.get(passage.article.id) ?? []), passage]);
  return [...byArticle.values()].map((group) => {
    const { article } = group[0] as Passage;
    const quote = bestSupportingSentence(group.map((passage) => nfc(passage.chunk.text)), answer) ?? nfc(group[0]?.chunk.text ?? '').trim();
    const citation: Citation = { id: article.id, title: article.title, url: article.url, quote };
    if (article.published) citation.published = article.published;
    return citation;
  });
}

/** What an answer may say about a failed model call: a reason code and our own words, never the upstream's text or address. */
const ERROR_DETAILS: Readonly<Record<string, string>> = {
  'upstream-timeout': 'the model server did not reply in time',
  'upstream-unreachable': 'the model server could not be reached',
  'upstream-key-rejected': 'the model server rejected the API key',
  'upstream-model-missing': 'the model server does not serve the configured model',
  'upstream-rate-limited': 'the model server is rate-limiting requests',
  'upstream-server-error': 'the model server failed',
  'upstream-request-refused': 'the model server refused the request',
  'upstream-bad-reply': 'the model server sent a malformed reply',
};

function errorGrounding(error: unknown): Grounding {
  const reason = publicReason(error);
  return { status: 'error', reason, detail: `${ERROR_DETAILS[reason] ?? 'the model could not be used'} (see the server log)` };
}
