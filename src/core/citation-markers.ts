/** The `[n]` markers of a generated answer, checked against the passages the prompt numbered. */
export interface CitationMarkers {
  /** The answer with every marker removed and the spacing around them tidied. */
  text: string;
  /** Numbers (1-based) of existing passages, in order of first citation. */
  cited: number[];
  /** Markers that pointed at no passage, as written, e.g. `[7]`. */
  dropped: string[];
}

// `[1]`, `[1, 2]`, `[1;2]`, `[1-3]`, and the `【1】`/`【1†source】` form some models emit.
const MARKER = /\[\s*(\d+(?:\s*[,;–-]\s*\d+)*)\s*\]|【\s*(\d+(?:\s*[,;–-]\s*\d+)*)(?:†[^】]*)?\s*】/gu;
const MAX_RANGE = 50;

/**
 * Finds the citation markers of an answer (`[1]`, `[1, 2]`, `[1][2]`, `[1-3]`), keeps those pointing at one of
 * `passageCount` passages, drops the rest, and strips all of them from the text shown to the user.
 */
export function parseCitationMarkers(text: string, passageCount: number): CitationMarkers {
  const cited: number[] = [];
  const dropped: string[] = [];
  const stripped = text.replace(MARKER, (whole, square: string | undefined, lenticular: string | undefined) => {
    const numbers = expandNumbers(square ?? lenticular ?? '');
    const valid = numbers.filter((number) => number >= 1 && number <= passageCount);
    if (valid.length < numbers.length || numbers.length === 0) dropped.push(whole);
    for (const number of valid) if (!cited.includes(number)) cited.push(number);
    return ' ';
  });
  return { text: tidySpacing(stripped), cited, dropped };
}

function expandNumbers(list: string): number[] {
  const numbers: number[] = [];
  for (const part of list.split(/\s*[,;]\s*/)) {
    const range = /^(\d+)\s*[–-]\s*(\d+)$/.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to < from || to - from > MAX_RANGE) {
        numbers.push(from, to);
        continue;
      }
      for (let number = from; number <= to; number++) numbers.push(number);
    } else if (part) {
      numbers.push(Number(part));
    }
  }
  return numbers;
}

function tidySpacing(text: string): string {
  return text
    .replace(/[ \t]+/g, ' ')
    .replace(/ +([.,;:!?…)\]»”])/gu, '$1')
    .replace(/ *\n */g, '\n')
    .trim();
}
