import { englishToVietnamese, questionFillers, vietnameseSynonyms } from './civic-glossary.js';
import { foldDiacritics, foldedKey, hasDiacritics, nfc, numberKey, syllableKey, tokenize } from '../ingest/normalize-vietnamese.js';
import type { Language } from './types.js';

/** The kind of fact a question asks for, used to pick a sentence that holds one. */
export type AnswerType = 'person' | 'quantity' | 'date' | 'time' | 'location' | 'list' | 'code' | 'phone' | 'other';

/** A set of alternative phrases (each a list of diacritic-folded syllables); satisfied when any phrase occurs. */
export interface TermGroup {
  /** Each alternative, as folded syllable keys in order. */
  phrases: string[][];
  /** From the question itself (true) or from the glossary (false). */
  literal: boolean;
  /** The alternatives as written (with diacritics), for the search text. */
  texts: string[];
  /** For a bigram of adjacent question words: which run of content words it comes from, and where. */
  run?: { id: number; position: number };
}

/** What the answerer needs to know about a question. */
export interface AnalyzedQuestion {
  text: string;
  language: Language;
  types: AnswerType[];
  /** Content the answer sentence should cover (question words, fillers and place names removed). */
  groups: TermGroup[];
  /** Years the question names (a fact of another year must not answer it). */
  years: string[];
  /** Text to hand the retrievers: the question plus Vietnamese expansions. */
  searchText: string;
  /** For "bao nhiêu X" / "mấy X" / "how many X": the first syllable of X (folded), to tie the number to its noun. */
  countedNoun?: string;
}

// Question words, fillers and chat slang; compared tone-insensitively, or folded when the user typed no diacritics.
const STOPWORDS_ACCENTED = [
  'là', 'ai', 'gì', 'nào', 'bao', 'nhiêu', 'mấy', 'có', 'của', 'ở', 'tại', 'và', 'thế', 'vậy', 'z', 'nhỉ', 'ạ', 'à',
  'ơi', 'không', 'ko', 'k', 'được', 'những', 'các', 'một', 'hiện', 'nay', 'giờ', 'bây', 'thì', 'mà', 'để', 'cho',
  'với', 'từ', 'đến', 'về', 'trong', 'ra', 'hôm', 'ngày', 'khi', 'lúc', 'đâu', 'sao', 'nhé', 'nha', 'hả', 'hở',
  'đang', 'đã', 'sẽ', 'bị', 'tên', 'gồm', 'này', 'đó', 'kia', 'vào', 'lần', 'thứ', 'bạn', 'mình', 'tôi',
  'biết', 'hỏi', 'hồi', 'mới', 'người', 'do', 'ông', 'bà', 'đồng', 'chí', 'năm', 'tháng', 'khoảng', 'chừng',
  'tất', 'cả', 'thì', 'còn', 'nữa', 'đấy', 'ấy', 'nhờ', 'giúp', 'cho', 'hãy', 'xem', 'ạ', 'nhiêu', 'i', 'ii', 'iii',
  'phường', 'xã', 'thị', 'trấn', 'quận', 'huyện', 'tỉnh', 'tp', 'làm', 'nằm', 'ngôi', 'cái', 'chiếc', 'lên', 'xuống', 'phần', 'trăm', 'tỷ', 'lệ',
  'chính', 'thức', 'sau', 'trước', 'mang', 'tới', 'nên', 'rồi', 'chưa', 'cũng', 'lại', 'luôn', 'nhiều', 'ít',
];
// "thành phố" and "chính thức" are dropped as words but kept in phrase matches below through the glossary where useful.
const STOPWORDS = new Set([...STOPWORDS_ACCENTED, ...questionFillers].map(syllableKey));
// Without diacritics many function words fold onto content words ("bị"/"bí", "thứ"/"thư", "đang"/"đảng", "hỏi"/"hội"),
// so only unambiguous ones are dropped from questions typed without them.
const STOPWORDS_FOLDED = new Set(
  ('la ai gi nao bao nhieu may co cua o tai va the vay z nhi a oi khong ko k duoc nhung cac mot hien nay gio bay ' +
    'thi ma de cho voi den ve trong ra hom ngay khi luc dau sao nhe nha ha se ten gom kia vao lan minh ' +
    'biet moi nguoi ong thang khoang con nua giup hay xem phuong xa tp i ii iii sau truoc toi nen roi chua cung lai luon do lam ngoi cai chiec len xuong').split(' ')
    .concat(questionFillers.map(foldedKey)),
);

const CUE_PHRASES = ['ty le', 'phan tram', 'bao nhieu', 'so hieu', 'ky hieu', 'so luong', 'so may', 'la gi', 'ten gi', 'thoi gian nao', 'thoi gian', 'lan thu nhat', 'lan thu', 'duong nao', 'dia chi nao', 'luc may gio', 'may gio'].map((phrase) => phrase.split(' '));

const ENGLISH_STOPWORDS = new Set(
  ('what who whom whose is are was were the a an of in on at for to how many much when where which did does do after ' +
    'during by with and its it there this that be been has have had current currently new now please tell me i you ' +
    'january february march april may june july august september october november december monday tuesday wednesday ' +
    'thursday friday saturday sunday since until ' +
    'your our we us about from as than then total number first second last s ward commune city province')
    .split(' '),
);
const ENGLISH_MARKERS = new Set(
  'what who whom whose is are was were the of how many much when where which did does do ward commune city'.split(' '),
);

const TYPE_CUES: Array<{ type: AnswerType; folded: RegExp }> = [
  { type: 'phone', folded: /\b(so dien thoai|dien thoai|duong day nong|hotline|phone|goi (?:\S+ ){0,5}so (?:nao|may|gi))\b/ },
  { type: 'time', folded: /\b(may gio|gio lam viec|gio mo cua|opening hours|what time|hours)\b/ },
  { type: 'date', folded: /\b(ngay nao|hom nao|khi nao|bao gio|luc nao|hoi nao|thoi gian nao|thang nao|thang may|nam nao|ngay bao nhieu|when|what date|what day|which day)\b/ },
  { type: 'location', folded: /\b(o dau|dia diem|dia chi|noi nao|cho nao|duong nao|thon nao|where|address|location)\b/ },
  { type: 'list', folded: /\b(may (?!ngay|gio|nam|thang)\S+ nao|nhung ai|nhung (?:\S+ ){0,3}nao|cac (?:\S+ ){0,3}nao|gom nhung|gom nhung ai|which (?:wards|communes|leaders|people|officials)|who are)\b/ },
  { type: 'person', folded: /(^|\s)(ai|ten gi|la nguoi nao|who|whom)(\s|$)/ },
  { type: 'code', folded: /\b(so hieu|so may|ky hieu|what number)\b/ },
  { type: 'quantity', folded: /\b(bao nhieu|may|so luong|ty le|phan tram|how many|how much|what percentage|what rate|rate|percent|population|area)\b/ },
];

/** Guesses whether a question is English (otherwise Vietnamese, with or without diacritics). */
export function detectLanguage(text: string): Language {
  if (hasDiacritics(text)) return 'vi';
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  if (words.length === 0) return 'vi';
  const english = words.filter((word) => ENGLISH_MARKERS.has(word)).length;
  return english >= 1 && english / words.length >= 0.15 ? 'en' : 'vi';
}

/** Finds the answer types a question asks for, most specific first. */
export function detectAnswerTypes(text: string): AnswerType[] {
  const folded = ` ${foldDiacritics(text).toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ')} `;
  const types: AnswerType[] = [];
  for (const cue of TYPE_CUES) {
    if (cue.folded.test(folded) && !types.includes(cue.type)) types.push(cue.type);
  }
  if (types.includes('list') && types.includes('person')) types.splice(types.indexOf('person'), 1);
  // "mấy giờ" asks for a time of day, not a count.
  if (types.includes('time') && types.includes('quantity')) types.splice(types.indexOf('quantity'), 1);
  // "mấy xã nào" asks which ones, not how many.
  if (types.includes('list') && types.includes('quantity')) types.splice(types.indexOf('quantity'), 1);
  return types.length ? types : ['other'];
}

/**
 * Analyses a question: language, answer types, the content terms an answer must cover and the text to search with.
 * `placeTokens` are folded syllables of the place the question names; they are removed from the content terms because
 * retrieval already filters by place.
 */
export function analyzeQuestion(rawText: string, placeTokens: ReadonlySet<string> = new Set()): AnalyzedQuestion {
  const text = nfc(rawText).trim();
  const language = detectLanguage(text);
  const types = detectAnswerTypes(text);
  const years = [...text.matchAll(/\b(19\d{2}|20\d{2})\b/g)].map((match) => match[1] as string);
  const groups = language === 'en' ? englishGroups(text, placeTokens) : vietnameseGroups(text, placeTokens);
  const expansions = groups.filter((group) => !group.literal).flatMap((group) => group.texts);
  const literals = groups.filter((group) => group.literal).flatMap((group) => group.texts);
  const searchText = language === 'en' ? [...expansions, ...literals, ...placeTokens].join(' ') : [text, ...expansions].join(' ');
  const countedNoun = findCountedNoun(text, language);
  return { text, language, types, groups, years, searchText, ...(countedNoun ? { countedNoun } : {}) };
}

/** The noun a count question counts ("bao nhiêu đảng viên" → "dang"), undefined when it names none. */
function findCountedNoun(text: string, language: Language): string | undefined {
  if (language === 'en') {
    const match = /\bhow many ([a-z' -]+)/i.exec(text.toLowerCase());
    if (!match) return undefined;
    const words = (match[1] as string).split(/\s+/);
    for (let length = Math.min(3, words.length); length > 0; length--) {
      const phrase = englishToVietnamese[words.slice(0, length).join(' ')];
      if (phrase?.[0]) return foldedKey(phrase[0].split(' ')[0] as string);
    }
    return undefined;
  }
  const folded = tokenize(text).map((token) => foldedKey(token.text));
  for (let index = 0; index < folded.length; index++) {
    const afterCue = folded[index] === 'may' ? index + 1 : folded[index] === 'bao' && folded[index + 1] === 'nhieu' ? index + 2 : -1;
    if (afterCue < 0) continue;
    const noun = folded[afterCue];
    // "bao nhiêu phần trăm", "bao nhiêu tiền": a measure, not a counted thing.
    if (!noun || STOPWORDS_FOLDED.has(noun) || ['phan', 'tien', 'lan'].includes(noun)) return undefined;
    return noun;
  }
  return undefined;
}

function vietnameseGroups(text: string, placeTokens: ReadonlySet<string>): TermGroup[] {
  const tokens = tokenize(text).filter((token) => !token.isNumber);
  const typedWithoutDiacritics = !hasDiacritics(text);
  const folded = tokens.map((token) => foldedKey(token.text));
  // Compare synonyms tone-sensitively when the user typed diacritics ("nối" is not "nơi"), folded otherwise.
  const comparable = typedWithoutDiacritics ? folded : tokens.map((token) => syllableKey(token.text));
  const comparableKey = (word: string) => (typedWithoutDiacritics ? foldedKey(word) : syllableKey(word));
  const groups: TermGroup[] = [];
  const covered = new Set<number>();
  // Synonym phrases first (longest first), so "gộp" or "sáp nhập" match the wording articles use.
  const synonymKeys = Object.keys(vietnameseSynonyms).sort((a, b) => b.length - a.length);
  for (const key of synonymKeys) {
    const keyTokens = key.split(' ').map(comparableKey);
    for (let index = 0; index + keyTokens.length <= comparable.length; index++) {
      if (keyTokens.every((token, offset) => comparable[index + offset] === token && !covered.has(index + offset))) {
        const texts = [key, ...(vietnameseSynonyms[key] ?? [])];
        groups.push({ phrases: texts.map((phrase) => phrase.split(' ').map(foldedKey)), literal: false, texts });
        keyTokens.forEach((_, offset) => covered.add(index + offset));
      }
    }
  }
  // Words that only say what kind of fact is asked for ("tỷ lệ", "số hiệu") are not content to find.
  for (const cue of CUE_PHRASES) {
    for (let index = 0; index + cue.length <= folded.length; index++) {
      if (cue.every((token, offset) => folded[index + offset] === token)) cue.forEach((_, offset) => covered.add(index + offset));
    }
  }
  // Runs of adjacent content syllables become bigram groups ("dân số" must occur as such, not as "người dân … số");
  // a lone content syllable is its own group.
  const runs: number[][] = [];
  let run: number[] = [];
  tokens.forEach((token, index) => {
    const key = folded[index] as string;
    const isStopword = typedWithoutDiacritics ? STOPWORDS_FOLDED.has(key) : STOPWORDS.has(syllableKey(token.text));
    if (covered.has(index) || placeTokens.has(key) || isStopword) {
      if (run.length) runs.push(run);
      run = [];
      return;
    }
    run.push(index);
  });
  if (run.length) runs.push(run);
  runs.forEach((indices, runId) => {
    if (indices.length === 1) {
      const index = indices[0] as number;
      groups.push({ phrases: [[folded[index] as string]], literal: true, texts: [(tokens[index] as { text: string }).text] });
      return;
    }
    for (let position = 0; position + 1 < indices.length; position++) {
      const first = indices[position] as number;
      const second = indices[position + 1] as number;
      groups.push({
        phrases: [[folded[first] as string, folded[second] as string]],
        literal: true,
        texts: [`${(tokens[first] as { text: string }).text} ${(tokens[second] as { text: string }).text}`],
        run: { id: runId, position },
      });
    }
  });
  for (const number of tokenize(text).filter((token) => token.isNumber)) {
    if (!/^(19|20)\d{2}$/.test(number.text)) groups.push({ phrases: [[numberKey(number.text)]], literal: true, texts: [number.text] });
  }
  return groups;
}

function englishGroups(text: string, placeTokens: ReadonlySet<string>): TermGroup[] {
  let lower = ` ${text.toLowerCase().replace(/[’`]/g, "'").replace(/[^a-z0-9'\s-]/g, ' ').replace(/\s+/g, ' ')} `;
  const groups: TermGroup[] = [];
  const keys = Object.keys(englishToVietnamese).sort((a, b) => b.length - a.length);
  for (const key of keys) {
    const pattern = ` ${key} `;
    if (!lower.includes(pattern)) continue;
    const texts = [...(englishToVietnamese[key] ?? [])];
    const phrases = texts.map((phrase) => tokenize(phrase).map((token) => foldedKey(token.text)));
    if (!['ward', 'commune', 'city', 'province'].includes(key)) groups.push({ phrases: phrases.filter((phrase) => phrase.length > 0), literal: false, texts });
    lower = lower.split(pattern).join(' ');
  }
  // Names the glossary can't know ("Pham Dinh Toai street") are matched as written, without diacritics.
  const consumed = new Set(lower.trim().split(' ').filter(Boolean));
  text.split(/\s+/).forEach((raw, index) => {
    const word = raw.replace(/[^\p{L}\p{N}]/gu, '');
    const folded = foldedKey(word);
    if (index === 0 || !/^\p{Lu}/u.test(word) || !consumed.has(word.toLowerCase())) return;
    if (ENGLISH_STOPWORDS.has(folded) || placeTokens.has(folded)) return;
    groups.push({ phrases: [[folded]], literal: true, texts: [word] });
  });
  return groups;
}

/** True when a folded, space-joined text contains the phrase as whole syllables. */
export function containsPhrase(foldedTokens: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  outer: for (let index = 0; index + phrase.length <= foldedTokens.length; index++) {
    for (let offset = 0; offset < phrase.length; offset++) {
      if (foldedTokens[index + offset] !== phrase[offset]) continue outer;
    }
    return true;
  }
  return false;
}
