import { foldedKey, foldDiacritics, nfc, numberKey, syllableKey, tokenize } from '../ingest/normalize-vietnamese.js';

/** Chat particles written with diacritics: unambiguous, so dropped wherever they stand ("z" is chat for "vậy"). */
const FILLERS_ACCENTED = new Set(['vậy', 'vầy', 'thế', 'ạ', 'à', 'á', 'nhỉ', 'ơi', 'nhé', 'nhá', 'nha', 'nè', 'hả', 'hở', 'hử', 'ư', 'đấy', 'z'].map(syllableKey));
/**
 * The same particles typed without diacritics collide with real words ("vay vốn", "thẻ"), so they are dropped only at
 * the end of a clause, where particles sit.
 */
const FILLERS_TRAILING = new Set(['vay', 'the', 'z', 'a', 'nhi', 'oi', 'nhe', 'nha', 'ne', 'ha', 'ho', 'hu', 'u', 'day', 'k', 'ak', 'ah']);
/** Polite lead-ins ("cho em hỏi …"), folded; dropped at the start of a clause. */
const LEAD_INS = ['cho em hoi', 'cho minh hoi', 'cho toi hoi', 'cho chau hoi', 'cho con hoi', 'cho hoi', 'xin hoi', 'xin cho hoi', 'em hoi', 'minh hoi', 'toi hoi'].map((phrase) =>
  phrase.split(' '),
);
/** Splits a question into clauses, so trailing particles and lead-ins are found in each. */
const CLAUSE_BREAK = /[.?!,;:\n()[\]"“”]+/;

/**
 * Question words, function words and administrative-unit words: they carry little of what a question asks, so they
 * weigh little and a question may add or drop them and still match a pin.
 */
const COMMON_WORDS = [
  'là', 'ai', 'gì', 'nào', 'bao', 'nhiêu', 'mấy', 'có', 'của', 'ở', 'tại', 'và', 'không', 'ko', 'được', 'những', 'các',
  'một', 'hiện', 'nay', 'bây', 'thì', 'mà', 'để', 'cho', 'với', 'từ', 'đến', 'về', 'trong', 'khi', 'lúc', 'đâu', 'sao',
  'đang', 'đã', 'sẽ', 'tên', 'gồm', 'này', 'đó', 'kia', 'vào', 'mình', 'tôi', 'bạn', 'em', 'cháu', 'biết', 'hỏi', 'xin',
  'giúp', 'nhờ', 'hãy', 'xem', 'ông', 'bà', 'người', 'chính', 'thức', 'ấy', 'nữa', 'còn', 'vị', 'phường', 'xã', 'thị',
  'trấn', 'quận', 'huyện', 'tỉnh', 'tp', 'thành', 'phố', 'đặc', 'khu',
  'who', 'what', 'which', 'where', 'when', 'how', 'is', 'are', 'was', 'were', 'of', 'in', 'at', 'for', 'to', 'do',
  'does', 'please', 'tell', 'me', 'ward', 'commune', 'city', 'province',
];
/**
 * Folded forms that also spell a content word ("đang"/"Đảng", "hỏi"/"hội", "bạn"/"ban", "mình"/"Minh", "phố"/"phó"),
 * so in a question typed without diacritics they stay content words.
 */
const AMBIGUOUS_WHEN_FOLDED = new Set(['dang', 'hoi', 'ban', 'minh', 'pho', 'thanh', 'tran', 'quan', 'thi', 'tai', 'tu', 'den', 'dau', 'hien', 'de', 'ba', 'tinh', 'nho', 'vi', 'do']);
const COMMON_ACCENTED = new Set(COMMON_WORDS.map(syllableKey));
const COMMON_FOLDED = new Set(COMMON_WORDS.map(foldedKey).filter((word) => !AMBIGUOUS_WHEN_FOLDED.has(word)));

/** Weight of a common word against 1 for a content word (a name, a number, a civic term). */
const COMMON_WORD_WEIGHT = 0.3;
/** Weight of a word pair against its words: pairs reward the same order, but "hồ sơ nộp ở đâu" still asks "nộp hồ sơ ở đâu". */
const BIGRAM_WEIGHT = 0.5;
/**
 * Factor applied for each content word only one side has: "phường An Hải" and "phường An Lão", or "Bí thư" and
 * "Chủ tịch", share most words, and the differing one is what the question is about.
 */
const DIFFERING_CONTENT_FACTOR = 0.5;

/** A question reduced to what pin matching compares: weighted folded unigrams and bigrams, and its content words. */
export interface QuestionFeatures {
  /** Folded unigram (`hai`) and bigram (`an hai`) keys with their weights. */
  terms: ReadonlyMap<string, number>;
  /** Folded keys of the content words (not fillers, not common words). */
  content: ReadonlySet<string>;
  /** Sum of the term weights; 0 when the question has no words. */
  total: number;
}

/** One word of a question as matching sees it. */
export interface Word {
  /** Folded key ("hai"), or the number without separators. */
  key: string;
  /** Tone-insensitive accented key, or undefined when the word was typed without diacritics. */
  accented: string | undefined;
}

/** The words of a question that matter, in order: lead-ins and chat particles dropped. */
export function meaningfulWords(text: string): Word[] {
  const words: Word[] = [];
  for (const clause of nfc(text).split(CLAUSE_BREAK)) {
    let clauseWords: Word[] = tokenize(clause).map((token) => {
      if (token.isNumber) return { key: numberKey(token.text), accented: undefined };
      const key = foldedKey(token.text);
      return { key, accented: foldDiacritics(token.text) === token.text ? undefined : syllableKey(token.text) };
    });
    const leadIn = LEAD_INS.find((phrase) => phrase.every((word, index) => clauseWords[index]?.key === word));
    if (leadIn) clauseWords = clauseWords.slice(leadIn.length);
    // A vocative at the start ("Ad ơi", "bạn ơi") addresses the bot; it is not part of the question.
    const vocative = clauseWords.findIndex((word, index) => index <= 2 && word.key === 'oi');
    if (vocative >= 0) clauseWords = clauseWords.slice(vocative + 1);
    clauseWords = clauseWords.filter((word) => !(word.accented !== undefined ? FILLERS_ACCENTED.has(word.accented) : word.key === 'z'));
    let end = clauseWords.length;
    while (end > 0 && clauseWords[end - 1]?.accented === undefined && FILLERS_TRAILING.has(clauseWords[end - 1]?.key ?? '')) end -= 1;
    words.push(...clauseWords.slice(0, end));
  }
  return words;
}

/** Whether a word is a question word, function word or administrative-unit word (weighs little). */
export function isCommon(word: Word): boolean {
  return word.accented !== undefined ? COMMON_ACCENTED.has(word.accented) : COMMON_FOLDED.has(word.key);
}

/** A stable key of a question for grouping and exact lookup: folded words without particles, lead-ins or punctuation. */
export function questionKey(text: string): string {
  return meaningfulWords(text)
    .map((word) => word.key)
    .join(' ');
}

/** Computes the features `questionSimilarity` compares; compute once per pin phrasing and reuse. */
export function questionFeatures(text: string): QuestionFeatures {
  const words = meaningfulWords(text).map((word) => ({ key: word.key, weight: isCommon(word) ? COMMON_WORD_WEIGHT : 1 }));
  const terms = new Map<string, number>();
  const content = new Set<string>();
  const addTerm = (key: string, weight: number) => terms.set(key, Math.max(weight, terms.get(key) ?? 0));
  words.forEach((word, index) => {
    addTerm(word.key, word.weight);
    if (word.weight === 1) content.add(word.key);
    const previous = words[index - 1];
    if (previous) addTerm(`${previous.key} ${word.key}`, BIGRAM_WEIGHT * Math.min(previous.weight, word.weight));
  });
  let total = 0;
  for (const weight of terms.values()) total += weight;
  return { terms, content, total };
}

/**
 * Similarity in [0, 1] of two questions: a weighted Dice coefficient over folded unigrams and bigrams (so diacritics,
 * particles, punctuation and word order matter little), halved for every content word only one side has (so a
 * question about another place, person or office never reaches a pin's threshold).
 */
export function questionSimilarity(left: QuestionFeatures, right: QuestionFeatures): number {
  const total = left.total + right.total;
  if (left.total === 0 || right.total === 0) return 0;
  let shared = 0;
  for (const [key, weight] of left.terms) {
    const other = right.terms.get(key);
    if (other !== undefined) shared += weight + other;
  }
  let differing = 0;
  for (const key of left.content) if (!right.terms.has(key)) differing += 1;
  for (const key of right.content) if (!left.terms.has(key)) differing += 1;
  return (shared / total) * DIFFERING_CONTENT_FACTOR ** differing;
}
