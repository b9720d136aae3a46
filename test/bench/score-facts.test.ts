import { describe, expect, it } from 'vitest';
import { scoreFacts } from '../../bench/score-facts.js';
import { loadArticles } from '../../src/ingest/load-articles.js';

describe('scoreFacts', () => {
  it('counts a province official read as a ward holder as wrong, and a missing holder as missed', async () => {
    const { articles } = await loadArticles('test/fixtures/facts-wards');
    const place = 'phường Đông Hải, tỉnh Thanh Hóa';
    const result = scoreFacts(articles, {
      articles: {
        'phuong-dong-hai-dai-hoi-2025': {
          offices: [
            { person: 'Trần Văn Bình', office: 'Bí thư Đảng ủy', place },
            { person: 'Đỗ Thị Mai', office: 'Phó Bí thư Thường trực Đảng ủy', place },
            { person: 'Phạm Văn Cường', office: 'Phó Bí thư Đảng ủy', place },
            { person: 'Ai Đó Khác', office: 'Chủ tịch HĐND', place },
          ],
          figures: [{ measure: 'area', value: 19.15 }],
        },
      },
    });
    expect(result.offices.missed).toEqual(['phuong-dong-hai-dai-hoi-2025 | Ai Đó Khác | Chủ tịch HĐND | phường Đông Hải, tỉnh Thanh Hóa']);
    // Phạm Văn Cường's chair and the neighbouring commune's chair were not in this list: both count against precision.
    expect(result.offices.wrong).toHaveLength(2);
    expect(result.offices.recall).toBe(0.75);
    expect(result.figures.recall).toBe(1);
    expect(result.figures.precision).toBeLessThan(1);
  });
});
