import { englishToVietnamese, memberCountTerms, questionFillers, vietnameseSynonyms } from './civic-glossary.js';
import { foldDiacritics, foldedKey, hasDiacritics, nfc, numberMatchKey, syllableKey, tokenize } from '../ingest/normalize-vietnamese.js';
import { askedMeasure, type Measure } from './asked-measure.js';
import { governmentLevels, type GovernmentLevel } from './entities.js';
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
  /** Words naming what is asked ("giờ làm việc" in an opening-hours question), weighed double when matching. */
  focus?: boolean;
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
  /** Ranges such as "nhiệm kỳ 2025-2030": a term, which an article of its first years may state without the years. */
  terms: Array<{ from: string; to: string }>;
  /** Text to hand the retrievers: the question plus Vietnamese expansions. */
  searchText: string;
  /** For "bao nhiêu X" / "mấy X" / "how many X": the first syllable of X (folded), to tie the number to its noun. */
  countedNoun?: string;
  /** The counted thing's first syllables after the cue ("bao nhiêu điểm cầu" → ["diem", "cau"]), folded. */
  countedPhrase?: string[];
  /** For an amount: the unit it must be in ("bao nhiêu km2", "dân số"), so an amount of something else does not answer. */
  measure?: Measure;
  /** The tier of government the asked-for title belongs to ("Phó Chủ tịch UBND xã" → local), when the question says. */
  level?: GovernmentLevel;
  /** The day of the week the question names, 2 (thứ Hai) to 7 (thứ Bảy) or 8 (Chủ nhật). */
  weekday?: number;
  /** Whether the question asks who holds an office now ("bây giờ", "hiện nay", "current"), so a later appointment wins. */
  asksCurrent?: boolean;
  /** Whether the question asks whether something is so ("có phải … không", "Was …?"): the sentence stating it answers. */
  asksYesNo?: boolean;
  /** Whether the question asks for a day of the week ("họp vào hôm nào trong tuần", "thứ mấy") rather than a date. */
  asksWeekday?: boolean;
  /**
   * "Ông X còn làm bí thư không?" is read first as who holds the office now; when nothing says that, this second
   * reading (a yes/no question about X, newest article first) finds what X does now.
   */
  aboutPerson?: AnalyzedQuestion;
  /** "buổi nào", "sáng hay chiều": the part of the day (morning, afternoon, evening) is the time asked for. */
  asksPartOfDay?: boolean;
  /** Whether the question asks when a document was issued or signed rather than when something happened. */
  asksIssueDate: boolean;
  /** Folded syllables of the place the question is about (its name and city), when known. */
  placeTokens?: string[];
}

// Question words, fillers and chat slang; compared tone-insensitively, or folded when the user typed no diacritics.
const STOPWORDS_ACCENTED = [
  'là', 'ai', 'gì', 'nào', 'bao', 'nhiêu', 'mấy', 'có', 'của', 'nhưng', 'ở', 'tại', 'và', 'thế', 'vậy', 'z', 'nhỉ', 'ạ', 'à',
  'ơi', 'không', 'ko', 'k', 'được', 'những', 'các', 'một', 'hiện', 'nay', 'giờ', 'bây', 'thì', 'mà', 'để', 'cho',
  'với', 'từ', 'đến', 'về', 'trong', 'ra', 'hôm', 'ngày', 'khi', 'lúc', 'đâu', 'sao', 'nhé', 'nha', 'hả', 'hở',
  'đang', 'đã', 'sẽ', 'bị', 'tên', 'gồm', 'này', 'đó', 'kia', 'vào', 'lần', 'thứ', 'bạn', 'mình', 'tôi',
  'biết', 'hỏi', 'hồi', 'mới', 'người', 'do', 'ông', 'bà', 'đồng', 'chí', 'năm', 'tháng', 'khoảng', 'chừng',
  'tất', 'cả', 'thì', 'còn', 'nữa', 'đấy', 'ấy', 'nhờ', 'giúp', 'cho', 'hãy', 'xem', 'ạ', 'nhiêu', 'i', 'ii', 'iii',
  'phường', 'xã', 'thị', 'trấn', 'quận', 'huyện', 'tỉnh', 'tp', 'làm', 'nằm', 'ngôi', 'cái', 'chiếc', 'lên', 'xuống', 'phần', 'trăm', 'tỷ', 'lệ',
  'chính', 'thức', 'sau', 'trước', 'bên', 'mang', 'tới', 'nên', 'rồi', 'chưa', 'cũng', 'lại', 'luôn', 'nhiều', 'ít', 'hết',
];
// "thành phố" and "chính thức" are dropped as words but kept in phrase matches below through the glossary where useful.
const STOPWORDS = new Set([...STOPWORDS_ACCENTED, ...questionFillers].map(syllableKey));
// Without diacritics many function words fold onto content words ("bị"/"bí", "thứ"/"thư", "đang"/"đảng", "hỏi"/"hội"),
// so only unambiguous ones are dropped from questions typed without them.
const STOPWORDS_FOLDED = new Set(
  ('la ai gi nao bao nhieu may co cua o tai va the vay z nhi a oi khong ko k duoc nhung cac mot hien nay gio bay ' +
    'thi ma de cho voi den ve trong ra hom ngay khi luc dau sao nhe nha ha se ten gom kia vao lan minh ' +
    'biet moi nguoi ong thang khoang con nua giup hay xem phuong xa tp i ii iii sau truoc toi nen roi chua cung lai luon do lam ngoi cai chiec len xuong het').split(' ')
    .concat(questionFillers.map(foldedKey)),
);

// "có phải … không", "… đúng không": the frame of a yes/no question, not content the answer must hold.
const YES_NO = /^ (?:is|was|are|were|has|have|had|did|does|do|can|could|will|would|should) | co phai | (?:co|da|van|con|duoc) .*(?:khong|ko|k|chua|chu) *$/;
// "thành phố" in a question is part of a city's name ("Thành phố Hồ Chí Minh"), which the place filter already handles.
const COUNT_WORDS = new Set('hai ba bon nam sau bay tam chin muoi'.split(' '));
// "giữ chức vụ gì" asks for the titles written next to a name, whatever words introduce them.
const CUE_PHRASES = ['giu chuc vu', 'chuc vu', 'giu chuc', 'chuc danh', 'thanh pho', 'co phai', 'phai khong', 'phai ko', 'dung khong', 'dung ko', 'hay khong', 'mang so hieu', 'ty le', 'phan tram', 'bao nhieu', 'so hieu', 'ky hieu', 'so luong', 'so may', 'la gi', 'ten gi', 'thoi gian nao', 'thoi gian', 'lan thu nhat', 'lan thu', 'duong nao', 'dia chi nao', 'luc may gio', 'may gio'].map((phrase) => phrase.split(' '));

// Adverbs and modals a question adds that articles leave out ("lãnh đạo nào trực tiếp chỉ đạo" ↔ "Dự và chỉ đạo đại hội
// có …", "phải di dời bao nhiêu hộ" ↔ "di dời 655 hộ").
const MANNER_PHRASES = ['truc tiep', 'phai'].map((phrase) => phrase.split(' '));

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
  { type: 'location', folded: /\b(o dau|tai dau|den dau|ve dau|dia diem|dia chi|noi nao|cho nao|duong nao|thon nao|where|address|location)\b/ },
  { type: 'list', folded: /\b(may (?!ngay|gio|nam|thang)\S+ nao|(?:hai|ba|bon|sau|bay|tam|chin|muoi|[2-9]|1\d) (?!ngay|gio|nam|thang|lan)\S+(?: \S+)? nao|nhung ai|nhung (?:\S+ ){0,4}(?:nao|gi|dau)|cac (?:\S+ ){0,3}(?:nao|gi)|gom nhung|gom nhung ai|gom (?:nhung )?gi|which (?:\S+ ){0,2}(?:wards|communes|leaders|people|officials|\S+s)|what (?:\S+ ){0,2}(?:\S+s) (?:did|were|are|will)|who are)\b/ },
  // "Lãnh đạo tỉnh nào chỉ đạo …", "đồng chí nào": a leader is named, as for "ai".
  { type: 'person', folded: /(^|\s)(ai|ten (?:la )?gi|la nguoi nao|(?:lanh dao|dong chi)(?: \S+){0,2} nao|which(?: \S+){0,4} (?:official|leader|chairman|chairwoman|chairperson|secretary|director|principal)|who|whom)(\s|$)/ },
  { type: 'code', folded: /\b(so hieu|so may|ky hieu|what number)\b/ },
  { type: 'quantity', folded: /\b(bao nhieu|may|so luong|ty le|phan tram|how many|how much|what percentage|what rate|rate|percent|population|area|what (?:is|was|were|are) (?:the )?(?:\S+ ){0,4}(?:investment|cost|revenue|budget|income|target|number|total|amount|value|length|size|growth)|what (?:\S+ ){0,3}(?:target|growth|income|revenue|investment|cost|budget|funding))\b/ },
];

// Written with marks, "máy tính" and "đầu tiên" are no "mấy" or "đâu": only the question word itself may cue a type.
const CUE_WORDS: Record<string, string> = { may: 'mấy', dau: 'đâu' };

/** The question with words that fold onto a cue word but are written as another word ("máy", "đầu") set apart. */
function withoutLookAlikeCues(text: string): string {
  if (!hasDiacritics(text)) return text;
  return nfc(text).replace(/[\p{L}\p{M}]+/gu, (word) => {
    const cue = CUE_WORDS[foldDiacritics(word).toLowerCase()];
    return cue !== undefined && word.toLowerCase() !== cue ? `${word}q` : word;
  });
}

/** True for question words, fillers and chat particles: articles seldom write them, and they are no typo. */
export function isQuestionWord(word: string): boolean {
  return STOPWORDS.has(syllableKey(word)) || (!hasDiacritics(word) && STOPWORDS_FOLDED.has(foldedKey(word))) || ENGLISH_STOPWORDS.has(word.toLowerCase());
}

/** Guesses whether a question is English (otherwise Vietnamese, with or without diacritics). */
export function detectLanguage(text: string): Language {
  // Names keep their marks in English too ("the population of Đông Trà Bồng commune"): only the other words tell.
  const unnamed = text.split(/\s+/u).filter((word) => !/^\p{Lu}/u.test(word)).join(' ');
  if (hasDiacritics(unnamed)) return 'vi';
  const words = text.toLowerCase().match(/[a-z']+/g) ?? [];
  if (words.length === 0) return 'vi';
  const english = words.filter((word) => ENGLISH_MARKERS.has(word)).length;
  return english >= 1 && english / words.length >= 0.15 ? 'en' : 'vi';
}

/** Finds the answer types a question asks for, most specific first. */
export function detectAnswerTypes(text: string): AnswerType[] {
  const folded = ` ${foldDiacritics(withoutLookAlikeCues(text)).toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ')} `;
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
  const foldedText = ` ${foldDiacritics(text).toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ')} `;
  const asksWeekday = WEEKDAY_CUE.test(foldedText);
  const asksPartOfDay = PART_OF_DAY_CUE.test(foldedText);
  // "có hơn 3.000 đảng viên không?", "larger than 80 km²?": settled by the figure the article gives.
  const comparison = YES_NO.test(foldedText) && COMPARISON_CUE.test(foldedText);
  // "thứ mấy" reads as a count ("mấy"), but asks for a day of the week.
  // "Ông X còn làm bí thư không?": whether someone still holds an office is settled by who holds it now.
  const stillHolds = asksStillHolds(text, foldedText) && OFFICE_CUE.test(foldedText);
  const types = stillHolds ? ['person' as const] : asksPartOfDay ? ['time' as const] : comparison ? ['quantity' as const] : asksWeekday ? ['date' as const, ...detectAnswerTypes(text).filter((type) => type !== 'date' && type !== 'quantity' && type !== 'other')] : detectAnswerTypes(text);
  const years = [...text.matchAll(/\b(19\d{2}|20\d{2})\b/g)].map((match) => match[1] as string);
  const terms = [...text.matchAll(/\b((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})\b/g)].map((match) => ({ from: match[1] as string, to: match[2] as string }));
  // "họp buổi sáng hay buổi chiều": the choice offered is the frame of the question, not words the answer holds.
  // The figure compared with ("hơn 3.000") is the resident's guess, not one the article writes.
  const grouped = asksPartOfDay ? text.replace(PART_OF_DAY_FRAME, ' ') : comparison ? text.replace(COMPARED_FIGURE, ' ') : text;
  const allGroups = markFocus(language === 'en' ? englishGroups(grouped, placeTokens) : vietnameseGroups(grouped, placeTokens), types);
  // The person asked about is not what the answer must name: the holder now may be someone else.
  const groups = stillHolds ? allGroups.filter((group) => !(group.literal && group.texts.every((written) => /^\p{Lu}/u.test(written) && written.split(' ').every((word) => /^\p{Lu}/u.test(word))))) : allGroups;
  const expansions = groups.filter((group) => !group.literal).flatMap((group) => group.texts);
  const literals = groups.filter((group) => group.literal).flatMap((group) => group.texts);
  // English questions are searched through their Vietnamese expansions; the years they name are kept too.
  const searchText = language === 'en' ? [...expansions, ...literals, ...years, ...placeTokens].join(' ') : [text, ...expansions].join(' ');
  const countedNoun = findCountedNoun(text, language);
  const countedPhrase = countedNoun ? findCountedPhrase(text) : undefined;
  const measure = types.includes('quantity') ? askedMeasure(text, countedNoun) : undefined;
  const levels = language === 'en' ? englishLevels(text) : [...governmentLevels(text)];
  const weekday = language === 'vi' ? weekdayGroups(text).days[0] : undefined;
  const folded = ` ${foldDiacritics(text).toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ')} `;
  const analyzed: AnalyzedQuestion = {
    text,
    language,
    types,
    groups,
    years,
    terms,
    searchText,
    ...(countedNoun ? { countedNoun } : {}),
    ...(countedPhrase ? { countedPhrase } : {}),
    ...(measure ? { measure } : {}),
    ...(levels.length === 1 ? { level: levels[0] as GovernmentLevel } : {}),
    asksIssueDate: ISSUE_CUE.test(folded),
    ...(placeTokens.size > 0 ? { placeTokens: [...placeTokens] } : {}),
    ...(asksWeekday ? { asksWeekday } : {}),
    ...(asksPartOfDay ? { asksPartOfDay } : {}),
    ...(types[0] === 'other' && YES_NO.test(folded) ? { asksYesNo: true } : {}),
    ...(CURRENT_CUE.test(foldedText) || stillHolds ? { asksCurrent: true } : {}),
    ...(weekday ? { weekday } : {}),
  };
  if (!stillHolds || groups.length === allGroups.length) return analyzed;
  return { ...analyzed, aboutPerson: { ...analyzed, types: ['other'], groups: allGroups, asksYesNo: true } };
}

/** The noun a count question counts ("bao nhiêu đảng viên" → "dang"), undefined when it names none. */
/** Words that end an English noun phrase: the verb or preposition after "how many …". */
const ENGLISH_PHRASE_ENDS = new Set('has have had did do does are were was is will would can could in of at on for to from since by with were there'.split(' '));

function findCountedNoun(text: string, language: Language): string | undefined {
  if (language === 'en') {
    const match = /\bhow many ([a-z' -]+)/i.exec(text.toLowerCase());
    if (!match) return undefined;
    // The counted thing is the head of the noun phrase, its last noun: "how many dengue cases has …" counts cases.
    const all = (match[1] as string).split(/\s+/);
    const verbAt = all.findIndex((word) => ENGLISH_PHRASE_ENDS.has(word) || /..(?:ed|ing)$/.test(word));
    const words = all.slice(0, verbAt < 0 ? Math.min(all.length, 4) : verbAt);
    for (let end = words.length; end > 0; end--) {
      for (let start = Math.max(0, end - 3); start < end; start++) {
        const phrase = englishToVietnamese[words.slice(start, end).join(' ')];
        if (phrase?.[0]) return foldedKey(phrase[0].split(' ')[0] as string);
      }
    }
    return undefined;
  }
  const folded = tokenize(text).map((token) => foldedKey(token.text));
  for (let index = 0; index < folded.length; index++) {
    const afterCue = folded[index] === 'may' ? index + 1 : folded[index] === 'bao' && folded[index + 1] === 'nhieu' ? index + 2 : -1;
    if (afterCue < 0) continue;
    // "bao nhiêu loại thủ tục" counts procedures: "loại" is a classifier, not the counted thing.
    const noun = folded[afterCue] === 'loai' && folded[afterCue + 1] ? folded[afterCue + 1] : folded[afterCue];
    // "bao nhiêu phần trăm", "bao nhiêu tiền": a measure, not a counted thing.
    if (!noun || STOPWORDS_FOLDED.has(noun) || ['phan', 'tien', 'lan'].includes(noun)) return undefined;
    return noun;
  }
  return undefined;
}

// An opening-hours question names the office only loosely ("service centre"), while the hours sentence may say just
// "tại cả hai địa điểm": the words asking for the hours are what the answer must match.
const OPENING_HOURS_WORDS = new Set(['giờ làm việc', 'giờ mở cửa', 'thời gian tiếp nhận', 'thời gian làm việc']);

function markFocus(groups: TermGroup[], types: readonly AnswerType[]): TermGroup[] {
  if (types[0] !== 'time') return groups;
  return groups.map((group) => (group.texts.some((text) => OPENING_HOURS_WORDS.has(text)) ? { ...group, focus: true } : group));
}

// "Who chairs the People's Council of X commune": a title together with "commune"/"ward" asks for the local official.
const ENGLISH_TITLE = /\b(chair\w*|president|secretary|head|leads?|council|committee|director)\b/;

function englishLevels(text: string): GovernmentLevel[] {
  const lower = text.toLowerCase();
  if (!ENGLISH_TITLE.test(lower)) return [];
  const levels: GovernmentLevel[] = [];
  if (/\b(ward|commune)\b/.test(lower)) levels.push('local');
  if (/\b(province|provincial|city)\b/.test(lower)) levels.push('provincial');
  return levels;
}

const STILL_HOLDS = / (con|van|co con|van con) (lam|la|giu|giu chuc|dam nhiem|dam nhan|dang)? ?.*(khong|ko|k|chua|nua) |\bstill\b/;
// Written with marks, only "còn"/"vẫn" themselves say "still": the "Văn" of "Văn phòng" or a name folds the same.
const STILL_HOLDS_MARKED = / (còn|vẫn|có còn|vẫn còn) (làm|là|giữ|giữ chức|đảm nhiệm|đảm nhận|đang)? ?.*(không|ko|k|chưa|nữa) |\bstill\b/u;

/** Whether the question asks if someone still holds something ("bà X còn làm chủ tịch không?"). */
function asksStillHolds(text: string, foldedText: string): boolean {
  if (!hasDiacritics(text)) return STILL_HOLDS.test(foldedText);
  const lowered = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/g, ' ')} `;
  return STILL_HOLDS_MARKED.test(lowered);
}
const OFFICE_CUE = / (bi thu|chu tich|giam doc|truong|secretary|chair\w*|president|head|director) /;
const CURRENT_CUE = / (bay gio|hien nay|hien tai|hien dang|now|current|currently|present) /;
// A yes/no question comparing with a figure, or asking whether a target was beaten or a figure doubled (an age such as
// "trẻ dưới 1 tuổi" only says who is meant).
const COMPARISON_CUE = / (?:(?:nhieu |it |cao |lon |rong )?hon|tren|duoi|qua|vuot|it nhat|toi thieu|more than|over|above|under|below|larger than|bigger than|greater than|higher than|less than|fewer than|smaller than|at least|exceed\w*) \d(?![\d.,]* (?:tuoi|years? old))| gap (?:doi|ba|\d)| vuot (?:muc|chi tieu|ke hoach|con so|so|du toan)| (?:double|doubled|twice) /;
const COMPARED_FIGURE = /(?:(?:nhiều |ít |cao |lớn |rộng |nhieu |it |cao |lon |rong )?(?:hơn|hon)|trên|tren|dưới|duoi|quá|qua|vượt|vuot|ít nhất|it nhat|tối thiểu|toi thieu|more than|over|above|under|below|larger than|bigger than|greater than|higher than|less than|fewer than|smaller than|at least|exceed\w*)\s+\d[\d.,]*(?![\d.,]*\s*(?:tuổi|tuoi|years? old))/giu;
// "buổi nào", "sáng hay chiều": which part of the day.
const PART_OF_DAY_CUE = / (buoi nao|vao buoi gi|(?:buoi )?(?:sang|chieu|toi|trua) hay (?:buoi )?(?:sang|chieu|toi|trua)|morning or (?:the )?(?:afternoon|evening)|afternoon or (?:the )?(?:morning|evening)|what time of (?:the )?day) /;
const PART = '(?:s[aá]ng|chi[eề]u|t[oố]i|tr[uư]a)';
const PART_OF_DAY_FRAME = new RegExp(`(?:v[aà]o\\s+)?(?:bu[oổ]i\\s+)?${PART}\\s+hay\\s+(?:bu[oổ]i\\s+)?${PART}|(?:v[aà]o\\s+)?bu[oổ]i\\s+(?:n[aà]o|g[iì])|(?:in\\s+)?the\\s+morning\\s+or\\s+(?:the\\s+)?(?:afternoon|evening)|what\\s+time\\s+of\\s+(?:the\\s+)?day`, 'giu');
// "lần thứ mấy" asks an ordinal, not a day.
const WEEKDAY_CUE = / (trong tuan|(?<!lan )thu may|day of the week|which weekday|what weekday|which day of the week) /;
const ISSUE_CUE = / (ban hanh|de ngay|ngay ky|ky ban hanh|ky quyet dinh|ra doi|issued|signed|dated) /;

/** The two syllables after "bao nhiêu"/"mấy" when both are content words ("điểm cầu"), else the first alone. */
function findCountedPhrase(text: string): string[] | undefined {
  const folded = tokenize(text).filter((token) => !token.isNumber).map((token) => foldedKey(token.text));
  for (let index = 0; index < folded.length; index++) {
    const afterCue = folded[index] === 'may' ? index + 1 : folded[index] === 'bao' && folded[index + 1] === 'nhieu' ? index + 2 : -1;
    if (afterCue < 0) continue;
    const phrase: string[] = [];
    const start = folded[afterCue] === 'loai' && folded[afterCue + 1] ? afterCue + 1 : afterCue;
    for (const word of folded.slice(start, start + 2)) {
      if (STOPWORDS_FOLDED.has(word)) break;
      phrase.push(word);
    }
    return phrase.length ? phrase : undefined;
  }
  return undefined;
}

const WEEKDAY_NAMES = ['hai', 'ba', 'tư', 'năm', 'sáu', 'bảy'];
// After these nouns "thứ hai" is an ordinal ("địa điểm thứ hai", "lần thứ ba"), not a weekday.
const ORDINAL_NOUNS = new Set('lan diem ban ky khoa phien dot vong hang tang lop giai vi chuong dieu khoan muc cau nam thang tuan nhiem nghi hoi truong xa phuong khu to so nguoi'.split(' '));

/**
 * "thứ 7", "thu bay", "T7": a weekday, as articles write it either way ("thứ Bảy", "thứ 7"). Returns its group and the
 * character offsets of the tokens it uses, which are then neither content words nor a number to match.
 */
function weekdayGroups(text: string): { groups: TermGroup[]; used: Set<number>; days: number[] } {
  const all = tokenize(text);
  const groups: TermGroup[] = [];
  const used = new Set<number>();
  const days: number[] = [];
  all.forEach((token, index) => {
    const key = foldedKey(token.text);
    const next = all[index + 1];
    let day: number | undefined;
    if (/^t[2-7]$/.test(key)) day = Number(key.slice(1));
    else if (key === 'thu' && next?.isNumber && /^[2-7]$/.test(next.text)) day = Number(next.text);
    else if (key === 'thu' && next && !next.isNumber) {
      const at = WEEKDAY_NAMES.findIndex((name) => foldedKey(name) === foldedKey(next.text));
      if (at >= 0) day = at + 2;
    }
    const previous = all[index - 1];
    if (day === undefined || (key === 'thu' && previous && ORDINAL_NOUNS.has(foldedKey(previous.text)))) return;
    const name = WEEKDAY_NAMES[day - 2] as string;
    days.push(day);
    groups.push({ phrases: [['thu', foldedKey(name)], ['thu', String(day)]], literal: false, texts: [`thứ ${name}`, `thứ ${day}`] });
    used.add(token.start);
    if (key === 'thu' && next) used.add(next.start);
  });
  return { groups, used, days };
}

/**
 * "Ban chấp hành … có bao nhiêu người" counts members, not residents: when the question names something other than
 * the population, "bao nhiêu người" stops expanding to "dân số" (which would pull population sentences instead).
 */
function countMembersOfNamedBody(groups: TermGroup[]): void {
  const index = groups.findIndex((group) => group.texts[0] === 'bao nhiêu người');
  const others = groups.filter((_, at) => at !== index);
  if (index < 0 || others.length === 0 || others.some((group) => group.phrases.some((phrase) => phrase.includes('dan')))) return;
  const texts = ['bao nhiêu người', ...memberCountTerms];
  groups[index] = { phrases: texts.map((phrase) => phrase.split(' ').map(foldedKey)), literal: false, texts };
}

// Without diacritics "nghi" may be "nghỉ" (a synonym key) or the "nghị" of "nghị quyết": inside these compounds it is
// never the one-syllable word.
const FOLDED_COMPOUNDS = ['nghi quyet', 'nghi dinh', 'hoi nghi', 'de nghi', 'kien nghi', 'noi dung', 'noi vu', 'tien do', 'tien hanh', 'hop tac', 'hop dong', 'cho o'].map((phrase) => phrase.split(' '));

function inFoldedCompound(folded: readonly string[], index: number): boolean {
  return FOLDED_COMPOUNDS.some(([first, second]) => (folded[index] === first && folded[index + 1] === second) || (folded[index - 1] === first && folded[index] === second));
}

function vietnameseGroups(text: string, placeTokens: ReadonlySet<string>): TermGroup[] {
  const weekdays = weekdayGroups(text);
  // "nam 2021" typed without diacritics is "năm 2021": the year is kept apart, the word is no content.
  const all = tokenize(text);
  const yearWords = new Set(all.filter((token, index) => foldedKey(token.text) === 'nam' && /^(19|20)\d{2}$/.test(all[index + 1]?.text ?? '')).map((token) => token.start));
  const tokens = all.filter((token) => !token.isNumber && !weekdays.used.has(token.start) && !yearWords.has(token.start));
  const typedWithoutDiacritics = !hasDiacritics(text);
  const folded = tokens.map((token) => foldedKey(token.text));
  // Compare synonyms tone-sensitively when the user typed diacritics ("nối" is not "nơi"), folded otherwise.
  const comparable = typedWithoutDiacritics ? folded : tokens.map((token) => syllableKey(token.text));
  const comparableKey = (word: string) => (typedWithoutDiacritics ? foldedKey(word) : syllableKey(word));
  const groups: TermGroup[] = [...weekdays.groups];
  const covered = new Set<number>();
  // Synonym phrases first (longest first), so "gộp" or "sáp nhập" match the wording articles use.
  const synonymKeys = Object.keys(vietnameseSynonyms).sort((a, b) => b.length - a.length);
  const isContent = (at: number) => at >= 0 && at < folded.length && !STOPWORDS_FOLDED.has(folded[at] as string) && !placeTokens.has(folded[at] as string);
  for (const key of synonymKeys) {
    const keyTokens = key.split(' ').map(comparableKey);
    for (let index = 0; index + keyTokens.length <= comparable.length; index++) {
      if (typedWithoutDiacritics && keyTokens.length === 1 && inFoldedCompound(folded, index)) continue;
      // Typed without marks, "cho" is far more often "for" than the glossary's "chỗ".
      if (typedWithoutDiacritics && keyTokens.length === 1 && STOPWORDS_FOLDED.has(keyTokens[0] as string) && hasDiacritics(key)) continue;
      // Typed without marks, a syllable next to another content syllable is part of a word ("ung cu" is "ứng cử",
      // not "cũ"): a one-syllable glossary word with marks is only read into a syllable standing alone.
      if (typedWithoutDiacritics && keyTokens.length === 1 && hasDiacritics(key) && (isContent(index - 1) || isContent(index + 1))) continue;
      if (keyTokens.every((token, offset) => comparable[index + offset] === token && !covered.has(index + offset))) {
        const texts = [key, ...(vietnameseSynonyms[key] ?? [])];
        groups.push({ phrases: texts.map((phrase) => phrase.split(' ').map(foldedKey)), literal: false, texts });
        keyTokens.forEach((_, offset) => covered.add(index + offset));
      }
    }
  }
  // Words that only say what kind of fact is asked for ("tỷ lệ", "số hiệu") are not content to find.
  for (const cue of [...CUE_PHRASES, ...MANNER_PHRASES]) {
    for (let index = 0; index + cue.length <= folded.length; index++) {
      if (cue.every((token, offset) => folded[index + offset] === token)) cue.forEach((_, offset) => covered.add(index + offset));
    }
  }
  // "từ ba xã nào": the count of a list asked for is no content the answer must repeat (articles write "từ 3 xã").
  folded.forEach((key, index) => {
    if (COUNT_WORDS.has(key) && (folded[index + 2] === 'nao' || folded[index + 3] === 'nao')) covered.add(index);
  });
  // Runs of adjacent content syllables become bigram groups ("dân số" must occur as such, not as "người dân … số");
  // a lone content syllable is its own group.
  const runs: number[][] = [];
  let run: number[] = [];
  let capitalised = 0;
  tokens.forEach((token, index) => {
    const key = folded[index] as string;
    const isStopword = typedWithoutDiacritics ? STOPWORDS_FOLDED.has(key) : STOPWORDS.has(syllableKey(token.text));
    // A name ends where its capitals do: "Vũ Tiến Phụng giữ chức" pairs no "Phụng giữ" an article would never write.
    const isCapital = /^\p{Lu}/u.test(token.text);
    if (covered.has(index) || placeTokens.has(key) || isStopword || (!isCapital && capitalised >= 2)) {
      if (run.length) runs.push(run);
      run = [];
      capitalised = 0;
      if (covered.has(index) || placeTokens.has(key) || isStopword) return;
    }
    capitalised = isCapital ? capitalised + 1 : 0;
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
  countMembersOfNamedBody(groups);
  for (const number of tokenize(text).filter((token) => token.isNumber && !weekdays.used.has(token.start))) {
    if (!/^(19|20)\d{2}$/.test(number.text)) groups.push({ phrases: [[numberMatchKey(number.text)]], literal: true, texts: [number.text] });
  }
  return groups;
}

function englishGroups(text: string, placeTokens: ReadonlySet<string>): TermGroup[] {
  let lower = ` ${text.toLowerCase().replace(/[’`]/g, "'").replace(/[^a-z0-9'\s-]/g, ' ').replace(/\s+/g, ' ')} `;
  const groups: TermGroup[] = englishDateGroups(lower);
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
    // A capitalised English word ("Party", "Committee") is no Vietnamese name: articles never write it.
    if (!VIETNAMESE_SYLLABLE.test(folded)) return;
    groups.push({ phrases: [[folded]], literal: true, texts: [word] });
  });
  return groups;
}

/** The shape of a Vietnamese syllable written without marks: an initial consonant, one to three vowels, a final. */
const VIETNAMESE_SYLLABLE = /^(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$/;

const MONTHS = 'january february march april may june july august september october november december'.split(' ');
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? (?:of )?(${MONTHS.join('|')})\\b|\\b(${MONTHS.join('|')}) (\\d{1,2})(?:st|nd|rd|th)?\\b`, 'g');

/** "1 July", "July 1st": the day as articles write it ("1/7"), which folds to the syllables "1 7". */
function englishDateGroups(lower: string): TermGroup[] {
  const groups: TermGroup[] = [];
  for (const match of lower.matchAll(DAY_MONTH)) {
    const day = Number(match[1] ?? match[4]);
    const month = MONTHS.indexOf((match[2] ?? match[3]) as string) + 1;
    if (day < 1 || day > 31) continue;
    groups.push({ phrases: [[String(day), String(month)]], literal: true, texts: [`${day}/${month}`] });
  }
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
