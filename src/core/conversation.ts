import { findPersons } from './entities.js';
import { detectLanguage } from './question-analysis.js';
import { foldDiacritics, foldedKey, nfc, tokenize } from '../ingest/normalize-vietnamese.js';
import type { PlaceMatch, PlaceResolver } from './ports.js';
import type { AskResult, Language } from './types.js';
import type { ConversationState, ConversationTurn } from './conversation-state.js';

export type { ConversationState, ConversationTurn, PendingClarification } from './conversation-state.js';

/**
 * Conversations, as pure functions: the previous turns and a follow-up message give a standalone question (with its
 * place written out) that the answering core can take on its own; the answer then updates what the next turn carries.
 * Everything here is general mechanism — follow-up markers, pronouns, offices, places — never a ward or a person.
 */

/** How a message is to be handled. */
export type TurnPlan =
  | { kind: 'reset' }
  | {
      kind: 'ask';
      /** The question to answer, standing on its own. */
      standalone: string;
      /** The standalone question without its place mention, `PLACE_SLOT` where it stood. */
      frame: string;
      /** Label of the place the question is about, when known. */
      place?: string;
      /** True when the place came from the conversation (or a clarification) rather than this message's own words. */
      placeAssumed: boolean;
      /** How the message was completed, for logs and tests. */
      rewrite: 'none' | 'carried-place' | 'clarification' | 'elliptic' | 'pronoun' | 'subject';
      /** The person a pronoun stood for. */
      person?: string;
      /** The thing the question is about ("xây nhà văn hóa"), for a later "chỗ đó" or a follow-up with no subject. */
      topic?: string;
      /** The language to answer in: the resident's message together with the question it completes (a bare "2" or "and its area?" says little). */
      language: Language;
    };

/** How many turns a conversation keeps: enough for pronouns and ellipsis, little enough to stay private and cheap. */
export const MAX_TURNS = 4;
/** Answers are kept only this long (for the condense step); the answer log has the rest. */
const ANSWER_KEPT = 300;
/** Marks where a frame's place mention stood: one character that is no word, so offsets and tokens stay as they were. */
export const PLACE_SLOT = '§';

/** An empty conversation. */
export function newConversation(): ConversationState {
  return { turns: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Words, compared diacritic-folded and lower-cased.

interface Word {
  folded: string;
  start: number;
  end: number;
}

function words(text: string): Word[] {
  return tokenize(nfc(text)).map((token) => ({ folded: foldedKey(token.text), start: token.start, end: token.end }));
}

const phrases = (list: string) => list.split(',').map((phrase) => phrase.trim().split(' '));

/** Where `phrase` (folded syllables) occurs in `list` from `from` on, or -1. */
function indexOfPhrase(list: readonly Word[], phrase: readonly string[], from = 0): number {
  for (let index = from; index + phrase.length <= list.length; index++) {
    if (phrase.every((key, offset) => list[index + offset]?.folded === key)) return index;
  }
  return -1;
}

/** Replaces `[start, end)` of `text` and tidies the spaces around it. */
function splice(text: string, start: number, end: number, insert: string): string {
  return tidy(`${text.slice(0, start)}${insert}${text.slice(end)}`);
}

function tidy(text: string): string {
  return text
    .replace(/\(\s*\)/g, ' ')
    .replace(/\s+([?,.!)])/g, '$1')
    .replace(/([(])\s+/g, '$1')
    .replace(/,\s*,/g, ',')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s,]+/, '')
    .trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary of chat follow-ups (folded).

/** "bắt đầu lại", "/moi": forget the conversation. */
const RESET_COMMANDS = new Set(['bat dau lai', 'bat dau lai tu dau', 'hoi lai tu dau', 'cuoc tro chuyen moi', '/moi', '/new', '/reset', 'start over', 'new conversation']);
const POLITE_ENDINGS = new Set(['a', 'nhe', 'nha', 'nhi', 'vay', 'di', 'ha', 'please', 'z']);

/** Openings that mark a message as continuing the previous question ("còn…", "thế…", "and…", "what about…"). */
const FOLLOW_UP_OPENINGS = phrases('the con, vay con, con ve, con, the thi, the, vay thi, vay, and what about, and how about, what about, how about, and for, and the, and');
/** Endings that ask the previous question again about something else ("… thì sao?", "… thì thế nào?", "… nữa?"). */
const FOLLOW_UP_ENDINGS = phrases('thi sao, thi the nao, thi nhu the nao, the nao, thi sao a, nua, thi, then, too');
/** Question words: a message holding one asks something itself. */
const QUESTION_WORDS = phrases(
  'ai, gi, nao, bao nhieu, bao lau, bao xa, may, dau, khi nao, bao gio, luc nao, the nao, nhu the nao, tai sao, vi sao, co khong, khong, chua, ' +
    'who, whom, whose, what, when, where, which, how, why',
);
/** Question words that count a thing named after them ("bao nhiêu đại biểu", "mấy người"). */
const COUNTING_WORDS = phrases('bao nhieu, may');
/** Words that only link a question word to its phrase ("được bao nhiêu", "là ai", "ở đâu", "lúc mấy giờ"). */
const LINKING_WORDS = new Set('la duoc co o tai vao luc den tu trong chiem dat khoang is are was were the in at of'.split(' '));
/** Words that end a noun phrase inside a question (a topic swapped for another stops at them). */
const PHRASE_BOUNDARIES = new Set(
  ('la duoc co o tai vao luc den tu trong chiem dat khoang nam thang ngay cua va thi hien nay bao nhieu may ai gi nao dau ' +
    'tong sau truoc nhiem ky tren duoi cho voi khi nhu lan is are was were of in at for the')
    .split(' '),
);
/** Fillers that carry nothing once the question is standalone. */
const FILLERS = new Set('a nhe nha nhi vay di ha z ay thi the oi'.split(' '));

/** Words that stand for the person the conversation is about. */
const PERSON_PRONOUNS = phrases(
  'ong ay, ba ay, anh ay, chi ay, co ay, ong ta, ba ta, anh ta, chi ta, co ta, ong nay, ba nay, ong do, ba do, nguoi nay, nguoi do, ' +
    'vi nay, vi do, dong chi ay, dong chi do, dong chi nay, ong, ba, he, she, him, her, his',
);
/** English pronouns: always a pronoun wherever they stand, and followed by a name without a Vietnamese form of address. */
const ENGLISH_PERSON_PRONOUNS = new Set(['he', 'she', 'him', 'her', 'his']);
/** Forms of address kept in front of a name that replaces "ông ấy", "bà ấy"… */
const FORMS_OF_ADDRESS = new Set(['ong', 'ba', 'anh', 'chi', 'co']);
/** Words that stand for the thing or place the previous question was about. */
const THING_PRONOUNS = phrases('cho do, cho nay, noi do, noi nay, dia diem do, dia diem nay, cong trinh do, cong trinh nay, du an do, du an nay, cai do, cai nay, it, that, there');
/** Words that stand for the ward itself ("xã đó", "phường này"). */
const PLACE_PRONOUNS = phrases('phuong do, phuong nay, phuong ay, xa do, xa nay, xa ay, dia phuong do, dia phuong nay, that ward, this ward, that commune, this commune');
const YEAR_PRONOUNS = phrases('nam do, nam ay, nam nay, that year');
/** Words that stand for what the previous answer said ("thông tin đó": who gave it, when). */
const STATEMENT_PRONOUNS = phrases('thong tin do, thong tin nay, thong tin tren, thong tin ay, dieu do, dieu nay, viec do, viec nay, tin do, tin nay, chuyen do, chuyen nay');
/** Longest previous answer a "thông tin đó" is replaced with; a longer one drowns the question. */
const MAX_STATEMENT_WORDS = 30;
/** Words before a dropped "chỗ đó" that went with it ("ở chỗ đó"). */
const POSITION_LEAD_INS = new Set(['o', 'tai']);

/**
 * Words a Vietnamese question opens with when its subject was dropped ("tốn bao nhiêu tiền?", "được thành lập khi
 * nào?"): a verb or a passive marker first means the subject is the thing the conversation was about. Compared with
 * their marks, since folded they are nouns too ("giảm"/"giám đốc", "bị"/"bí thư"). Left out: nouns that are also
 * verbs ("thu", "chi": "chi thường xuyên …" has its subject), verbs whose dropped subject is the resident ("cần",
 * "phải", "làm": "cần mang giấy tờ gì?") and "có", whose dropped subject is the ward ("có bao nhiêu dân?").
 */
const PREDICATE_OPENINGS = (
  'tốn, mất, hết, được, bị, gồm, thuộc, nằm, kéo dài, diễn ra, bắt đầu, kết thúc, hoàn thành, khởi công, đạt, chiếm, ' +
  'rộng, dài, cao, sâu, cách, xây, khai mạc, bế mạc, khai trương, sáp nhập, gộp, tăng, giảm, mở cửa, đóng cửa, khánh thành, giải ngân, hỗ trợ'
)
  .split(',')
  .map((phrase) => phrase.trim().split(' '));
/** Words after an office that ask for its former holder ("chủ tịch cũ", "bí thư tiền nhiệm"), written "nguyên …" as articles do. */
const FORMER_MARKERS = phrases('tien nhiem, cu, truoc');

/**
 * Offices, longest first: the head ("Phó Bí thư") and the bodies that may follow it ("Đảng ủy", "UBND"). A follow-up
 * naming another office ("còn phó chủ tịch?") asks the previous question about it.
 */
const OFFICE_HEADS = phrases(
  'pho bi thu thuong truc, pho bi thu, bi thu, pho chu tich thuong truc, pho chu tich, chu tich, pho giam doc, giam doc, ' +
    'pho hieu truong, hieu truong, pho truong cong an, truong cong an, pho truong ban, truong ban, pho truong phong, truong phong, ' +
    'chanh van phong, truong thon, truong khu pho, to truong, uy vien, ' +
    'deputy party secretary, deputy secretary, party secretary, secretary, vice chairman, vice chairwoman, vice chairperson, vice chair, ' +
    'vice president, deputy chairman, chairman, chairwoman, chairperson, chair, president, deputy director, director, principal',
);
/** Which bodies each office family heads, so "Bí thư Đảng ủy" → "phó bí thư" keeps "Đảng ủy" but "chủ tịch" does not. */
const OFFICE_BODIES: Record<string, string[][]> = {
  'bi thu': phrases('dang uy, dang bo, chi bo, doan thanh nien'),
  'chu tich': phrases('ubnd, uy ban nhan dan, uy ban, hdnd, hoi dong nhan dan, ubmttq, uy ban mat tran to quoc viet nam, uy ban mat tran to quoc, mttq, mat tran to quoc, hoi nong dan, hoi phu nu, hoi cuu chien binh'),
  'giam doc': phrases('so, trung tam, benh vien'),
  'truong cong an': [],
};

function officeFamily(head: readonly string[]): string {
  const text = head.join(' ');
  return Object.keys(OFFICE_BODIES).find((family) => text.endsWith(family)) ?? text;
}

interface OfficeSpan {
  /** Folded syllables of the head. */
  head: string[];
  start: number;
  /** End of the head (word index, exclusive). */
  headEnd: number;
  /** End including the body that follows, when one does. */
  end: number;
}

/** The first office a text names, with the body after it. */
function findOffice(list: readonly Word[]): OfficeSpan | undefined {
  let best: OfficeSpan | undefined;
  for (const head of OFFICE_HEADS) {
    const start = indexOfPhrase(list, head);
    if (start < 0) continue;
    // An earlier mention wins; at the same place the longer head ("phó bí thư" over "bí thư") comes first in the list.
    if (best && best.start <= start) continue;
    const headEnd = start + head.length;
    let end = headEnd;
    for (const body of Object.values(OFFICE_BODIES).flat().sort((a, b) => b.length - a.length)) {
      if (indexOfPhrase(list, body, headEnd) === headEnd) {
        end = headEnd + body.length;
        break;
      }
    }
    best = { head, start, headEnd, end };
  }
  return best;
}

// ---------------------------------------------------------------------------------------------------------------
// Places.

/** Unit and city words that belong to a place mention ("phường", "TP", "tỉnh", "ở", "bên"). */
const PLACE_WORDS = new Set('phuong xa thi tran dac khu tp thanh pho tinh quan huyen ward commune town city province'.split(' '));
const PLACE_LEAD_INS = new Set('o tai ben thuoc'.split(' '));
/** Lead-ins a follow-up may put before the place it switches to, in either language ("còn ở …", "and in …"). */
const PLACE_LEAD_IN_WORDS = new Set('o tai ben thuoc in at for of'.split(' '));
/** English unit words follow the name ("An Hai ward"). */
const UNITS_AFTER = new Set('ward commune town'.split(' '));

/** The name and city of each matched place as folded syllable runs, plus short forms the resolver matched ("hcm"). */
function placeRuns(match: Pick<PlaceMatch, 'labels' | 'tokens'>): string[][] {
  const runs: string[][] = [];
  for (const label of match.labels) {
    for (const part of label.split(/[,;()]/)) {
      const run = words(part)
        .map((word) => word.folded)
        .filter((word) => !PLACE_WORDS.has(word));
      if (run.length > 0) runs.push(run);
    }
  }
  const inLabels = new Set(runs.flat());
  for (const token of match.tokens) if (!inLabels.has(token)) runs.push([token]);
  return runs.sort((a, b) => b.length - a.length);
}

/**
 * Takes the place a text names out of it, leaving `slot` where the first mention stood: each occurrence of the
 * place's name or city, with the unit words, lead-ins ("ở", "bên") and brackets around it ("xã Hòa Hội (Gia Lai)",
 * "phường An Hải, TP Hải Phòng", "… ở TP.HCM"). Names are matched as whole runs, so "đại hội" keeps its "hội".
 */
export function cutPlaceMention(text: string, match: Pick<PlaceMatch, 'labels' | 'tokens'>, slot = PLACE_SLOT): string {
  const runs = placeRuns(match);
  if (runs.length === 0) return text;
  const list = words(text);
  const taken = new Array<boolean>(list.length).fill(false);
  for (const run of runs) {
    for (let at = indexOfPhrase(list, run); at >= 0; at = indexOfPhrase(list, run, at + 1)) {
      for (let offset = 0; offset < run.length; offset++) taken[at + offset] = true;
    }
  }
  // Unit words before a name ("phường", "TP") and lead-ins before those ("ở", "bên") belong to the mention.
  for (let index = list.length - 1; index >= 0; index--) {
    if (!taken[index]) continue;
    let before = index - 1;
    while (before >= 0 && !taken[before] && PLACE_WORDS.has((list[before] as Word).folded)) taken[before--] = true;
    if (before >= 0 && !taken[before] && PLACE_LEAD_INS.has((list[before] as Word).folded)) taken[before] = true;
  }
  for (let index = 0; index + 1 < list.length; index++) {
    if (taken[index] && !taken[index + 1] && UNITS_AFTER.has((list[index + 1] as Word).folded)) taken[index + 1] = true;
  }
  const spans: Array<[number, number]> = [];
  for (let index = 0; index < list.length; index++) {
    if (!taken[index]) continue;
    let end = index;
    // Runs joined only by brackets, commas or dashes are one mention ("An Hải (Hải Phòng)").
    while (end + 1 < list.length && taken[end + 1] && /^[\s,()\-–.]*$/.test(text.slice((list[end] as Word).end, (list[end + 1] as Word).start))) end++;
    spans.push([(list[index] as Word).start, (list[end] as Word).end]);
    index = end;
  }
  if (spans.length === 0) return text;
  let result = text;
  for (let index = spans.length - 1; index >= 0; index--) {
    let [start, end] = spans[index] as [number, number];
    // Brackets that open inside the mention, or enclose it, close with it.
    const inside = result.slice(start, end);
    const opened = (inside.match(/\(/g) ?? []).length - (inside.match(/\)/g) ?? []).length;
    const closing = /^\s*\)/.exec(result.slice(end));
    if (closing && (opened > 0 || /\(\s*$/.test(result.slice(0, start)))) {
      end += closing[0].length;
      if (opened <= 0) start = result.slice(0, start).lastIndexOf('(');
    }
    result = `${result.slice(0, start)}${index === 0 ? ` ${slot} ` : ' '}${result.slice(end)}`;
  }
  return tidy(result);
}

/** Puts a place label into a frame: where its slot is, or in brackets at the end. */
export function withPlace(frame: string, place: string | undefined): string {
  if (!place) return tidy(frame.replace(PLACE_SLOT, ' '));
  if (frame.includes(PLACE_SLOT)) return tidy(frame.replace(PLACE_SLOT, place));
  const end = /[?？.!]*\s*$/.exec(frame)?.[0] ?? '';
  return tidy(`${frame.slice(0, frame.length - end.length)} (${place})${end}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Planning a turn.

/** True when the message asks to forget the conversation ("bắt đầu lại", "/moi"). */
export function isResetCommand(text: string): boolean {
  const bare = foldDiacritics(nfc(text)).toLowerCase().replace(/[^\p{L}\p{N}/ ]/gu, ' ').trim().split(/\s+/);
  while (bare.length > 1 && POLITE_ENDINGS.has(bare.at(-1) as string)) bare.pop();
  return RESET_COMMANDS.has(bare.join(' '));
}

/** The choice a clarification reply names by number ("2", "số 2 ạ", "cái thứ hai", "the second one"), or undefined. */
function numberedChoice(text: string, count: number): number | undefined {
  const list = words(text);
  if (list.length === 0 || list.length > 4) return undefined;
  // "2", "số 2", "cái thứ hai", "the second one": a digit, a Vietnamese number after "thứ"/"số", or an English ordinal.
  const numberAt = (index: number): number | undefined => {
    const word = (list[index] as Word).folded;
    if (/^\d+$/.test(word)) return Number(word);
    if (ENGLISH_ORDINALS[word] !== undefined) return ENGLISH_ORDINALS[word];
    const before = list[index - 1]?.folded;
    return before === 'thu' || before === 'so' ? VIETNAMESE_NUMBERS[word] : undefined;
  };
  const numbers = list.map((_, index) => numberAt(index)).filter((value): value is number => value !== undefined);
  if (numbers.length !== 1) return undefined;
  const others = list.filter((_, index) => numberAt(index) === undefined);
  if (!others.every((word) => POLITE_ENDINGS.has(word.folded) || ['so', 'cai', 'thu', 'chon', 'number', 'option', 'the', 'one'].includes(word.folded))) return undefined;
  const choice = numbers[0] as number;
  return choice >= 1 && choice <= count ? choice : undefined;
}

const ENGLISH_ORDINALS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 };
const VIETNAMESE_NUMBERS: Record<string, number> = { nhat: 1, mot: 1, hai: 2, ba: 3, tu: 4, bon: 4 };

/**
 * Decides how to answer `text` given the conversation so far: a reset, the answer to a pending "which place?"
 * question, or a question completed from the previous turn (its place carried, a pronoun replaced, an elliptic
 * "còn phó chủ tịch?" asked in the previous question's words).
 */
export function planTurn(state: ConversationState, rawText: string, places: PlaceResolver): TurnPlan {
  const text = nfc(rawText).trim();
  if (isResetCommand(text)) return { kind: 'reset' };

  const pending = state.pending;
  if (pending) {
    const byNumber = numberedChoice(text, pending.choices.length);
    let chosen = byNumber === undefined ? undefined : pending.choices[byNumber - 1];
    if (!chosen) {
      // "ở Gia Lai", "bên tphcm ạ", "xã Hòa Hội ở TP.HCM": the pending question plus the reply names one candidate.
      const match = places.match(`${pending.standalone} ${text}`);
      if (match.kind === 'known' && match.labels.length === 1 && pending.choices.includes(match.labels[0] as string)) chosen = match.labels[0];
    }
    if (chosen) {
      // "ở Bắc Ninh ạ, trạm y tế bao giờ hoạt động?": the choice, then a question of its own, asked about that place.
      const frame = questionAfterChoice(text) ?? framePlace(pending.standalone, places);
      const language = turnLanguage(text, frame);
      return { kind: 'ask', standalone: withPlace(frame, placeInWords(chosen, language)), frame, place: chosen, placeAssumed: true, rewrite: 'clarification', language };
    }
  }

  const last = state.turns.at(-1);
  const own = places.match(text);
  if (!last) return firstTurn(text, own.kind === 'known' && own.labels.length === 1 ? own.labels[0] : undefined, places);

  // Which place: the one the message names; among same-named places, the one being talked about; else the carried one.
  let place: string | undefined;
  let placeAssumed = false;
  if (own.kind === 'known') place = own.labels.length === 1 ? own.labels[0] : undefined;
  else if (own.kind === 'ambiguous') place = last.place && own.labels.includes(last.place) ? last.place : undefined;
  else if (own.kind === 'none') {
    place = last.place;
    placeAssumed = place !== undefined;
  }
  if (own.kind === 'unknown' || (own.kind === 'ambiguous' && !place)) {
    // A place the corpus does not know, or one it cannot tell apart: answered (refused, or asked about) as written.
    return { kind: 'ask', standalone: text, frame: cutPlaceMention(text, own), placeAssumed: false, rewrite: 'none', language: detectLanguage(text) };
  }

  let body = own.kind === 'none' ? text : cutPlaceMention(text, own);
  let rewrite: 'none' | 'carried-place' | 'elliptic' | 'pronoun' | 'subject' = placeAssumed ? 'carried-place' : 'none';
  let person: string | undefined;
  const lastTopic = last.topic ?? thingTopic(last.frame, last.person);
  let topic: string | undefined;

  // Pronouns: the person, the year, the ward, what the previous answer said, the thing talked about.
  const pronoun = replacePronouns(body, last, lastTopic);
  if (pronoun.text !== body) {
    body = pronoun.text;
    person = pronoun.person;
    topic = pronoun.topic;
    rewrite = 'pronoun';
  }

  // "bà chủ tịch cũ giờ làm gì?": the office talked about, its former holder. A question naming its ward is new.
  const office = own.kind === 'none' ? completeOffice(body, last) : undefined;
  if (office !== undefined) {
    body = office;
    rewrite = 'elliptic';
  }

  // Elliptic follow-ups: the previous question asked again about the new office, topic or place.
  const elliptic = office === undefined ? completeEllipsis(body, last) : undefined;
  if (elliptic !== undefined) {
    body = elliptic;
    rewrite = 'elliptic';
  }

  // "tốn bao nhiêu tiền?": a question that opens with its verb is about the subject talked about.
  if ((rewrite === 'none' || rewrite === 'carried-place') && own.kind === 'none' && lastTopic && opensWithPredicate(body)) {
    body = tidy(`${lastTopic} ${body}`);
    topic = lastTopic;
    rewrite = 'subject';
  }
  const frame = body;
  topic ??= thingTopic(frame, person ?? last.person);
  const language = turnLanguage(text, frame);
  return {
    kind: 'ask',
    language,
    standalone: withPlace(frame, place ? placeInWords(place, language) : undefined),
    frame,
    ...(place ? { place } : {}),
    placeAssumed: placeAssumed || ((rewrite === 'elliptic' || rewrite === 'subject') && own.kind === 'none' && place !== undefined),
    rewrite,
    ...(person ? { person } : {}),
    ...(topic ? { topic } : {}),
  };
}

/**
 * A place label as a question in `language` writes it: English drops the Vietnamese unit words ("Bình Minh, Tây
 * Ninh"), which would otherwise make an English question read as Vietnamese.
 */
function placeInWords(label: string, language: Language): string {
  if (language !== 'en') return label;
  return label
    .split(',')
    .map((part) => part.trim().replace(/^(?:phường|xã|thị trấn|đặc khu|tỉnh|thành phố|tp\.?|quận|huyện)\s+/iu, ''))
    .join(', ');
}

/** Whether a question opens with a verb or a passive marker, its subject dropped. */
function opensWithPredicate(text: string): boolean {
  return asksItself(words(text.replace(PLACE_SLOT, ' '))) && startsWithPredicate(text);
}

function startsWithPredicate(text: string): boolean {
  return predicateAt(text.replace(PLACE_SLOT, ' '), 0);
}

/** Whether word `at` of `text` starts a predicate ("khánh thành", "được"), compared with its marks. */
function predicateAt(text: string, at: number): boolean {
  const syllables = words(text)
    .slice(at, at + 2)
    .map((word) => text.slice(word.start, word.end).toLowerCase());
  return PREDICATE_OPENINGS.some((phrase) => phrase.every((syllable, index) => syllables[index] === syllable));
}

/**
 * What a frame asks about, unless that is a person ("Ông Trần Văn Một giữ"), since a person is no "chỗ đó", or a
 * predicate ("gộp từ những"), since a question without a subject is about the previous one's.
 */
function thingTopic(frame: string, person: string | undefined): string | undefined {
  // "§ khởi công hoa viên …": the ward is the subject; the verb opens only what is left.
  if (!frame.trimStart().startsWith(PLACE_SLOT) && startsWithPredicate(frame)) return undefined;
  let topic = topicOf(frame);
  if (!topic) return undefined;
  // "Trạm y tế khánh thành": the subject stops where its verb starts.
  const topicWords = words(topic);
  const verb = topicWords.findIndex((_, index) => index > 0 && predicateAt(topic as string, index));
  if (verb > 0) topic = topic.slice(0, (topicWords[verb - 1] as Word).end);
  if (findPersons(topic).length > 0 || (person && foldedKey(topic).includes(foldedKey(person)))) return undefined;
  return topic;
}

/**
 * Completes an office a question names bare ("bà chủ tịch cũ giờ làm gì?") with the body the conversation named
 * for that kind of office ("UBND"), and writes a former holder ("… cũ", "… tiền nhiệm") as "nguyên …". Undefined
 * when the message asks nothing itself or names no office to complete.
 */
function completeOffice(text: string, last: ConversationTurn): string | undefined {
  const list = words(text);
  if (!asksItself(list)) return undefined;
  const office = findOffice(list);
  if (!office) return undefined;
  const previous = findOffice(words(last.frame.replace(PLACE_SLOT, ' ')));
  const previousWords = words(last.frame.replace(PLACE_SLOT, ' '));
  // "Ông Lê Văn Một, bí thư, …": an office beside a name describes that person, whatever the conversation's body.
  const bodyToAdd =
    office.end === office.headEnd && findPersons(text).length === 0 && previous && previous.end > previous.headEnd && officeFamily(previous.head) === officeFamily(office.head)
      ? last.frame.replace(PLACE_SLOT, ' ').slice((previousWords[previous.headEnd] as Word).start, (previousWords[previous.end - 1] as Word).end)
      : undefined;
  // "chủ tịch trước khi sáp nhập" is about a time, not a former holder.
  const former = FORMER_MARKERS.find((marker) => indexOfPhrase(list, marker, office.end) === office.end && list[office.end + marker.length]?.folded !== 'khi');
  if (!former && !bodyToAdd) return undefined;
  const officeText = text.slice((list[office.start] as Word).start, (list[office.end - 1] as Word).end);
  const replacement = `${former ? 'nguyên ' : ''}${officeText}${bodyToAdd ? ` ${bodyToAdd}` : ''}`;
  const end = (list[office.end - 1 + (former?.length ?? 0)] as Word).end;
  const completed = splice(text, (list[office.start] as Word).start, end, replacement);
  // "thế bà chủ tịch cũ …": the opening only linked the message to the previous one.
  const opening = FOLLOW_UP_OPENINGS.find((phrase) => indexOfPhrase(words(completed), phrase) === 0 && phrase.length < words(completed).length);
  return opening ? tidy(completed.slice((words(completed)[opening.length - 1] as Word).end)) : completed;
}

/** The question a clarifying reply goes on to ask after naming its choice ("ở Gia Lai, còn …?"), if it asks one. */
function questionAfterChoice(text: string): string | undefined {
  const parts = text.split(/[,;:]\s*/u);
  if (parts.length < 2) return undefined;
  const rest = parts.slice(1).join(', ').trim();
  const list = words(rest);
  return asksItself(list) && list.filter((word) => !FILLERS.has(word.folded)).length >= 3 ? rest : undefined;
}

function firstTurn(text: string, place: string | undefined, places: PlaceResolver): TurnPlan {
  return { kind: 'ask', standalone: text, frame: framePlace(text, places), ...(place ? { place } : {}), placeAssumed: false, rewrite: 'none', language: detectLanguage(text) };
}

/** The language of a turn: a Vietnamese word in the message decides; else the message and the question it completes. */
function turnLanguage(text: string, frame: string): Language {
  return detectLanguage(text) === 'vi' && detectLanguage(`${text} ${frame.replace(PLACE_SLOT, ' ')}`) === 'vi' ? 'vi' : 'en';
}

function framePlace(text: string, places: PlaceResolver): string {
  const match = places.match(text);
  return match.kind === 'none' ? text : cutPlaceMention(text, match);
}

/**
 * Replaces "ông ấy", "năm đó", "xã đó", "thông tin đó", "chỗ đó" with what the previous turn was about; a "chỗ đó"
 * with nothing to stand for is dropped rather than filled with the wrong words.
 */
function replacePronouns(text: string, last: ConversationTurn, lastTopic: string | undefined): { text: string; person?: string; topic?: string } {
  let result = text;
  let person: string | undefined;
  const replaceFirst = (list: string[][], by: string | undefined, whole: boolean) => {
    if (by === undefined) return false;
    const tokens = words(result);
    for (const phrase of list) {
      const at = indexOfPhrase(tokens, phrase);
      if (at < 0) continue;
      // A bare "ông"/"bà" is a pronoun only when no name follows it ("ông Lưu" names someone).
      const next = tokens[at + phrase.length];
      if (phrase.length === 1 && next && /^\p{Lu}/u.test(result.slice(next.start, next.end))) continue;
      const english = whole && phrase.length === 1 && ENGLISH_PERSON_PRONOUNS.has(phrase[0] as string);
      if (whole && phrase.length === 1 && !english && at > 0 && !['cua', 'voi', 'cho', 've'].includes(tokens[at - 1]?.folded ?? '')) continue;
      let start = (tokens[at] as Word).start;
      // Only "chỗ đó"-like phrases are dropped when nothing stands behind them; an English "it" stays as written.
      if (by === '' && phrase.length === 1) continue;
      if (by === '' && at > 0 && POSITION_LEAD_INS.has((tokens[at - 1] as Word).folded)) start = (tokens[at - 1] as Word).start;
      // "ông ấy" → "ông Mai Văn Hải": the form of address stays, as a resident would write the name.
      // A name remembered with its form of address ("Ông Trần Xuân Tây", from a list line) gets no second one,
      // and an English sentence none at all.
      const firstOfName = words(by)[0];
      const addressed = firstOfName !== undefined && FORMS_OF_ADDRESS.has(firstOfName.folded);
      const name = english && addressed ? by.slice((words(by)[1] as Word | undefined)?.start ?? 0) : by;
      const address = whole && last.person && by === last.person && !addressed && phrase.length === 2 && FORMS_OF_ADDRESS.has(phrase[0] as string) ? `${result.slice(start, (tokens[at] as Word).end)} ` : '';
      result = splice(result, start, (tokens[at + phrase.length - 1] as Word).end, `${address}${name}`);
      return true;
    }
    return false;
  };
  const office = officePhrase(last.frame);
  const personRef = last.person ?? office;
  if (replaceFirst(PERSON_PRONOUNS, personRef, true)) person = last.person;
  replaceFirst(YEAR_PRONOUNS, last.year ? `năm ${last.year}` : undefined, false);
  replaceFirst(PLACE_PRONOUNS, PLACE_SLOT, false);
  replaceFirst(STATEMENT_PRONOUNS, statementOf(last) ?? lastTopic ?? '', false);
  const thing = replaceFirst(THING_PRONOUNS, lastTopic ?? '', false) && lastTopic ? lastTopic : undefined;
  return { text: result, ...(person ? { person } : {}), ...(thing ? { topic: thing } : {}) };
}

/** What the previous answer said, as a clause a question can hold: its first sentence, without list marks. */
function statementOf(last: ConversationTurn): string | undefined {
  if (!last.answered) return undefined;
  const first = last.answer
    .replace(/\*\*/g, '')
    .replace(/^\s*(?:[-–•*]|\d+[.)])\s+/u, '')
    .split(/(?<=[.!?;])\s|\n/u)[0]
    ?.replace(/[\s.!?;:,]+$/u, '')
    .trim();
  if (!first || words(first).length > MAX_STATEMENT_WORDS) return undefined;
  return first;
}

/** The office a frame names, as written ("Bí thư Đảng ủy"), with its place slot when it follows. */
function officePhrase(frame: string): string | undefined {
  const list = words(frame);
  const office = findOffice(list);
  if (!office) return undefined;
  const end = (list[office.end - 1] as Word).end;
  const afterSlot = frame.slice(end).startsWith(` ${PLACE_SLOT}`) ? ` ${PLACE_SLOT}` : '';
  return `${frame.slice((list[office.start] as Word).start, end)}${afterSlot}`;
}

/** Where a frame's question words start, with the linking words before them ("được bao nhiêu", "ở khu phố nào"). */
function questionStart(list: readonly Word[]): number | undefined {
  let at: number | undefined;
  for (const phrase of QUESTION_WORDS) {
    const index = indexOfPhrase(list, phrase);
    if (index >= 0 && (at === undefined || index < at)) at = index;
  }
  return at;
}

/** What the previous question was about: its words before the question words ("khởi công hoa viên"). */
function topicOf(frame: string): string | undefined {
  const clean = frame.replace(PLACE_SLOT, ' ');
  const list = words(clean);
  const start = questionStart(list);
  if (start === undefined || start === 0) return undefined;
  let end = start;
  // "… ở khu phố nào", "… là loại gì": the noun before "nào"/"gì" is part of what is asked, back to its lead-in.
  if (/^(nao|gi)$/.test((list[start] as Word).folded)) {
    let lead = start - 1;
    while (lead > Math.max(0, start - 4) && !LINKING_WORDS.has((list[lead] as Word).folded)) lead--;
    end = LINKING_WORDS.has((list[lead] as Word | undefined)?.folded ?? '') ? lead : start - 1;
  }
  while (end > 0 && LINKING_WORDS.has((list[end - 1] as Word).folded)) end--;
  if (end <= 0) return undefined;
  const topic = tidy(clean.slice(0, (list[end - 1] as Word).end));
  return topic || undefined;
}

/** Whether a text asks something itself (holds a question word). */
function asksItself(list: readonly Word[]): boolean {
  return questionStart(list) !== undefined;
}

/**
 * Completes an elliptic follow-up from the previous question, or returns undefined when the message asks in full.
 * "còn phó bí thư thì sao?" → the previous question with "Phó Bí thư" for its office; "còn thu ngân sách địa
 * phương?" → the previous question with that phrase for the one it shares words with; "mấy giờ?" → the previous
 * question asking "mấy giờ"; "còn phường X?" → the previous question about phường X.
 */
function completeEllipsis(text: string, last: ConversationTurn): string | undefined {
  const stripped = stripFollowUpMarkers(text);
  const list = words(stripped.text.replace(PLACE_SLOT, ' '));
  // "and in Ben Doi ward?", "còn ở phường X?": with the place cut out, its lead-in is no topic.
  const named = stripped.text.includes(PLACE_SLOT);
  const content = list.filter((word) => !FILLERS.has(word.folded) && !(named && PLACE_LEAD_IN_WORDS.has(word.folded)));
  const asks = asksItself(list);
  const frame = last.frame;
  const frameWords = words(frame.replace(PLACE_SLOT, ' '));
  if (asks) {
    // Only question words left ("ở đâu vậy?", "mấy giờ?"): the previous question, asking that instead.
    const start = questionStart(list) as number;
    const before = list.slice(0, start).filter((word) => !FILLERS.has(word.folded) && !LINKING_WORDS.has(word.folded));
    if (before.length > 0 || !stripped.marked && content.length > 3) return undefined;
    const asked = stripped.text.replace(PLACE_SLOT, ' ').slice(list[0]?.start ?? 0).replace(/[?？.!\s]+$/u, '');
    const frameStart = questionStart(frameWords);
    if (frameStart === undefined) return undefined;
    let cut = frameStart;
    while (cut > 0 && LINKING_WORDS.has((frameWords[cut - 1] as Word).folded)) cut--;
    const head = frame.slice(0, frameOffset(frame, frameWords, cut)).trimEnd();
    if (!head.replace(PLACE_SLOT, '').trim()) return undefined;
    return tidy(`${head} ${asked}?`);
  }
  if (!stripped.marked && content.length > 0) {
    // A statement-like message with no question word and no "còn…/…thì sao": not a follow-up we can complete.
    return undefined;
  }
  if (content.length === 0) {
    // "còn phường Thạch Khôi thì sao?": the previous question, about the place this message names.
    return text.includes(PLACE_SLOT) || stripped.marked ? frame : undefined;
  }
  const time = swapTime(stripped.text, content, frame, frameWords);
  if (time !== undefined) return time;
  const offered = findOffice(content);
  const previous = findOffice(frameWords);
  if (offered && previous) {
    // The office swapped; the previous body ("Đảng ủy") stays when the new head heads the same kind of body.
    const sameFamily = officeFamily(offered.head) === officeFamily(previous.head);
    const newHead = stripped.text.slice((content[offered.start] as Word).start, (content[offered.end - 1] as Word).end);
    const replaceEnd = offered.end > offered.headEnd || !sameFamily ? previous.end : previous.headEnd;
    const replaced = spliceWords(frame, frameWords, previous.start, replaceEnd, newHead);
    // "còn ông phó chủ tịch?": a form of address before the office adds nothing to ask.
    const extra = content.slice(0, offered.start).filter((word) => !FORMS_OF_ADDRESS.has(word.folded)).concat(content.slice(offered.end));
    return extra.length > 0 ? undefined : replaced;
  }
  if (offered && !previous && offered.start === 0 && offered.end === content.length) {
    // "còn chủ tịch ubnd?" after a question about something else: who holds that office in the ward talked about.
    const slot = frame.includes(PLACE_SLOT) ? ` ${PLACE_SLOT}` : '';
    return tidy(`${stripped.text.slice((content[0] as Word).start, (content.at(-1) as Word).end)}${slot} là ai?`);
  }
  // A topic: the noun phrase of the previous question that shares words with it, swapped for it.
  const shared = longestSharedRun(content, frameWords);
  const newPhrase = stripped.text.slice((content[0] as Word).start, (content.at(-1) as Word).end);
  if (shared) {
    let start = shared.frameIndex;
    while (start > 0 && !PHRASE_BOUNDARIES.has((frameWords[start - 1] as Word).folded)) start--;
    let end = shared.frameIndex + shared.length;
    while (end < frameWords.length && !PHRASE_BOUNDARIES.has((frameWords[end] as Word).folded)) end++;
    return spliceWords(frame, frameWords, start, end, newPhrase);
  }
  // A new topic with nothing in common: asked the way the previous question asked ("… được bao nhiêu?").
  const frameStart = questionStart(frameWords);
  if (frameStart === undefined) return undefined;
  if (frameStart === 0 && detectLanguage(frame) === 'en') {
    // "How many people live in §?" + "and its area?": "What is the area of §?".
    const thing = newPhrase.replace(/^(?:its|the|their)\s+/iu, '');
    return tidy(`What is the ${thing}${frame.includes(PLACE_SLOT) ? ` of ${PLACE_SLOT}` : ''}?`);
  }
  if (frameStart === 0) {
    // "Ai là Bí thư…?" asks first: "<topic> là ai?".
    const asking = frame.slice(0, (frameWords[frameStart] as Word).end);
    return tidy(`${newPhrase} là ${asking.toLowerCase()}?`.replace(/ là ai là/, ' là'));
  }
  let cut = frameStart;
  while (cut > 0 && LINKING_WORDS.has((frameWords[cut - 1] as Word).folded)) cut--;
  // "… có bao nhiêu dân?" + "còn diện tích?": the thing counted was the old topic; "diện tích … có bao nhiêu?".
  const counting = COUNTING_WORDS.find((phrase) => indexOfPhrase(frameWords, phrase, frameStart) === frameStart);
  const tailEnd = counting ? (frameWords[frameStart + counting.length - 1] as Word).end : frame.length;
  const tail = `${frame.slice(frameOffset(frame, frameWords, cut), tailEnd)}${counting ? '?' : ''}`.replace(PLACE_SLOT, ' ');
  const slot = frame.includes(PLACE_SLOT) ? ` ${PLACE_SLOT}` : '';
  return tidy(`${newPhrase}${slot} ${tail}`);
}

/** A time a follow-up names on its own ("năm 2024 thì sao?", "còn năm ngoái?"). */
const TIME_PHRASE = /^(?:năm|tháng|quý)\s+(?:\d{1,2}\/\d{4}|\d{1,4}|ngoái|trước|nay|tới|sau)$/iu;
const FRAME_TIME = /(?:năm|tháng|quý)\s+(?:\d{1,2}\/)?\d{4}|năm\s+(?:ngoái|trước|nay)/iu;

/**
 * "năm 2024 thì sao?" after "… thu ngân sách năm 2025 được bao nhiêu?": the previous question about the new time,
 * its own time swapped, or the new time put before its question words when it named none.
 */
function swapTime(text: string, content: readonly Word[], frame: string, frameWords: readonly Word[]): string | undefined {
  const phrase = text.slice((content[0] as Word).start, (content.at(-1) as Word).end);
  if (!TIME_PHRASE.test(phrase)) return undefined;
  if (FRAME_TIME.test(frame)) return tidy(frame.replace(FRAME_TIME, phrase));
  const start = questionStart(frameWords);
  if (start === undefined || start === 0) return undefined;
  let cut = start;
  while (cut > 0 && LINKING_WORDS.has((frameWords[cut - 1] as Word).folded)) cut--;
  const at = frameOffset(frame, frameWords, cut);
  return tidy(`${frame.slice(0, at)} ${phrase} ${frame.slice(at)}`);
}

/** Offset in `frame` of word `index` of `frameWords`. */
function frameOffset(frame: string, frameWords: readonly Word[], index: number): number {
  return (frameWords[index] as Word | undefined)?.start ?? frame.length;
}

function spliceWords(frame: string, frameWords: readonly Word[], start: number, end: number, insert: string): string {
  const from = (frameWords[start] as Word).start;
  const to = (frameWords[end - 1] as Word).end;
  return splice(frame, from, to, insert);
}

function longestSharedRun(content: readonly Word[], frameWords: readonly Word[]): { frameIndex: number; length: number } | undefined {
  let best: { frameIndex: number; length: number } | undefined;
  for (let i = 0; i < content.length; i++) {
    for (let j = 0; j < frameWords.length; j++) {
      let length = 0;
      while (i + length < content.length && j + length < frameWords.length && content[i + length]?.folded === frameWords[j + length]?.folded) length++;
      // One shared word is enough only when it is not a function word.
      const meaningful = length >= 2 || (length === 1 && !PHRASE_BOUNDARIES.has(content[i]?.folded ?? '') && !FILLERS.has(content[i]?.folded ?? ''));
      if (meaningful && (!best || length > best.length)) best = { frameIndex: j, length };
    }
  }
  return best;
}

/** Takes "còn…", "thế…", "and…", "… thì sao", "… nữa" and polite endings off a message; `marked` when there were any. */
function stripFollowUpMarkers(text: string): { text: string; marked: boolean } {
  let result = text.replace(/[?？!.…]+\s*$/u, '').trim();
  let marked = false;
  for (let changed = true; changed; ) {
    changed = false;
    const list = words(result);
    const lastWord = list.at(-1);
    if (lastWord && POLITE_ENDINGS.has(lastWord.folded) && list.length > 1) {
      result = result.slice(0, lastWord.start).trim();
      changed = true;
      continue;
    }
    for (const opening of FOLLOW_UP_OPENINGS) {
      // "còn §?": the place named after the opening is what is left of the question.
      if (indexOfPhrase(list, opening) === 0 && (list.length > opening.length || result.includes(PLACE_SLOT))) {
        result = result.slice((list[opening.length - 1] as Word).end).trim();
        marked = changed = true;
        break;
      }
    }
    if (changed) continue;
    for (const ending of FOLLOW_UP_ENDINGS) {
      const at = list.length - ending.length;
      if (at >= 0 && indexOfPhrase(list, ending, at) === at && result.slice(0, (list[at] as Word).start).trim()) {
        result = result.slice(0, (list[at] as Word).start).trim();
        marked = changed = true;
        break;
      }
    }
  }
  return { text: result, marked };
}

// ---------------------------------------------------------------------------------------------------------------
// Remembering a turn.

/**
 * The conversation after a turn: the turn appended (at most `MAX_TURNS` kept) with the person it was about, and a
 * pending clarification when the answer asked which of several places was meant.
 */
export function rememberTurn(state: ConversationState, plan: Extract<TurnPlan, { kind: 'ask' }>, question: string, result: AskResult): ConversationState {
  const previous = state.turns.at(-1);
  const samePlace = previous?.place === plan.place;
  // A "who" question left unanswered asked about someone else: the previous person is no longer "ông ấy".
  const askedWho = asksWho(plan.standalone) && plan.person === undefined;
  const person = answeredPerson(plan.standalone, result) ?? plan.person ?? personNamed(plan.standalone) ?? (samePlace && !askedWho ? previous?.person : undefined);
  const year = /\b(19|20)\d{2}\b/.exec(plan.standalone.replace(/\d{4}\s*[-–]\s*(\d{4})/g, ''))?.[0] ?? (samePlace ? previous?.year : undefined);
  const turn: ConversationTurn = {
    question,
    standalone: plan.standalone,
    frame: plan.frame,
    ...(plan.place ? { place: plan.place } : {}),
    ...(person ? { person } : {}),
    ...(year ? { year } : {}),
    ...((plan.topic ?? (samePlace ? previous?.topic : undefined)) ? { topic: (plan.topic ?? previous?.topic) as string } : {}),
    answered: result.answered,
    answer: [...result.answer].slice(0, ANSWER_KEPT).join(''),
    articleIds: [...new Set(result.citations.map((citation) => citation.id))],
  };
  const turns = [...state.turns, turn].slice(-MAX_TURNS);
  const choices = result.reason === 'ambiguous-place' ? result.choices : undefined;
  return choices && choices.length > 1 ? { turns, pending: { standalone: plan.standalone, choices } } : { turns };
}

/** Whether a question asks who someone is ("… là ai?", "who is …", "người nào"). */
function asksWho(question: string): boolean {
  return /(^|\s)(ai|who|whom)(\s|$|\?)|\bnguoi nao\b|\bdong chi nao\b/.test(foldDiacritics(question).toLowerCase());
}

/** For a "who" question that was answered, the person the answer names. */
function answeredPerson(question: string, result: AskResult): string | undefined {
  if (!result.answered || result.mode === 'pinned') return undefined;
  if (!asksWho(question)) return undefined;
  // The answer sentence names the person asked about first ("…là ông Mai Văn Hải; ông Nguyễn Minh Hoàng, người tiền nhiệm…").
  return findPersons(result.answer)[0]?.text;
}

/** A person a question names itself ("Mai Văn Hải trước đó giữ chức gì?"). */
function personNamed(question: string): string | undefined {
  return findPersons(question.replace(PLACE_SLOT, ' '))[0]?.text;
}
