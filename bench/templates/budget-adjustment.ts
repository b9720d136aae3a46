import { capitalize, unitAndName, type ArticleDraft, type Fact, type GeneratedPlace } from '../corpus-model.js';
import { councilChairFact, secretaryFact } from './leadership-facts.js';
import type { SeededRandom } from '../seeded-random.js';
import { addDays, formatDecimal, formatFullDate, type CalendarDay } from '../vietnamese-figures.js';

const REASONS = [
  'khi bộ máy chính quyền địa phương đã chuyển sang mô hình 2 cấp',
  'do phát sinh nguồn thu từ đấu giá quyền sử dụng đất',
  'để bổ sung kinh phí cho các công trình chuyển tiếp',
  'theo hướng dẫn của Sở Tài chính về điều chỉnh dự toán giữa năm',
];

const CLOSINGS = [
  (unit: string) =>
    `Kỳ họp cũng xem xét các báo cáo về tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh của ${unit} và thông qua một số nghị quyết quan trọng khác.`,
  (unit: string) =>
    `Các đại biểu HĐND ${unit} đề nghị tăng cường công tác quản lý thu, chống thất thu ngân sách, sử dụng tiết kiệm, hiệu quả các khoản chi và ưu tiên nguồn lực cho an sinh xã hội.`,
  (unit: string) =>
    `Đây được xem là nền tảng để ${unit} hoàn thiện hơn nữa tổ chức bộ máy và tăng hiệu lực, hiệu quả hoạt động của chính quyền.`,
];

/** The ward People's Council adjusting one year's budget: totals, the upper-level transfer and the main spending lines. */
export function budgetAdjustmentArticle(place: GeneratedPlace, year: number, random: SeededRandom): ArticleDraft {
  const unit = place.unit;
  const name = unitAndName(place);
  const session: CalendarDay = { year, month: random.integer(6, 10), day: random.integer(1, 28) };
  const total = random.decimal(40, 400, 1);
  const approximately = random.pick(['gần', 'hơn']);
  const initial = Math.round(total * random.decimal(0.2, 0.6, 3) * 10) / 10;
  const transfer = Math.round(total * random.decimal(0.6, 0.9, 3) * 10) / 10;
  const recurrent = Math.round(total * random.decimal(0.7, 0.88, 3) * 10) / 10;
  const reserve = Math.round(total * random.decimal(0.01, 0.02, 3) * 10) / 10;
  const investment = Math.round((total - recurrent - reserve) * 10) / 10;
  const ratio = Math.floor(total / Math.max(initial, 0.1));
  const money = (value: number) => `${formatDecimal(value, 1)} tỷ`;

  const withSecretary = year >= 2025;
  const title = `HĐND ${name} điều chỉnh dự toán ngân sách năm ${year} lên ${approximately} ${formatDecimal(total, 1)} tỷ đồng`;
  const paragraphs = [
    `HĐND ${name} (${place.city.label}) đã thảo luận và biểu quyết thông qua nghị quyết điều chỉnh dự toán thu, chi ngân sách địa phương năm ${year} tại kỳ họp ngày ${formatFullDate(session)}. Việc điều chỉnh được thực hiện ${random.pick(REASONS)}.`,
    withSecretary
      ? `Thông tin tại kỳ họp, Bí thư Đảng ủy, Chủ tịch HĐND ${name} ${place.secretary} cho biết ${unit} đã hoàn tất sắp xếp đơn vị hành chính; bộ máy chính quyền đang từng bước được kiện toàn và đi vào hoạt động ổn định.`
      : `Thông tin tại kỳ họp, đại diện UBND ${unit} cho biết tiến độ thu ngân sách ${year} đạt khá so với cùng kỳ, nhiều khoản thu vượt dự toán được giao.`,
    `Theo nghị quyết được thông qua, tổng thu cân đối ngân sách năm ${year} của ${unit} sau điều chỉnh là ${approximately} ${formatDecimal(total, 1)} tỷ đồng. Con số này cao gấp ${ratio > 1 ? `hơn ${ratio} lần` : 'nhiều lần'} dự toán ban đầu, vốn chỉ hơn ${formatDecimal(initial, 1)} tỷ đồng.`,
    `Trong cơ cấu nguồn thu, phần bổ sung từ ngân sách cấp trên là hơn ${formatDecimal(transfer, 1)} tỷ đồng.`,
    `Về chi, tổng chi ngân sách sau điều chỉnh cũng ${approximately} ${formatDecimal(total, 1)} tỷ đồng. Khoản lớn nhất là chi thường xuyên, hơn ${formatDecimal(recurrent, 1)} tỷ đồng; chi đầu tư phát triển là hơn ${formatDecimal(investment, 1)} tỷ đồng; phần dự phòng ngân sách hơn ${formatDecimal(reserve, 1)} tỷ đồng.`,
    random.pick(CLOSINGS)(`${unit}`),
    `Như vậy, sau điều chỉnh, cả tổng thu và tổng chi ngân sách năm ${year} của ${name} đều ở mức ${approximately} ${formatDecimal(total, 1)} tỷ đồng.`,
  ];

  const facts: Fact[] = [
    {
      key: `budget-${year}-total`,
      kind: 'number',
      answer: [money(total)],
      ask: (at) => ({
        plain: `Tổng thu cân đối ngân sách năm ${year} của ${at.vi} sau điều chỉnh là bao nhiêu?`,
        paraphrase: `HĐND ${at.vi} điều chỉnh dự toán ngân sách năm ${year} lên bao nhiêu?`,
        english: `What was the adjusted ${year} budget revenue of ${at.english}?`,
      }),
    },
    {
      key: `budget-${year}-initial`,
      kind: 'number',
      answer: [money(initial)],
      ask: (at) => ({
        plain: `Dự toán ngân sách ban đầu năm ${year} của ${at.vi} là bao nhiêu?`,
        colloquial: `năm ${year} ${at.vi} lúc đầu dự toán thu bao nhiêu tiền?`,
      }),
    },
    {
      key: `budget-${year}-transfer`,
      kind: 'number',
      answer: [money(transfer)],
      ask: (at) => ({
        plain: `Năm ${year}, phần bổ sung từ ngân sách cấp trên cho ${at.vi} là bao nhiêu?`,
      }),
    },
    {
      key: `budget-${year}-recurrent`,
      kind: 'number',
      answer: [money(recurrent)],
      ask: (at) => ({
        plain: `Chi thường xuyên năm ${year} của ${at.vi} sau điều chỉnh là bao nhiêu?`,
        colloquial: `${at.vi} năm ${year} chi thường xuyên hết bao nhiêu tiền?`,
      }),
    },
    {
      key: `budget-${year}-investment`,
      kind: 'number',
      answer: [money(investment)],
      ask: (at) => ({
        plain: `Chi đầu tư phát triển năm ${year} của ${at.vi} là bao nhiêu?`,
        english: `How much development investment spending did ${at.english} plan for ${year}?`,
      }),
    },
    {
      key: `budget-${year}-session`,
      kind: 'date',
      answer: [formatFullDate(session)],
      ask: (at) => ({
        plain: `HĐND ${at.vi} thông qua nghị quyết điều chỉnh dự toán ngân sách năm ${year} vào ngày nào?`,
        colloquial: `${at.vi} họp điều chỉnh ngân sách ${year} hôm nào vậy?`,
      }),
    },
  ];
  if (withSecretary) facts.push(secretaryFact(place), councilChairFact(place));
  return {
    topic: `dieu-chinh-ngan-sach-${year}`,
    title: capitalize(title),
    published: addDays(session, random.integer(1, 3)),
    paragraphs,
    facts,
  };
}
