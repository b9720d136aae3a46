import { capitalize, unitAndName, type ArticleDraft, type Fact, type GeneratedPlace } from '../corpus-model.js';
import { leadershipFacts } from './leadership-facts.js';
import type { SeededRandom } from '../seeded-random.js';
import { addDays, formatDayMonth, formatDecimal, formatInteger, type CalendarDay } from '../vietnamese-figures.js';

const GOALS = [
  'kinh tế phát triển nhanh, bền vững, chủ động và đổi mới sáng tạo',
  'xây dựng đô thị văn minh, hiện đại, đáng sống',
  'phát triển toàn diện, nâng cao đời sống Nhân dân',
  'khai thác hiệu quả tiềm năng, lợi thế sau sắp xếp',
];

const FILLER = [
  (unit: string) =>
    `Chuyển đổi số trong quản lý nhà nước, xây dựng chính quyền điện tử, phát triển kinh tế số, xã hội số được triển khai đồng bộ. Quốc phòng – an ninh được giữ vững; lực lượng Công an ${unit} phát huy tốt vai trò nòng cốt trong bảo đảm trật tự, an toàn xã hội.`,
  (unit: string) =>
    `Công tác xây dựng Đảng, hệ thống chính trị được củng cố; năng lực lãnh đạo, điều hành được nâng cao; hoạt động của Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội ${unit} đổi mới, hiệu quả. Công tác kiểm tra, giám sát được thực hiện nghiêm túc, đúng quy định.`,
  (unit: string) =>
    `Phát biểu chỉ đạo, đại diện lãnh đạo cấp trên ghi nhận, biểu dương những kết quả mà Đảng bộ, chính quyền và Nhân dân ${unit} đạt được, đồng thời đề nghị Đảng bộ tiếp tục đổi mới phương thức lãnh đạo, phát huy dân chủ, tăng cường đoàn kết, thống nhất trong cấp ủy.`,
  (unit: string) =>
    `Công tác cải cách hành chính được chú trọng; việc tiếp nhận, giải quyết hồ sơ tại bộ phận một cửa ${unit} bảo đảm đúng hạn, tạo thuận lợi cho người dân và doanh nghiệp. Công tác giải phóng mặt bằng các dự án trọng điểm được tập trung chỉ đạo quyết liệt.`,
];

/**
 * The report of a ward's first party congress of the 2025–2030 term, after the 2025 merger: who directed it, how many
 * delegates and party members, what the ward was merged from, its area, population, economy, and whom it elected.
 */
export function partyCongressArticle(place: GeneratedPlace, opening: CalendarDay, random: SeededRandom): ArticleDraft {
  const unit = place.unit;
  const name = unitAndName(place);
  const leader = random.pick(place.city.leaders.slice(0, 4));
  const delegates = random.integer(120, 320);
  const members = random.integer(600, 4_200);
  const organisations = random.integer(25, 90);
  const committee = random.integer(27, 45);
  const growth = random.decimal(6, 14, 2);
  const income = random.integer(45, 130);
  const revenue = random.decimal(5, 60, 2);
  const revenuePlan = random.integer(102, 160);
  const cultural = random.integer(90, 99);
  const poor = random.decimal(0.05, 2.5, 2);
  const targets = random.integer(14, 28);
  const targetGrowth = random.decimal(8, 12, 1);
  const twoDays = random.chance(0.5);
  const closing = twoDays ? addDays(opening, 1) : opening;
  const firstDay = closing.month === opening.month ? String(opening.day) : formatDayMonth(opening);
  const neighbourhoods = random.integer(12, 60);
  const neighbourhoodWord = unit === 'phường' ? 'tổ dân phố' : 'thôn';
  const dayPart = random.pick(['Sáng', 'Chiều']);
  const source = `(${capitalize(place.city.info.domain)})`;
  const formerList = joinList(place.formerUnits.map((former) => `${unit} ${former}`));

  const title = random.pick([
    `${capitalize(name)} đặt mục tiêu đến năm 2030 ${random.pick(GOALS)}`,
    `Đại hội Đảng bộ ${name} lần thứ I, nhiệm kỳ 2025 - 2030 thành công tốt đẹp`,
    `${capitalize(name)} tổ chức Đại hội Đại biểu Đảng bộ lần thứ I, nhiệm kỳ 2025 - 2030`,
  ]);
  const opened = twoDays
    ? `Trong hai ngày ${firstDay}${firstDay.includes('/') ? ' - ' : '-'}${formatDayMonth(closing)}, Đảng bộ ${name} tổ chức Đại hội Đại biểu Đảng bộ ${unit} lần thứ Nhất, nhiệm kỳ 2025 - 2030.`
    : `${dayPart} ${formatDayMonth(opening)}, Đảng bộ ${name} tổ chức Đại hội Đại biểu Đảng bộ ${unit} lần thứ Nhất, nhiệm kỳ 2025 - 2030.`;
  const paragraphs = [
    `${source} - ${opened} Đồng chí ${leader.name} - ${leader.title} dự và chỉ đạo Đại hội. Cùng dự Đại hội có đại diện lãnh đạo các sở, ngành, địa phương liên quan và ${delegates} đại biểu đại diện cho ${formatInteger(members)} đảng viên của Đảng bộ ${unit}.`,
    `${capitalize(name)} được thành lập trên cơ sở sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của ${formerList}. Sau sắp xếp, ${unit} có diện tích tự nhiên ${formatDecimal(place.area, 2)} km², quy mô dân số ${formatInteger(place.population)} người, với ${neighbourhoods} ${neighbourhoodWord}. Đảng bộ ${unit} hiện có ${organisations} tổ chức cơ sở đảng.`,
    `Trong nhiệm kỳ qua, Đảng bộ, chính quyền và Nhân dân ${name} phát huy tinh thần đoàn kết, chủ động, sáng tạo, đạt nhiều kết quả tích cực. Tổng giá trị sản xuất tăng bình quân ${formatDecimal(growth, 2)}%/năm; thu nhập bình quân đầu người năm 2025 ước đạt ${income} triệu đồng. Năm 2025, tổng thu ngân sách nhà nước trên địa bàn ước đạt ${formatDecimal(revenue, 2)} tỷ đồng, bằng ${revenuePlan}% kế hoạch.`,
    `Phong trào văn hóa, văn nghệ, thể dục thể thao phát triển mạnh; ${cultural}% hộ đạt danh hiệu gia đình văn hóa. An sinh xã hội được bảo đảm, đời sống người dân được cải thiện, tỷ lệ hộ nghèo giảm còn ${formatDecimal(poor, 2)}%.`,
    ...random.sample(FILLER, 2).map((filler) => filler(unit)),
    `Đại hội đã thảo luận, thống nhất đề ra ${targets} chỉ tiêu chủ yếu cho nhiệm kỳ 2025 - 2030, trong đó phấn đấu tốc độ tăng giá trị sản xuất bình quân đạt ${formatDecimal(targetGrowth, 1)}%/năm trở lên.`,
    `Đại hội đã bầu Ban Chấp hành Đảng bộ ${unit} nhiệm kỳ 2025 - 2030 gồm ${committee} đồng chí. Tại phiên họp thứ nhất, Ban Chấp hành đã bầu đồng chí ${place.secretary} giữ chức Bí thư Đảng ủy ${unit}; đồng chí ${place.standingDeputy} giữ chức Phó Bí thư Thường trực Đảng ủy ${unit}; đồng chí ${place.chairman} giữ chức Phó Bí thư Đảng ủy, Chủ tịch UBND ${unit}.`,
    `${twoDays ? `Chiều ${formatDayMonth(closing)}` : `Chiều cùng ngày`}, Đại hội bế mạc sau khi biểu quyết thông qua Nghị quyết Đại hội và bầu đoàn đại biểu đi dự Đại hội Đảng bộ ${place.city.label} lần thứ I.`,
  ];

  const facts: Fact[] = [
    {
      key: 'congress-director',
      kind: 'who',
      answer: [leader.name],
      ask: (at) => ({
        plain: `Ai dự và chỉ đạo Đại hội Đảng bộ ${at.vi} lần thứ I?`,
        colloquial: `ai chỉ đạo đại hội đảng bộ ${at.vi} vậy?`,
        english: `Who directed the party congress of ${at.english}?`,
      }),
    },
    {
      key: 'congress-delegates',
      kind: 'number',
      answer: [String(delegates)],
      ask: (at) => ({
        plain: `Bao nhiêu đại biểu dự Đại hội Đảng bộ ${at.vi} lần thứ I?`,
        colloquial: `đại hội đảng bộ ${at.vi} có bao nhiêu đại biểu z?`,
        english: `How many delegates attended the party congress of ${at.english}?`,
      }),
    },
    {
      key: 'party-members',
      kind: 'number',
      answer: [formatInteger(members)],
      ask: (at) => ({
        plain: `Đảng bộ ${at.vi} có bao nhiêu đảng viên?`,
        colloquial: `${at.vi} có mấy đảng viên thế?`,
        english: `How many party members does ${at.english} have?`,
      }),
    },
    {
      key: 'party-organisations',
      kind: 'number',
      answer: [String(organisations)],
      ask: (at) => ({
        plain: `Đảng bộ ${at.vi} có bao nhiêu tổ chức cơ sở đảng?`,
        colloquial: `đảng bộ ${at.vi} có mấy tổ chức cơ sở đảng thế?`,
      }),
    },
    {
      key: 'congress-date',
      kind: 'date',
      answer: twoDays ? [firstDay, formatDayMonth(closing)] : [formatDayMonth(opening)],
      ask: (at) => ({
        plain: `Đại hội Đảng bộ ${at.vi} lần thứ nhất diễn ra ngày nào?`,
        paraphrase: `Đại hội Đảng bộ ${at.vi} lần thứ nhất khai mạc hôm nào?`,
        english: `When did the party congress of ${at.english} take place?`,
      }),
    },
    {
      key: 'former-units',
      kind: 'list',
      answer: [...place.formerUnits],
      ask: (at) => ({
        plain: `${capitalize(at.vi)} được thành lập trên cơ sở sắp xếp những ${unit} nào?`,
        paraphrase: `${capitalize(at.vi)} mới được ghép từ những ${unit} nào?`,
        colloquial: `${at.vi} bây giờ gộp từ mấy ${unit} nào thế?`,
      }),
    },
    {
      key: 'area',
      kind: 'number',
      answer: [formatDecimal(place.area, 2)],
      ask: (at) => ({
        plain: `Diện tích tự nhiên của ${at.vi} là bao nhiêu?`,
        colloquial: `${at.vi} rộng bao nhiêu km² vậy?`,
        english: `What is the natural area of ${at.english}?`,
      }),
    },
    {
      key: 'population',
      kind: 'number',
      answer: [formatInteger(place.population)],
      ask: (at) => ({
        plain: `Dân số ${at.vi} là bao nhiêu người?`,
        paraphrase: `Quy mô dân số của ${at.vi} sau sắp xếp là bao nhiêu?`,
        english: `What is the population of ${at.english}?`,
      }),
    },
    {
      key: 'production-growth',
      kind: 'number',
      answer: [formatDecimal(growth, 2)],
      ask: (at) => ({
        plain: `Tổng giá trị sản xuất của ${at.vi} tăng bình quân bao nhiêu mỗi năm trong nhiệm kỳ qua?`,
        english: `What was the annual growth rate of total production value in ${at.english} during the last term?`,
      }),
    },
    {
      key: 'income',
      kind: 'number',
      answer: [`${income} triệu`],
      ask: (at) => ({
        plain: `Thu nhập bình quân đầu người năm 2025 của ${at.vi} ước đạt bao nhiêu?`,
        colloquial: `thu nhập bình quân đầu người ở ${at.vi} giờ được bao nhiêu vậy?`,
        english: `What is the per capita income in ${at.english}?`,
      }),
    },
    {
      key: 'poor-households',
      kind: 'number',
      answer: [`${formatDecimal(poor, 2)}%`],
      ask: (at) => ({
        plain: `Tỷ lệ hộ nghèo của ${at.vi} giảm còn bao nhiêu?`,
        colloquial: `${at.vi} còn bao nhiêu phần trăm hộ nghèo?`,
      }),
    },
    {
      key: 'congress-targets',
      kind: 'number',
      answer: [String(targets)],
      ask: (at) => ({
        plain: `Đại hội Đảng bộ ${at.vi} đề ra bao nhiêu chỉ tiêu chủ yếu?`,
        paraphrase: `Nhiệm kỳ 2025 - 2030, ${at.vi} đặt ra mấy chỉ tiêu chủ yếu?`,
      }),
    },
    {
      key: 'executive-committee',
      kind: 'number',
      answer: [String(committee)],
      ask: (at) => ({
        plain: `Ban Chấp hành Đảng bộ ${at.vi} nhiệm kỳ 2025 - 2030 gồm bao nhiêu đồng chí?`,
        colloquial: `ban chấp hành đảng bộ ${at.vi} có bao nhiêu người?`,
      }),
    },
    ...leadershipFacts(place),
  ];
  if (twoDays) {
    facts.push({
      key: 'congress-closing',
      kind: 'date',
      answer: [formatDayMonth(closing)],
      ask: (at) => ({
        plain: `Đại hội Đảng bộ ${at.vi} lần thứ I bế mạc ngày nào?`,
        colloquial: `đại hội đảng ${at.vi} kết thúc hôm nào vậy?`,
      }),
    });
  }
  return { topic: 'dai-hoi-2025', title, published: closing, paragraphs, facts };
}

/** "a, b và c". */
function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} và ${items[items.length - 1]}`;
}
