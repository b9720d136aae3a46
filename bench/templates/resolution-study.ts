import { capitalize, unitAndName, type ArticleDraft, type Fact, type GeneratedPlace, type ResolutionEvent } from '../corpus-model.js';
import { councilChairFact, leadershipFacts } from './leadership-facts.js';
import type { SeededRandom } from '../seeded-random.js';
import { formatFullDate } from '../vietnamese-figures.js';

/** A ward joining its city's online conference that studies one resolution; its three leaders attend. */
export function resolutionStudyArticle(place: GeneratedPlace, event: ResolutionEvent, random: SeededRandom): ArticleDraft {
  const unit = place.unit;
  const name = unitAndName(place);
  const city = place.city;
  const dayPart = random.pick(['sáng', 'chiều']);
  const paragraphs = [
    `Vào ${dayPart} ${formatFullDate(event.date)}, ${city.partyCommittee} ${city.info.name} mở hội nghị theo hình thức trực tuyến, giúp cán bộ, đảng viên học tập và quán triệt ${event.name} ${event.topic}. Có ${event.bridges} điểm cầu ở các xã, phường trên địa bàn được kết nối với hội nghị; ${name} là một trong số đó.`,
    `Tại điểm cầu ${name}, hội nghị có sự tham dự của đồng chí ${place.secretary}, Bí thư Đảng ủy, Chủ tịch HĐND ${unit}; đồng chí ${place.standingDeputy}, Phó Bí thư Thường trực Đảng ủy; và đồng chí ${place.chairman}, Phó Bí thư Đảng ủy, Chủ tịch UBND ${unit}. Cùng dự có các Ủy viên Ban Chấp hành Đảng bộ ${unit}, lãnh đạo HĐND và UBND ${unit}, Thường trực Ủy ban MTTQ Việt Nam ${unit} và các tổ chức chính trị – xã hội.`,
    `Nội dung quán triệt xoay quanh hai văn bản. Văn bản thứ nhất là ${event.name}, ban hành ngày ${formatFullDate(event.issued)}. Văn bản thứ hai là Chương trình hành động số ${event.programme}, đề ngày ${formatFullDate(event.programmeIssued)}, do Ban Chấp hành Đảng bộ ${city.government} ban hành để triển khai thực hiện nghị quyết.`,
    `Theo ${name}, đợt học tập nhằm để cán bộ, đảng viên và Nhân dân hiểu rõ, nắm chắc những điểm cốt lõi của nghị quyết. Dựa vào đó, mỗi cơ quan, đơn vị tự xây dựng kế hoạch thực hiện cho sát với chức năng, nhiệm vụ được giao.`,
    `${capitalize(unit)} kỳ vọng hội nghị giúp cả Đảng bộ và Nhân dân ${place.name} thống nhất từ nhận thức đến việc làm, phát huy tinh thần đoàn kết, quyết tâm, để nghị quyết sớm đi vào cuộc sống.`,
  ];
  const facts: Fact[] = [
    {
      key: `${event.slug}-date`,
      kind: 'date',
      answer: [formatFullDate(event.date)],
      ask: (at) => ({
        plain: `${capitalize(at.vi)} học tập, quán triệt ${event.name} vào ngày nào?`,
        colloquial: `${at.vi} học ${event.name} hôm nào nhỉ?`,
      }),
    },
    {
      key: `${event.slug}-bridges`,
      kind: 'number',
      answer: [String(event.bridges)],
      ask: (at) => ({
        plain: `Hội nghị trực tuyến quán triệt ${event.name} mà ${at.vi} tham dự được kết nối tới bao nhiêu điểm cầu?`,
      }),
    },
    {
      key: `${event.slug}-programme`,
      kind: 'number',
      answer: [event.programme],
      ask: (at) => ({
        plain: `Chương trình hành động thực hiện ${event.name} được quán triệt ở ${at.vi} mang số hiệu gì?`,
      }),
    },
    ...leadershipFacts(place),
    councilChairFact(place),
  ];
  return {
    topic: `quan-triet-${event.slug}`,
    title: `${capitalize(name)} dự hội nghị trực tuyến quán triệt ${event.name}`,
    published: event.date,
    paragraphs,
    facts,
  };
}
