import { describe, expect, it } from 'vitest';
import { lexicalTerms, queryTerms } from '../../src/search/lexical-terms.js';

describe('lexicalTerms', () => {
  it('stores accented keys, prefixed folded keys and folded bigrams', () => {
    expect(lexicalTerms('Dân số')).toEqual(['dân', '~dan', 'sô1', '~so', '~dan so']);
  });

  it('stores a word without diacritics only once, as its folded key', () => {
    expect(lexicalTerms('An Hải')).toEqual(['~an', 'hai3', '~hai', '~an hai']);
  });

  it('gives old- and new-style tone placement the same terms', () => {
    expect(lexicalTerms('Hoà Bình')).toEqual(lexicalTerms('Hòa Bình'));
  });

  it('keeps numbers whole, without digit-group separators', () => {
    expect(lexicalTerms('2.883 người')).toContain('~2883');
  });
});

describe('queryTerms', () => {
  it('asks only for folded terms when the query has no diacritics', () => {
    expect(queryTerms('dan so')).toEqual([
      { term: '~dan', weight: 1 },
      { term: '~so', weight: 1 },
      { term: '~dan so', weight: 1 },
    ]);
  });

  it('weighs accented matches above folded ones when the query has diacritics', () => {
    const terms = new Map(queryTerms('dân số').map(({ term, weight }) => [term, weight]));
    expect(terms.get('dân')).toBe(1);
    expect(terms.get('~dan')).toBe(0.5);
    expect(terms.get('~dan so')).toBe(1);
  });

  it('adds up the weight of a term the query repeats', () => {
    const terms = new Map(queryTerms('phường phường').map(({ term, weight }) => [term, weight]));
    expect(terms.get('phương2')).toBe(2);
  });

  it('returns no terms for a question without words', () => {
    expect(queryTerms(' ?! ')).toEqual([]);
  });
});
