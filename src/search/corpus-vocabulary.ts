import { applyTone } from '../core/typo-repair.js';
import { foldDiacritics } from '../ingest/normalize-vietnamese.js';
import type { Vocabulary } from '../core/ports.js';

const TONE_MARKS = ['', '\u0301', '\u0300', '\u0309', '\u0303', '\u0323'];
const FOLDED_PREFIX = '~';

/**
 * The vocabulary of an index's BM25 terms: accented syllable keys ("nhập5", only for words with marks) and folded
 * ones ("~nhap"). Built once, on first use, from the term list the index already holds.
 */
export class CorpusVocabulary implements Vocabulary {
  private frequencies: Map<string, number> | undefined;
  private forms: Map<string, string> | undefined;

  constructor(private readonly terms: () => Map<string, number>) {}

  frequency(key: string): number {
    const frequencies = this.load();
    return frequencies.get(key) ?? frequencies.get(FOLDED_PREFIX + key) ?? 0;
  }

  commonForm(folded: string): string | undefined {
    const frequencies = this.load();
    return this.forms?.get(folded) ?? (frequencies.has(FOLDED_PREFIX + folded) ? folded : undefined);
  }

  private load(): Map<string, number> {
    if (this.frequencies) return this.frequencies;
    const frequencies = this.terms();
    const best = new Map<string, { form: string; frequency: number }>();
    for (const [term, frequency] of frequencies) {
      if (term.startsWith(FOLDED_PREFIX)) continue;
      // An accented key is the syllable without its tone, then the tone's digit: "nhập" is "nhâp5".
      const tone = /\d$/u.test(term) ? Number(term.slice(-1)) : 0;
      const base = tone ? term.slice(0, -1) : term;
      const form = tone ? applyTone(base, TONE_MARKS[tone] ?? '') : base;
      const folded = foldDiacritics(base).toLowerCase();
      const current = best.get(folded);
      if (!current || frequency > current.frequency) best.set(folded, { form, frequency });
    }
    // Words written without any mark have no accented key: they win when the folded count exceeds the marked ones'.
    const marked = new Map<string, number>();
    for (const [term, frequency] of frequencies) {
      if (term.startsWith(FOLDED_PREFIX)) continue;
      const folded = foldDiacritics(/\d$/u.test(term) ? term.slice(0, -1) : term).toLowerCase();
      marked.set(folded, (marked.get(folded) ?? 0) + frequency);
    }
    for (const [folded, entry] of best) {
      const unmarked = (frequencies.get(FOLDED_PREFIX + folded) ?? 0) - (marked.get(folded) ?? 0);
      if (unmarked > entry.frequency) best.set(folded, { form: folded, frequency: unmarked });
    }
    this.forms = new Map([...best].map(([folded, entry]) => [folded, entry.form]));
    this.frequencies = frequencies;
    return frequencies;
  }
}
