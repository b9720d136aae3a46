import { describe, expect, it } from 'vitest';
import { displayDate } from '../../../src/core/display-date.js';
import { chatScript as chatPage } from '../../../src/channels/http/chat/chat-script.js';
import { relatedPassagesHtml } from '../../../src/channels/http/related-html.js';
import { pageRelatedRenderer } from '../../support/chat-page-renderer.js';
import { unsureResult } from '../../support/unsure-result.js';

describe('relatedPassagesHtml', () => {
  it('renders the passages that may help as a section of their own: numbered title links, dates and quotes', () => {
    expect(relatedPassagesHtml(unsureResult(), 'Có thể hữu ích', displayDate)).toBe(
      '<section class="related"><h2>Có thể hữu ích</h2><ol>' +
        '<li><a href="https://example.org/tan-an-ha-noi" target="_blank" rel="noopener">Phường Tân An tổ chức Đại hội Đảng bộ lần thứ I</a> <span class="date">(20/08/2025)</span>' +
        '<blockquote>Năm 2025, tổng thu ngân sách trên địa bàn phường ước đạt 45,6 tỷ đồng.</blockquote></li>' +
        '<li>HĐND phường Tân An *điều chỉnh* dự toán <span class="date">(09/2025)</span>' +
        '<blockquote>Dự toán thu năm 2025 được điều chỉnh tăng.\nKỳ họp thống nhất cao.</blockquote></li>' +
        '</ol></section>',
    );
  });

  it('escapes article text and links only http(s) addresses', () => {
    const result = unsureResult();
    result.related = [{ id: 'x', title: '<img src=x onerror=alert(1)>', url: 'javascript:alert(1)', quote: '"a" & <b>' }];
    const html = relatedPassagesHtml(result, 'Có thể hữu ích', displayDate);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;a&quot; &amp; &lt;b&gt;');
    expect(html).not.toContain('<a ');
    expect(html).not.toContain('<img');
  });

  it('renders nothing for an answer or a refusal without related passages', () => {
    const { related: _related, ...plain } = unsureResult();
    expect(relatedPassagesHtml(plain, 'Có thể hữu ích', displayDate)).toBe('');
    expect(relatedPassagesHtml({ ...unsureResult(), answered: true }, 'Có thể hữu ích', displayDate)).toBe('');
  });

  it('is what the chat page runs, with the heading in the answer’s language', () => {
    const render = pageRelatedRenderer(chatPage);
    expect(render(unsureResult())).toBe(relatedPassagesHtml(unsureResult(), 'Có thể hữu ích', displayDate));
    expect(render(unsureResult('en'))).toContain('<h2>May help</h2>');
  });
});
