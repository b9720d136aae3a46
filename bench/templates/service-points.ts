import { capitalize, unitAndName, type ArticleDraft, type Fact, type GeneratedPlace } from '../corpus-model.js';
import type { SeededRandom } from '../seeded-random.js';
import { STREET_KINDS, STREET_NAMES } from '../word-lists.js';
import { addDays, formatFullDate, formatInteger, type CalendarDay } from '../vietnamese-figures.js';

/** A ward opening a second point where residents file administrative paperwork, from a given day. */
export function servicePointsArticle(place: GeneratedPlace, random: SeededRandom): ArticleDraft {
  const unit = place.unit;
  const name = unitAndName(place);
  const city = place.city;
  const start: CalendarDay = { year: 2025, month: random.integer(9, 12), day: random.integer(1, 28) };
  const request = addDays(start, -random.integer(20, 35));
  const approval = addDays(request, random.integer(5, 12));
  const [firstStreet = 'Lê Lợi', secondStreet = 'Trần Phú'] = random.sample(STREET_NAMES, 2);
  const firstAddress = `${random.pick(STREET_KINDS)} ${firstStreet}`;
  const secondAddress = `${random.integer(2, 250)} ${random.pick(STREET_KINDS)} ${secondStreet}`;
  const letter = `${random.integer(1_200, 21_000)}/UBND-HCC`;
  const withHours = random.chance(0.5);
  const morning = random.pick(['7h00', '7h30']);
  const afternoon = random.pick(['13h00', '13h30']);

  const paragraphs = [
    `Người dân và doanh nghiệp ở ${name} (${city.label}) sẽ có thêm một nơi để nộp hồ sơ và nhận kết quả thủ tục hành chính. Theo UBND ${unit}, bắt đầu từ ngày ${formatFullDate(start)}, việc tiếp nhận hồ sơ và trả kết quả được thực hiện tại 2 địa điểm.`,
    `Địa điểm thứ nhất nằm trên ${firstAddress}, ${name}, đặt tại Trung tâm Hành chính ${unit}. Địa điểm thứ hai ở số ${secondAddress}, ${name}, tại Trung tâm Phục vụ Hành chính công ${city.label}.`,
    `Nguyên nhân của việc mở thêm điểm tiếp nhận nằm ở quy mô dân cư. Với ${formatInteger(place.population)} người, ${place.name} là một trong những ${unit} đông dân nhất ${city.label}, nên số tổ chức, công dân tìm đến Trung tâm Phục vụ hành chính công ${unit} để giải quyết thủ tục luôn rất lớn.`,
    `Nhằm giữ cho trung tâm vận hành thông suốt và giảm thời gian chờ của người dân, ngày ${formatFullDate(request)}, UBND ${name} đã gửi công văn lên UBND ${city.government}, xin bổ sung một điểm nhận hồ sơ. Đến ngày ${formatFullDate(approval)}, UBND ${city.government} ban hành Công văn số ${letter}, liên quan đến việc bố trí thêm nơi tiếp nhận và trả kết quả hồ sơ thủ tục hành chính cho ${unit}.`,
    ...(withHours
      ? [
          `Thời gian tiếp nhận hồ sơ tại cả hai địa điểm từ ${morning} đến 11h30 buổi sáng và từ ${afternoon} đến 17h00 buổi chiều, từ thứ Hai đến thứ Sáu hằng tuần; sáng thứ Bảy tiếp nhận hồ sơ đất đai và hộ tịch.`,
        ]
      : []),
    `Theo UBND ${name}, có thêm điểm tiếp nhận sẽ giúp người dân, doanh nghiệp thuận tiện hơn khi làm thủ tục, đồng thời đóng góp vào công cuộc cải cách hành chính và xây dựng chính quyền điện tử.`,
  ];

  const facts: Fact[] = [
    {
      key: 'service-start',
      kind: 'date',
      answer: [formatFullDate(start)],
      ask: (at) => ({
        plain: `Từ ngày nào ${at.vi} tiếp nhận hồ sơ thủ tục hành chính tại 2 địa điểm?`,
        colloquial: `bao giờ ${at.vi} bắt đầu nhận hồ sơ ở 2 chỗ vậy?`,
      }),
    },
    {
      key: 'service-second-location',
      kind: 'place',
      answer: [secondAddress],
      ask: (at) => ({
        plain: `Địa điểm thứ hai tiếp nhận hồ sơ thủ tục hành chính của ${at.vi} ở đâu?`,
        colloquial: `chỗ nộp hồ sơ thứ hai của ${at.vi} ở đâu thế?`,
        english: `Where is the second location for submitting documents in ${at.english}?`,
      }),
    },
    {
      key: 'service-first-location',
      kind: 'place',
      answer: [firstAddress],
      ask: (at) => ({
        plain: `Địa điểm thứ nhất tiếp nhận hồ sơ của ${at.vi} nằm trên đường nào?`,
      }),
    },
    {
      key: 'population',
      kind: 'number',
      answer: [formatInteger(place.population)],
      ask: (at) => ({
        plain: `${capitalize(at.vi)} có bao nhiêu dân?`,
        english: `What is the population of ${at.english}?`,
      }),
    },
    {
      key: 'service-letter',
      kind: 'number',
      answer: [letter],
      ask: (at) => ({
        plain: `UBND ${city.government} ban hành công văn số mấy về việc bố trí thêm điểm nhận hồ sơ cho ${at.vi}?`,
      }),
    },
  ];
  if (withHours) {
    facts.push({
      key: 'service-hours',
      kind: 'date',
      answer: [morning],
      ask: (at) => ({
        plain: `Buổi sáng ${at.vi} bắt đầu tiếp nhận hồ sơ từ mấy giờ?`,
        english: `What are the opening hours of the ${at.english} public administration service centre?`,
      }),
    });
  }
  return {
    topic: 'diem-tiep-nhan-ho-so-2025',
    title: `Từ ${formatFullDate(start)}, ${name} nhận hồ sơ thủ tục hành chính tại hai địa điểm`,
    published: addDays(start, -random.integer(2, 5)),
    paragraphs,
    facts,
  };
}
