import { syllableKey } from '../ingest/normalize-vietnamese.js';

// Words that open a sentence without being its subject noun: prepositions, time words, forms of address, verbs.
const NOT_SUBJECT = new Set(
  (
    'trong theo tại sau trước ngày năm tháng sáng chiều tối với về để do vì nếu khi đến từ cùng các những một hai ba ' +
    'đồng ông bà anh chị phát dự thay tham ngoài bên riêng đây đó hiện như ngay dịp qua tổng cụ thể mỗi nhiều được có là'
  )
    .split(' ')
    .map(syllableKey),
);

/**
 * True when a sentence refers back to what `context` (the sentence before it, or the title) names by repeating its
 * head noun: "Trạm có 2 tầng…" after "…khánh thành Trạm Y tế xã…", "Chiến dịch diễn ra…" under a title naming the
 * campaign, "Điểm này…" after "…một điểm tiếp nhận…". Both take tone-insensitive syllable keys; a sentence that
 * opens with a number (a value, a list item) refers to nothing.
 */
export function refersBack(sentence: readonly string[], context: readonly string[]): boolean {
  const head = sentence[0];
  if (!head || /^\d/.test(head) || NOT_SUBJECT.has(head)) return false;
  // Sentences that open alike ("Hộ có nhà bị sập…", "Hộ có nhà bị tốc mái…") are parallel, not one about the other.
  if (context[0] === head) return false;
  // The head noun must stand in the context as the start of a longer name, not as its last word.
  for (let index = 1; index + 1 < context.length; index++) {
    if (context[index] === head && !/^\d/.test(context[index + 1] ?? '')) return true;
  }
  return false;
}
