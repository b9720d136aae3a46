import { describe, expect, it } from 'vitest';
import { barChartSvg } from '../../src/admin/bar-chart.js';

describe('barChartSvg', () => {
  it('draws one bar per value, the tallest for the largest, and says what it shows in words', () => {
    const svg = barChartSvg(
      [
        { label: '01/12', values: [4, 2] },
        { label: '02/12', values: [8, 8] },
      ],
      { title: 'Câu hỏi theo ngày', series: ['Câu hỏi', 'Đã trả lời'] },
    );
    const heights = [...svg.matchAll(/<rect [^>]*height="([\d.]+)" fill="#[0-9a-f]+"><title>/g)].map((match) => Number(match[1]));
    expect(heights).toHaveLength(4);
    expect(Math.max(...heights)).toBe(heights[2]);
    expect(heights[0]! * 2).toBeCloseTo(heights[2]!, 0);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Câu hỏi theo ngày. 01/12: 4 / 2; 02/12: 8 / 8"');
    expect(svg).not.toMatch(/<script|style=/);
  });

  it('escapes labels and draws an empty chart without dividing by zero', () => {
    const svg = barChartSvg([{ label: '<b>&', values: [0] }], { title: 't', series: ['a'] });
    expect(svg).toContain('&lt;b&gt;&amp;');
    expect(svg).not.toContain('NaN');
  });
});
