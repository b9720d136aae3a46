import { newConversation, planTurn, rememberTurn, withPlace, cutPlaceMention, PLACE_SLOT, type ConversationState, type TurnPlan } from './conversation.js';
import { toChatbotError } from './errors.js';
import { message, refusalMessage } from './messages.js';
import { detectLanguage } from './question-analysis.js';
import type { AskService, ConversationStore, PlaceResolver, QuestionCondenser } from './ports.js';
import type { AskResult, Question } from './types.js';

/** What the conversation layer needs around the stateless ask service. */
export interface ConversationServiceOptions {
  /** Answers one standalone question (and records it). */
  answers: AskService;
  places: PlaceResolver;
  conversations: ConversationStore;
  /** The label of the place an article is about, to say which ward an answer assumed. */
  placeOfArticle?: (articleId: string) => string | undefined;
  /** LLM mode: rewrites follow-ups into standalone questions before retrieval. */
  condenser?: QuestionCondenser;
  log?: (line: string) => void;
}

/**
 * The question handed to the stateless answerer. A place the conversation carried goes as the question's context
 * (`defaultPlace`) rather than in brackets after it: retrieval is restricted to it all the same, and the reader reads
 * the resident's own words, not a label they never typed (a bracketed "(phường X, tỉnh Y)" asks the reader to find
 * "tỉnh Y" near the answer). Where the place took the place of the resident's own words (a "xã đó", a switched
 * ward) it stays written in. The reply keeps the resident's language, whatever language the label is in.
 */
function askedQuestion(question: Omit<Question, 'conversationId'>, plan: Extract<TurnPlan, { kind: 'ask' }>): Omit<Question, 'conversationId'> {
  const language = question.language ?? plan.language;
  if (!plan.placeAssumed || !plan.place || plan.frame.includes(PLACE_SLOT)) return { ...question, text: plan.standalone, language };
  return { ...question, text: withPlace(plan.frame, undefined), defaultPlace: plan.place, language };
}

/**
 * The ask service every channel calls. A question with a `conversationId` continues that conversation: its place,
 * subject and pending "which place?" question carry over (see `conversation.ts`), "bắt đầu lại" / "/moi" clears it.
 * Any answer given for a place the question did not name says which place it assumed, and an ambiguous place comes
 * back with numbered `choices`. A store failure only costs the context, never the answer.
 */
export function createConversationService(options: ConversationServiceOptions): AskService {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const load = async (id: string): Promise<ConversationState> => {
    try {
      return (await options.conversations.load(id)) ?? newConversation();
    } catch (error) {
      log(`[conversation] could not load ${id}: ${toChatbotError(error).message}`);
      return newConversation();
    }
  };
  const save = async (id: string, state: ConversationState | undefined) => {
    try {
      if (state) await options.conversations.save(id, state);
      else await options.conversations.clear(id);
    } catch (error) {
      log(`[conversation] could not save ${id}: ${toChatbotError(error).message}`);
    }
  };

  /** Says which place an answer assumed, and numbers the candidates of an ambiguous one. */
  const finish = (question: Question, standalone: string, result: AskResult, assumed: string | undefined): AskResult => {
    const finished: AskResult = { ...result, question: question.text };
    if (standalone !== question.text) finished.standaloneQuestion = standalone;
    if (result.reason === 'ambiguous-place') {
      const match = options.places.match(standalone);
      if (match.labels.length > 1) finished.choices = match.labels;
    }
    const place = assumed ?? placeOfAnswer(standalone, result);
    if (place && result.answered && result.mode !== 'pinned') {
      finished.assumedPlace = place;
      finished.answer = `${message('answer.assumed-place', result.language, { place })} ${result.answer}`;
    }
    return finished;
  };

  /** The one place all cited articles are about, when the question named none. */
  const placeOfAnswer = (standalone: string, result: AskResult): string | undefined => {
    if (!options.placeOfArticle || !result.answered || options.places.match(standalone).kind !== 'none') return undefined;
    const labels = new Set(result.citations.map((citation) => options.placeOfArticle?.(citation.id)));
    const [only] = labels;
    return labels.size === 1 && only ? only : undefined;
  };

  const condense = async (state: ConversationState, question: Question, plan: Extract<TurnPlan, { kind: 'ask' }>) => {
    if (!options.condenser || state.turns.length === 0 || plan.rewrite === 'clarification') return plan;
    try {
      const condensed = await options.condenser.condense({
        history: state.turns.map((turn) => ({ question: turn.standalone, answer: turn.answer })),
        followUp: question.text,
        ...(plan.place ? { place: plan.place } : {}),
        language: question.language ?? plan.language,
      });
      if (!condensed) return plan;
      const own = options.places.match(condensed);
      if (own.kind !== 'none') {
        const place = own.kind === 'known' && own.labels.length === 1 ? own.labels[0] : undefined;
        return { ...plan, standalone: condensed, frame: cutPlaceMention(condensed, own), ...(place ? { place } : {}), placeAssumed: false };
      }
      return { ...plan, standalone: withPlace(condensed, plan.place), frame: condensed };
    } catch (error) {
      log(`[conversation] condense step failed, using the rule-based question: ${toChatbotError(error).message}`);
      return plan;
    }
  };

  return {
    async ask(question: Question): Promise<AskResult> {
      const id = question.conversationId;
      if (!id) {
        const result = await options.answers.ask(question);
        return finish(question, question.text, result, undefined);
      }
      const state = await load(id);
      const planned = planTurn(state, question.text, options.places);
      if (planned.kind === 'reset') {
        await save(id, undefined);
        const language = question.language ?? detectLanguage(question.text);
        return {
          question: question.text,
          answered: false,
          answer: refusalMessage('conversation-reset', language),
          citations: [],
          mode: 'extractive',
          language,
          reason: 'conversation-reset',
          conversationId: id,
        };
      }
      const plan = await condense(state, question, planned);
      const { conversationId: _conversation, ...standalone } = question;
      const result = await options.answers.ask(askedQuestion(standalone, plan));
      const finished = finish(question, plan.standalone, result, plan.placeAssumed ? plan.place : undefined);
      await save(id, rememberTurn(state, plan, question.text, { ...finished, answer: result.answer }));
      return { ...finished, conversationId: id };
    },
  };
}
