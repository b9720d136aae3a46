import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArticleError } from '../../src/core/errors.js';
import { isHttpUrl } from '../../src/core/http-link.js';
import { foldDiacritics, nfc, normalizeForMatch, syllableKey, tokenize } from '../../src/ingest/normalize-vietnamese.js';
import { parseArticle } from '../../src/ingest/parse-article.js';
import { splitSentences } from '../../src/ingest/split-sentences.js';
import { lexicalTerms, queryTerms } from '../../src/search/lexical-terms.js';

// Property tests: generated inputs, including every Unicode plane, lone surrogates and Vietnamese text in NFC and NFD.
const RUNS = { numRuns: 300 };
const VIETNAMESE = [...'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĐÂĂÊÔƠƯ .,;:!?…"“”()\n0123456789'];
const vietnamese = fc.array(fc.constantFrom(...VIETNAMESE), { maxLength: 200 }).map((letters) => letters.join(''));
/** Vietnamese text, sometimes decomposed (NFD), the way some editors save it. */
const anyForm = fc.oneof(vietnamese, vietnamese.map((text) => text.normalize('NFD')));
const anyText = fc.oneof(anyForm, fc.string({ unit: 'grapheme', maxLength: 100 }), fc.string({ unit: 'binary', maxLength: 100 }));

describe('normaliser (properties)', () => {
  it('nfc and foldDiacritics are idempotent and never throw', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(nfc(nfc(text))).toBe(nfc(text));
        expect(foldDiacritics(foldDiacritics(text))).toBe(foldDiacritics(text));
      }),
      RUNS,
    );
  });

  it('folding gives the same result for NFC and NFD input and leaves no Vietnamese mark or đ', () => {
    fc.assert(
      fc.property(anyForm, (text) => {
        const folded = foldDiacritics(text);
        expect(foldDiacritics(text.normalize('NFC'))).toBe(folded);
        expect(foldDiacritics(text.normalize('NFD'))).toBe(folded);
        expect(folded).not.toMatch(/[\u0300-\u036fđĐ]/u);
        expect(folded.replace(/[^\p{L}]/gu, '')).toMatch(/^[a-zA-Z]*$/);
      }),
      RUNS,
    );
  });

  it('normalizeForMatch is idempotent and insensitive to the normal form', () => {
    fc.assert(
      fc.property(anyForm, (text) => {
        const key = normalizeForMatch(text);
        expect(normalizeForMatch(key)).toBe(key);
        expect(normalizeForMatch(text.normalize('NFD'))).toBe(key);
      }),
      RUNS,
    );
  });

  it('syllable keys ignore the normal form of a syllable', () => {
    fc.assert(
      fc.property(anyForm, (text) => {
        for (const token of tokenize(nfc(text))) {
          expect(syllableKey(token.text.normalize('NFD'))).toBe(syllableKey(token.text));
        }
      }),
      RUNS,
    );
  });
});

describe('tokenizer (properties)', () => {
  it('gives tokens in order, not overlapping, each exactly the text at its offsets', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        let previousEnd = 0;
        for (const token of tokenize(text)) {
          expect(text.slice(token.start, token.end)).toBe(token.text);
          expect(token.start).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = token.end;
        }
      }),
      RUNS,
    );
  });

  it('index and query terms never throw and do not depend on the normal form', () => {
    fc.assert(
      fc.property(anyForm, (text) => {
        expect(lexicalTerms(text.normalize('NFD'))).toEqual(lexicalTerms(text.normalize('NFC')));
        expect(queryTerms(text.normalize('NFD'))).toEqual(queryTerms(text.normalize('NFC')));
      }),
      RUNS,
    );
    fc.assert(
      fc.property(anyText, (text) => {
        lexicalTerms(text);
        queryTerms(text);
      }),
      RUNS,
    );
  });

  it('sentence spans are in order, trimmed, within the text and never empty', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        let previousEnd = 0;
        for (const span of splitSentences(text)) {
          expect(span.start).toBeGreaterThanOrEqual(previousEnd);
          expect(span.end).toBeGreaterThan(span.start);
          expect(span.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(span.start, span.end)).toBe(text.slice(span.start, span.end).trim());
          previousEnd = span.end;
        }
      }),
      RUNS,
    );
  });
});

/** Only ArticleError may come out of the parser: a bad file is reported and skipped, never a crash. */
function parseOrReport(file: string, content: string): ReturnType<typeof parseArticle> | ArticleError {
  try {
    return parseArticle(file, content);
  } catch (error) {
    if (error instanceof ArticleError) return error;
    throw error;
  }
}

function expectSound(result: ReturnType<typeof parseArticle> | ArticleError): void {
  if (result instanceof ArticleError) {
    expect(result.message.length).toBeGreaterThan(0);
    return;
  }
  expect(result.id).toMatch(/^[a-z0-9-]+$/);
  expect(result.url === '' || isHttpUrl(result.url)).toBe(true);
  expect(result.text).toBe(nfc(result.text));
}

describe('front matter and HTML parsers (properties)', () => {
  const value = fc.oneof(anyText, fc.constantFrom('https://example.gov.vn/a', 'javascript:alert(1)', '2025-08-15', '15/8/2025', '"', "'", '|', '>', '- a', '{', '[', '&anchor', '*alias', '!!binary x'));
  const field = fc.constantFrom('id', 'title', 'source_url', 'published', 'place', 'other');

  it('a Markdown file with any front matter parses into a sound article or a reported error', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(field, value), { maxLength: 6 }), anyText, fc.boolean(), (pairs, body, closed) => {
        const front = pairs.map(([name, text]) => `${name}: ${text}`).join('\n');
        expectSound(parseOrReport('bai.md', `---\n${front}\n${closed ? '---\n' : ''}${body}`));
      }),
      RUNS,
    );
  });

  it('an HTML page of any tags and text parses into a sound article or a reported error', () => {
    const tag = fc.constantFrom('p', 'div', 'script', 'style', 'nav', 'footer', 'h1', 'title', 'article', 'main', 'a', 'br', 'meta', 'link', '!--');
    const piece = fc.oneof(
      anyText,
      fc.tuple(tag, anyText).map(([name, text]) => `<${name}>${text}</${name}>`),
      tag.map((name) => `<${name}`),
      value.map((text) => `<link rel="canonical" href="${text}"><meta property="og:url" content="${text}">`),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        expectSound(parseOrReport('trang.html', pieces.join('')));
      }),
      RUNS,
    );
  });

  it('a plain-text file of anything parses into a sound article or a reported error', () => {
    fc.assert(fc.property(anyText, (text) => expectSound(parseOrReport('Thông báo.txt', text))), RUNS);
  });
});
