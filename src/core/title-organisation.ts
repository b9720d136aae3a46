import { foldedKey, normalizeForMatch, syllableKey } from '../ingest/normalize-vietnamese.js';
import type { AnalyzedQuestion } from './question-analysis.js';

// Last syllables of titles that every organisation has ("Bí thư", "Chủ tịch"), so the body after them decides whose.
const TITLE_ENDS = new Set(['thư', 'tịch'].map(syllableKey));
// Bodies other than a ward's own Party committee, People's Committee and Council: the Youth Union, associations, trade
// unions, Party cells, the Front ("Ủy ban MTTQ", not the People's Committee), the inspection committee, and Party
// committees of a province, city or district.
const OTHER_BODIES = ['thành đoàn', 'tỉnh đoàn', 'đoàn', 'hội', 'công đoàn', 'chi bộ', 'tỉnh ủy', 'thành ủy', 'huyện ủy', 'quận ủy', 'mttq', 'mặt trận', 'ủy ban mttq', 'ủy ban mặt trận', 'ủy ban kiểm tra'].map(
  (body) => body.split(' ').map(syllableKey),
);

/**
 * True when the title that ends at `titleEnd` in `accented` (tone-insensitive syllable keys of a sentence) is followed
 * by the name of another body than the question asks about: "Bí thư Thành Đoàn" does not answer "Bí thư phường", while
 * "Bí thư Đoàn phường" does answer a question that names the Đoàn.
 */
export function titleOfOtherBody(accented: readonly string[], titleEnd: number, question: AnalyzedQuestion): boolean {
  if (!TITLE_ENDS.has(accented[titleEnd - 1] ?? '')) return false;
  const body = OTHER_BODIES.find((words) => words.every((word, offset) => accented[titleEnd + offset] === word));
  if (!body) return false;
  const asked = ` ${[question.text, ...question.groups.flatMap((group) => group.texts)].map(normalizeForMatch).join(' ')} `;
  return !asked.includes(` ${body.map((word) => foldedKey(word.replace(/\d$/u, ''))).join(' ')} `);
}
