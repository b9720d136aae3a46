import type { DiscordBotServices } from '../../src/channels/discord/bot-context.js';
import type { Feedback, NewPin, Pin, Retriever, SettingsStore } from '../../src/core/ports.js';
import type { ArticleMeta, AskResult, Passage, Question } from '../../src/core/types.js';
import type { FactBook } from '../../src/facts/fact-book.js';

/** In-memory services for the Discord bot, recording what it asked, pinned, rated and set. */
export interface FakeDiscordServices extends DiscordBotServices {
  questions: Question[];
  /** What the ask service returned, in order. */
  results: AskResult[];
  pinned: Pin[];
  votes: Feedback[];
  settingsByScope: Map<string, Record<string, string>>;
  retrieved: string[];
  /** URLs (with the place given) /themtin asked to fetch. */
  addedArticles: Array<{ url: string; place: string | undefined }>;
}

/** Options of `fakeDiscordServices`. */
export interface FakeDiscordServicesOptions {
  /** The canned result for a question; `answerId` is added when it has none. */
  answer: (question: Question) => AskResult;
  articles?: ArticleMeta[];
  passages?: Passage[];
  /** Answer ids `recordFeedback` knows. */
  knownAnswerIds?: string[];
  /** The facts /phuong shows. */
  factBook?: FactBook;
}

/** Fakes of the bot's ports: a scripted ask service, pins, feedback (a second vote changes the first), settings and retrieval. */
export function fakeDiscordServices(options: FakeDiscordServicesOptions): FakeDiscordServices {
  const questions: Question[] = [];
  const results: AskResult[] = [];
  const pinned: Pin[] = [];
  const votes: Feedback[] = [];
  const settingsByScope = new Map<string, Record<string, string>>();
  const retrieved: string[] = [];
  const addedArticles: Array<{ url: string; place: string | undefined }> = [];
  const articles = options.articles ?? [];
  let answers = 0;

  const settings: SettingsStore = {
    async getSettings(scope) {
      return { ...(settingsByScope.get(scope) ?? {}) };
    },
    async setSettings(scope, values) {
      const current = { ...(settingsByScope.get(scope) ?? {}) };
      for (const [key, value] of Object.entries(values)) {
        if (value === null) delete current[key];
        else current[key] = value;
      }
      settingsByScope.set(scope, current);
      return { ...current };
    },
  };
  const retriever: Retriever = {
    async retrieve(query, limit) {
      retrieved.push(query);
      return (options.passages ?? []).slice(0, limit);
    },
  };

  return {
    questions,
    results,
    pinned,
    votes,
    settingsByScope,
    retrieved,
    ask: {
      async ask(question) {
        questions.push(question);
        answers += 1;
        const canned = options.answer(question);
        const result = canned.answerId ? canned : { ...canned, answerId: `answer-${answers}` };
        results.push(result);
        return result;
      },
    },
    pins: {
      async add(pin: NewPin) {
        const stored: Pin = { ...pin, id: `pin-${pinned.length + 1}`, createdAt: '2025-06-01T08:00:00.000Z', hits: 0 };
        pinned.push(stored);
        return stored;
      },
      async remove(idOrQuestion) {
        const index = pinned.findIndex((pin) => pin.id === idOrQuestion || pin.question === idOrQuestion);
        if (index < 0) return false;
        pinned.splice(index, 1);
        return true;
      },
      async list() {
        return [...pinned];
      },
      async match() {
        return undefined;
      },
    },
    feedback: {
      async recordFeedback(feedback) {
        if (options.knownAnswerIds && !options.knownAnswerIds.includes(feedback.answerId)) return 'unknown-answer';
        const previous = votes.findIndex((vote) => vote.answerId === feedback.answerId && vote.userKey === feedback.userKey);
        if (previous >= 0) {
          votes[previous] = feedback;
          return 'changed';
        }
        votes.push(feedback);
        return 'recorded';
      },
    },
    userKeys: { userKey: (platform, rawId) => `key:${platform}:${rawId.split('').reverse().join('')}` },
    settings,
    listArticles: (place) => (place ? articles.filter((article) => article.place?.includes(place)) : articles),
    retriever,
    addedArticles,
    ...(options.factBook ? { factBook: async () => options.factBook as FactBook } : {}),
    async addArticle(url, place) {
      addedArticles.push({ url, place });
      if (url.includes('/khong-co/')) return { kind: 'failed', reason: `${url}: HTTP 404` };
      return { kind: 'saved', title: 'Tiêm vắc xin phòng sởi cho trẻ em', published: '2025-09-02', place, changed: false };
    },
  };
}
