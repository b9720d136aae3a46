import { describe, expect, it } from 'vitest';
import { articlesAbout } from '../../../src/channels/discord/articles-about.js';
import type { ArticleMeta } from '../../../src/core/types.js';

const ARTICLES: ArticleMeta[] = [
  { id: 'a', title: 'Đại hội phường Hòa Bình', url: '', place: 'phường Hòa Bình, TP Hải Phòng' },
  { id: 'b', title: 'Đại hội xã An Hòa', url: '', place: 'xã An Hòa, tỉnh Mẫu' },
  { id: 'c', title: 'Tin xã Hòa Bình Mới', url: '' },
];

describe('articlesAbout', () => {
  it('keeps the articles whose place names the ward, with or without diacritics', () => {
    expect(articlesAbout(ARTICLES, 'phường Hòa Bình').map((article) => article.id)).toEqual(['a']);
    expect(articlesAbout(ARTICLES, 'phuong hoa binh').map((article) => article.id)).toEqual(['a']);
  });

  it('matches whole words only, so "An Hòa" does not match "Hòa Bình"', () => {
    expect(articlesAbout(ARTICLES, 'Hòa').map((article) => article.id)).toEqual(['a', 'b', 'c']);
    expect(articlesAbout(ARTICLES, 'An Hòa').map((article) => article.id)).toEqual(['b']);
  });

  it('falls back to the title when an article has no place', () => {
    expect(articlesAbout(ARTICLES, 'xã Hòa Bình Mới').map((article) => article.id)).toEqual(['c']);
  });

  it('returns every article when no place is given', () => {
    expect(articlesAbout(ARTICLES)).toHaveLength(3);
  });
});
