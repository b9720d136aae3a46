import { describe, expect, it } from 'vitest';
import { extractPage } from '../../src/sources/extract-page.js';
import { isNearDuplicate, parseSignature, serialiseSignature, textSignature } from '../../src/sources/near-duplicates.js';
import { fixtureText } from '../support/fixture-site.js';

const textOf = (html: string) => extractPage(html, 'https://phuong.example.gov.vn/bai.html')?.text ?? '';
const vaccination = textOf(fixtureText('layout-blocks.html'));
/** The province portal's copy: its own lead-in and byline, one word changed. */
const syndicated = `(Cổng TTĐT thành phố) – ${vaccination.replace('Phụ huynh đưa trẻ', 'Cha mẹ đưa trẻ')}\nThu Hà (Trung tâm Y tế khu vực)`;
const reception = textOf(fixtureText('layout-article.html'));

describe('near-duplicate detection', () => {
  it('finds the same news republished with another lead-in, byline and a changed word', () => {
    expect(isNearDuplicate(textSignature(vaccination), textSignature(syndicated))).toBe(true);
  });

  it('keeps two issues of one template apart when their dates differ', () => {
    const nextMonth = reception.replaceAll('tháng 9', 'tháng 10');
    expect(isNearDuplicate(textSignature(reception), textSignature(nextMonth))).toBe(false);
  });

  it('keeps different news apart', () => {
    expect(isNearDuplicate(textSignature(vaccination), textSignature(reception))).toBe(false);
  });

  it('reads back the signature it stored', () => {
    const signature = textSignature(vaccination);
    expect(parseSignature(serialiseSignature(signature))).toEqual(signature);
    expect(parseSignature('garbled')).toBeUndefined();
  });
});
