/** A range of a text as UTF-16 offsets: `text.slice(start, end)`. */
export interface Span {
  start: number;
  end: number;
}

/** Sentences longer than this are cut further at "; " so a quoted sentence stays readable. */
const LONG_SENTENCE = 400;

/**
 * Words written with a period that do not end a sentence when a name or number follows ("TP. Hải Phòng", "ThS.
 * Nguyễn…", "Q. 1", "P. Bến Nghé"). Case matters: "TP." is the norm in news text. Other single capitals are not
 * listed: "xếp loại A. Năm nay…" ends a sentence far more often than a name has an initial.
 */
const ABBREVIATIONS = new Set([
  'Q', 'P', 'X', 'H', 'TP', 'Tp', 'TX', 'Tx', 'TT', 'ThS', 'Ths', 'TS', 'PGS', 'GS', 'BS', 'BSCK', 'KS', 'CN', 'NCS',
  'Th', 'Tr', 'NXB', 'Nxb', 'ĐT', 'SĐT', 'Mr', 'Mrs', 'Ms', 'Dr', 'Prof',
]);

/** Characters before a period within which a list numbering's line must start ("   **12. " is far shorter). */
const NUMBERING_WINDOW = 64;
const TERMINATOR = /[.!?…]/;
const CLOSER = /["'”’»)\]}]/;
const OPENER = /["'“‘«([{]/;
const WHITESPACE = /\s/;
const LETTER_BEFORE = /\p{L}+$/u;

/** Splits NFC text into sentence spans (offsets into text; trimmed of surrounding whitespace). */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  let index = 0;
  while (index < text.length) {
    const character = text[index] ?? '';
    if (character === '\n') {
      pushSentence(text, start, index, spans);
      start = index + 1;
      index += 1;
      continue;
    }
    if (!TERMINATOR.test(character)) {
      index += 1;
      continue;
    }
    const end = terminatorEnd(text, index);
    if (endsSentence(text, index, end)) {
      pushSentence(text, start, end, spans);
      start = end;
    }
    index = end;
  }
  pushSentence(text, start, text.length, spans);
  return spans;
}

/** Where a run of terminators ends, closing quotes and brackets included ("./." counts as one terminator). */
function terminatorEnd(text: string, index: number): number {
  let end = index;
  while (end < text.length) {
    const character = text[end] ?? '';
    if (TERMINATOR.test(character)) end += 1;
    else if (character === '/' && text[end - 1] === '.' && text[end + 1] === '.') end += 1;
    else break;
  }
  while (end < text.length && CLOSER.test(text[end] ?? '')) end += 1;
  return end;
}

/** Decides whether the terminator run `text[index, end)` closes a sentence, looking at what follows it. */
function endsSentence(text: string, index: number, end: number): boolean {
  let next = end;
  while (next < text.length && text[next] !== '\n' && WHITESPACE.test(text[next] ?? '')) next += 1;
  const spaced = next > end;
  while (next < text.length && OPENER.test(text[next] ?? '')) next += 1;
  const first = text[next] ?? '';
  if (first === '' || first === '\n') return true;
  const isLetter = /\p{L}/u.test(first);
  const isUpper = isLetter && first !== first.toLowerCase();
  // A lower-case continuation means a domain ("haiphong.gov.vn"), "v.v. và" or an ellipsis inside a sentence.
  if (isLetter && !isUpper) return false;
  // Glued to a digit or punctuation: a number ("2.883", "Q.1") or "…).," rather than a sentence end.
  if (!spaced && !isUpper && next === end) return false;
  const lonePeriod = end === index + 1 && text[index] === '.';
  return !(lonePeriod && (followsAbbreviation(text, index) || numbersLine(text, index)));
}

/** True when the period at `index` numbers a list item or heading ("1. Đội hình …", "**2. Thời gian làm việc**"). */
function numbersLine(text: string, index: number): boolean {
  // A numbering is a few characters after the line start: only that far back is looked at, because searching for the
  // line start through a long line at every period made splitting quadratic in the line's length.
  const windowStart = Math.max(0, index - NUMBERING_WINDOW);
  const before = text.slice(windowStart, index);
  const newline = before.lastIndexOf('\n');
  if (newline === -1 && windowStart > 0) return false;
  return /^\s*(?:[*#]+\s*)?(?:\d{1,2}|[IVX]{1,4}|[a-zđ])$/u.test(before.slice(newline + 1));
}

/** True when the word right before the period at `index` is a known abbreviation. */
function followsAbbreviation(text: string, index: number): boolean {
  const word = LETTER_BEFORE.exec(text.slice(Math.max(0, index - 8), index))?.[0] ?? '';
  if (word === '') return false;
  const wordStart = index - word.length;
  // "…Đại hội.Phường" is a caption glued to a sentence; only whole words count as abbreviations.
  if (wordStart > 0 && /[\p{L}\p{N}]/u.test(text[wordStart - 1] ?? '')) return false;
  return ABBREVIATIONS.has(word);
}

function pushSentence(text: string, start: number, end: number, spans: Span[]): void {
  let trimmedStart = start;
  let trimmedEnd = end;
  while (trimmedStart < trimmedEnd && WHITESPACE.test(text[trimmedStart] ?? '')) trimmedStart += 1;
  while (trimmedEnd > trimmedStart && WHITESPACE.test(text[trimmedEnd - 1] ?? '')) trimmedEnd -= 1;
  if (trimmedStart === trimmedEnd) return;
  if (trimmedEnd - trimmedStart <= LONG_SENTENCE) {
    spans.push({ start: trimmedStart, end: trimmedEnd });
    return;
  }
  spans.push(...splitAtSemicolons(text, trimmedStart, trimmedEnd));
}

/** Cuts a long sentence after "; " into pieces, packing neighbours together while they stay within the limit. */
function splitAtSemicolons(text: string, start: number, end: number): Span[] {
  const clauses: Span[] = [];
  let clauseStart = start;
  for (let index = text.indexOf(';', start); index !== -1 && index < end; index = text.indexOf(';', index + 1)) {
    if (!WHITESPACE.test(text[index + 1] ?? '')) continue;
    clauses.push({ start: clauseStart, end: index + 1 });
    clauseStart = index + 2;
  }
  clauses.push({ start: clauseStart, end });
  const pieces: Span[] = [];
  for (const clause of clauses) {
    const last = pieces[pieces.length - 1];
    if (last && clause.end - last.start <= LONG_SENTENCE) last.end = clause.end;
    else pieces.push({ ...clause });
  }
  return pieces;
}

/**
 * Splits one sentence into clauses after "; " and ": " (offsets into `sentence`, trimmed, without the closing mark).
 * A label that ends in a colon ("Điện thoại văn phòng UBND phường: 0203 …") is never a clause of its own: it comes
 * joined to the value after it, because the label alone answers nothing; the value also stands alone.
 */
export function splitClauses(sentence: string): Span[] {
  const pieces: Span[] = [];
  let start = 0;
  for (const match of sentence.matchAll(/[;:]\s+/gu)) {
    const at = match.index ?? 0;
    pieces.push({ start, end: at + 1 });
    start = at + match[0].length;
  }
  pieces.push({ start, end: sentence.length });
  const clauses: Span[] = [];
  pieces.forEach((piece, index) => {
    const next = pieces[index + 1];
    const isLabel = sentence[piece.end - 1] === ':';
    if (isLabel && next) clauses.push(trimClause(sentence, piece.start, next.end));
    else if (!isLabel || !next) clauses.push(trimClause(sentence, piece.start, piece.end));
  });
  return clauses.filter((clause) => clause.end > clause.start);
}

function trimClause(sentence: string, start: number, end: number): Span {
  let trimmedEnd = end;
  while (trimmedEnd > start && /[\s;:]/u.test(sentence[trimmedEnd - 1] ?? '')) trimmedEnd -= 1;
  let trimmedStart = start;
  while (trimmedStart < trimmedEnd && WHITESPACE.test(sentence[trimmedStart] ?? '')) trimmedStart += 1;
  return { start: trimmedStart, end: trimmedEnd };
}
