/**
 * Connectives that tie a quoted clause to the sentence before it ("trong đó, …", "đồng thời, …"). Out of that
 * context they only dangle, and they carry no fact of their own, so an answer may drop them when a comma ends them.
 */
const DANGLING_CONNECTIVES = [
  'trong đó', 'trong khi đó', 'đồng thời', 'ngoài ra', 'bên cạnh đó', 'theo đó', 'do đó', 'vì vậy', 'vì thế', 'tuy nhiên',
  'mặt khác', 'cụ thể', 'qua đó', 'như vậy', 'đặc biệt', 'thêm vào đó', 'tiếp đó', 'sau đó', 'nhờ đó', 'từ đó',
];
const CONNECTIVE = new RegExp(`^(${DANGLING_CONNECTIVES.join('|')})\\s*,\\s*`, 'iu');
/** Conjunctions that, written in lower case at the start, show the quote begins in the middle of a sentence. */
const MID_SENTENCE_CONJUNCTION = /^(và|còn|nhưng|hoặc|song|mà|cùng|với)\s/u;
/** Leading characters that come before a sentence's first letter: quotes, brackets, dashes, list marks. */
const LEADING_MARKS = /^[\s"“‘'«([{\-–—•*]*/u;
/** What a sentence may end with, before closing quotes or brackets. */
const FINAL_PUNCTUATION = /[.!?…]["”’'»)\]]*$/u;
/** The fewest words a remainder needs, without a number or a name, to still state a fact. */
const MIN_FACT_WORDS = 4;

/** Options of `presentAnswer`. */
export interface PresentAnswerOptions {
  /** The verbatim quote the answer is built around; only that part is shaped as a sentence when the text frames it. */
  quote?: string;
}

/**
 * Shapes an answer text so a resident reads a sentence: a dangling leading connective is dropped (or, when what
 * remains would say too little, the start is marked with "…"), the first letter is capitalised and the text ends with
 * a full stop. Only the displayed text changes; citations keep their verbatim quotes.
 */
export function presentAnswer(text: string, options: PresentAnswerOptions = {}): string {
  const quote = options.quote?.trim();
  if (quote && text.trim() !== quote && text.includes(quote)) {
    // The quote sits inside a frame ("According to the article …: <quote>"): shape the quote, then end the whole.
    return endSentence(text.replace(quote, () => endSentence(startSentence(quote))));
  }
  return endSentence(startSentence(text.trim()));
}

/** The start of a sentence: without a dangling connective, with a capital, or marked "…" when it starts mid-sentence. */
function startSentence(text: string): string {
  const lead = LEADING_MARKS.exec(text)?.[0] ?? '';
  let body = text.slice(lead.length);
  const connective = CONNECTIVE.exec(body);
  if (connective) {
    const rest = body.slice(connective[0].length);
    if (!statesFact(rest)) return `… ${text}`;
    body = rest;
  }
  if (MID_SENTENCE_CONJUNCTION.test(body)) return `… ${lead}${body}`;
  return `${lead}${capitalise(body)}`;
}

/** Whether a clause still states something: a number, a name (a capitalised word after the first) or enough words. */
function statesFact(text: string): boolean {
  const words = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return false;
  if (/\p{N}/u.test(text)) return true;
  if (words.slice(1).some((word) => /^\p{Lu}/u.test(word))) return true;
  return words.length >= MIN_FACT_WORDS;
}

function capitalise(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const letter = String.fromCodePoint(first);
  if (!/\p{Ll}/u.test(letter)) return text;
  return `${letter.toLocaleUpperCase('vi')}${text.slice(letter.length)}`.normalize('NFC');
}

/** Ends the text with a full stop unless it already ends a sentence; a trailing comma or semicolon becomes the stop. */
function endSentence(text: string): string {
  const trimmed = text.trimEnd();
  if (trimmed === '' || FINAL_PUNCTUATION.test(trimmed) || trimmed.endsWith(':')) return trimmed;
  return `${trimmed.replace(/[,;]+$/u, '')}.`;
}
