import { describe, expect, it } from 'vitest';
import { formatZaloReply } from '../../src/channels/zalo/format-reply.js';
import { linkTarget } from '../../src/channels/discord/format-reply.js';
import { chatScript as chatPage } from '../../src/channels/http/chat/chat-script.js';
import { toAskResult } from '../../src/core/ask-service.js';
import { httpLinkOrEmpty, isHttpUrl } from '../../src/core/http-link.js';
import { parsePinLine } from '../../src/store/pin-lines.js';
import { cleanCitations, parseCitations } from '../../src/store/stored-citations.js';

const HOSTILE = ['javascript:alert(document.cookie)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'vbscript:x', 'http://', '//evil.example/x'];

describe('links: only http(s) addresses anywhere a link is made', () => {
  it('accepts http and https addresses and nothing else', () => {
    expect(isHttpUrl('https://example.gov.vn/a')).toBe(true);
    expect(isHttpUrl('HTTP://example.gov.vn/a')).toBe(true);
    for (const url of HOSTILE) expect(isHttpUrl(url), url).toBe(false);
    expect(httpLinkOrEmpty('javascript:alert(1)')).toBe('');
  });

  it('pins import refuses a line whose citation URL is not http(s), naming the value', () => {
    const line = JSON.stringify({ question: 'Giờ tiếp dân?', answer: 'Sáng thứ Năm.', citations: [{ id: 'a', url: 'javascript:alert(1)' }] });
    expect(parsePinLine(line, { newId: () => 'id', createdAt: '2025-01-01T00:00:00.000Z', pinnedBy: 'x' })).toEqual({
      error: 'citation "url" must be an http:// or https:// address (got "javascript:alert(1)")',
    });
  });

  it('stores and reads back citations without a hostile URL, even from rows written before the check', () => {
    expect(cleanCitations([{ id: 'a', title: 't', url: 'javascript:alert(1)', quote: '' }])[0]!.url).toBe('');
    expect(parseCitations(JSON.stringify([{ id: 'a', title: 't', url: 'data:text/html,x', quote: '' }]))[0]!.url).toBe('');
  });

  it('the API answer carries no hostile URL whatever the answer held', () => {
    const result = toAskResult('q', {
      kind: 'answered',
      text: 'a',
      citations: [{ id: 'a', title: 't', url: 'javascript:alert(1)', quote: 'q' }, { id: 'b', title: 't', url: 'https://example.gov.vn/b', quote: 'q' }],
      mode: 'pinned',
      language: 'vi',
    } as Parameters<typeof toAskResult>[1]);
    expect(result.citations.map((citation) => citation.url)).toEqual(['', 'https://example.gov.vn/b']);
  });

  it('Discord and Zalo make no link of a hostile URL', () => {
    expect(linkTarget('javascript:alert(1)')).toBe('');
    const [text] = formatZaloReply({
      question: 'q',
      answered: true,
      answer: 'Câu trả lời.',
      citations: [{ id: 'a', title: 'Bài', url: 'javascript:alert(1)', quote: '' }],
      mode: 'pinned',
      language: 'vi',
    });
    expect(text).not.toContain('javascript:');
  });

  it('the chat page turns only http(s) citation URLs into links', () => {
    expect(chatPage).not.toMatch(/if \(citation\.url\) \{ link\.href/);
    const source = /function isWebAddress\(value\) \{[\s\S]*?\n\}/.exec(chatPage)?.[0];
    expect(source).toBeDefined();
    const isWebAddress = new Function(`${source}; return isWebAddress;`)() as (value: unknown) => boolean;
    for (const url of HOSTILE) expect(isWebAddress(url), url).toBe(false);
    expect(isWebAddress('https://example.gov.vn/a')).toBe(true);
    expect(chatPage).toContain('if (isWebAddress(citation.url)) { link.href = citation.url;');
  });
});
