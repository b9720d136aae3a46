import { describe, expect, it } from 'vitest';
import { cutPlaceMention, isResetCommand, MAX_TURNS, newConversation, planTurn, rememberTurn, withPlace, type ConversationState, type TurnPlan } from '../../src/core/conversation.js';
import { PlaceGazetteer } from '../../src/search/place-gazetteer.js';
import type { ArticleMeta, AskResult } from '../../src/core/types.js';

// Made-up places: two same-named communes in different provinces and two other wards.
const article = (id: string, place: string): ArticleMeta => ({ id, title: `Tin ${id}`, url: '', place });
const places = PlaceGazetteer.fromArticles([
  article('xa-dong-lam-a', 'xã Đông Lâm, tỉnh Thử Nghiệm'),
  article('xa-dong-lam-b', 'xã Đông Lâm, TP Hồ Chí Minh'),
  article('phuong-mau-son', 'phường Mẫu Sơn, TP Hải Phòng'),
  article('phuong-ben-doi', 'phường Bến Đợi, TP Hải Phòng'),
]);
const MAU_SON = 'phường Mẫu Sơn, TP Hải Phòng';
const BEN_DOI = 'phường Bến Đợi, TP Hải Phòng';

const answered = (question: string, answer: string, citations: string[] = ['phuong-mau-son']): AskResult => ({
  question,
  answered: true,
  answer,
  citations: citations.map((id) => ({ id, title: id, url: '', quote: answer })),
  mode: 'extractive',
  language: 'vi',
});
const refused = (question: string, extra: Partial<AskResult> = {}): AskResult => ({
  question,
  answered: false,
  answer: 'Xin lỗi…',
  citations: [],
  mode: 'extractive',
  language: 'vi',
  reason: 'low-score',
  ...extra,
});

/** Plays a dialogue: each turn is planned, then remembered with the given result. */
function play(turns: Array<[string, (standalone: string) => AskResult]>): { state: ConversationState; plans: Array<Extract<TurnPlan, { kind: 'ask' }>> } {
  let state = newConversation();
  const plans: Array<Extract<TurnPlan, { kind: 'ask' }>> = [];
  for (const [text, result] of turns) {
    const plan = planTurn(state, text, places);
    if (plan.kind !== 'ask') throw new Error(`expected a question, got ${plan.kind}`);
    plans.push(plan);
    state = rememberTurn(state, plan, text, result(plan.standalone));
  }
  return { state, plans };
}

const next = (state: ConversationState, text: string) => {
  const plan = planTurn(state, text, places);
  if (plan.kind !== 'ask') throw new Error(`expected a question, got ${plan.kind}`);
  return plan;
};

describe('planTurn', () => {
  it('answers a first question as written', () => {
    const plan = next(newConversation(), 'Chủ tịch UBND phường Mẫu Sơn là ai?');
    expect(plan).toMatchObject({ standalone: 'Chủ tịch UBND phường Mẫu Sơn là ai?', place: MAU_SON, placeAssumed: false, rewrite: 'none' });
  });

  it('carries the ward to a follow-up that names none, and says it assumed it', () => {
    const { state } = play([['Dân số phường Mẫu Sơn là bao nhiêu?', (q) => answered(q, 'Phường có 47.168 người.')]]);
    const plan = next(state, 'diện tích bao nhiêu?');
    expect(plan).toMatchObject({ standalone: `diện tích bao nhiêu (${MAU_SON})?`, place: MAU_SON, placeAssumed: true, rewrite: 'carried-place' });
  });

  it('asks the previous question about the new office of an elliptic follow-up, keeping the body it heads', () => {
    const { state } = play([['Ai là Bí thư Đảng ủy phường Mẫu Sơn (Hải Phòng) nhiệm kỳ 2025-2030?', (q) => answered(q, 'Đồng chí Trần Văn Một giữ chức Bí thư Đảng ủy phường.')]]);
    expect(next(state, 'còn phó bí thư thì sao?').standalone).toBe(`Ai là phó bí thư Đảng ủy ${MAU_SON} nhiệm kỳ 2025-2030?`);
    // A head of another kind of body drops "Đảng ủy"; "thế …?" and English work alike.
    expect(next(state, 'thế chủ tịch?').standalone).toBe(`Ai là chủ tịch ${MAU_SON} nhiệm kỳ 2025-2030?`);
  });

  it('swaps a topic that shares words with the previous question ("còn thu ngân sách địa phương?")', () => {
    const { state } = play([['phường Mẫu Sơn thu ngân sách nhà nước năm 2025 được bao nhiêu?', (q) => answered(q, 'Gần 200 tỷ đồng.')]]);
    expect(next(state, 'còn thu ngân sách địa phương?').standalone).toBe(`${MAU_SON} thu ngân sách địa phương năm 2025 được bao nhiêu?`);
  });

  it('asks a new topic the way the previous question asked ("còn dân số xã đó?")', () => {
    const { state } = play([['Phường Mẫu Sơn thu ngân sách trên địa bàn được bao nhiêu?', (q) => answered(q, '7,9 tỷ đồng.')]]);
    expect(next(state, 'còn dân số phường đó?').standalone).toBe(`dân số ${MAU_SON} được bao nhiêu?`);
  });

  it('asks the previous question again about the ward a follow-up switches to', () => {
    const { state } = play([['Đại hội Đảng bộ phường Mẫu Sơn có bao nhiêu đại biểu?', (q) => answered(q, 'Có 200 đại biểu.')]]);
    const plan = next(state, 'còn phường Bến Đợi thì sao?');
    expect(plan).toMatchObject({ standalone: `Đại hội Đảng bộ ${BEN_DOI} có bao nhiêu đại biểu?`, place: BEN_DOI, placeAssumed: false });
    // A full question naming another ward switches without borrowing anything.
    expect(next(state, 'Bí thư phường Bến Đợi là ai?')).toMatchObject({ standalone: `Bí thư ${BEN_DOI} là ai?`, place: BEN_DOI, rewrite: 'none' });
  });

  it('replaces "ông ấy" with the person the previous answer named, and keeps them for later turns', () => {
    const { state, plans } = play([
      ['Ai được điều động làm Bí thư Đảng ủy phường Mẫu Sơn?', (q) => answered(q, 'Người đứng đầu Đảng ủy phường là ông Trần Văn Một; ông Lê Văn Hai chuyển công tác khác.')],
      ['ông ấy trước đó giữ chức vụ gì?', (q) => answered(q, 'Trước đó ông là Phó Giám đốc Sở.')],
    ]);
    expect(plans[1]?.standalone).toBe(`ông Trần Văn Một trước đó giữ chức vụ gì (${MAU_SON})?`);
    expect(next(state, 'người tiền nhiệm của ông ấy đi đâu?').standalone).toBe(`người tiền nhiệm của ông Trần Văn Một đi đâu (${MAU_SON})?`);
  });

  it('replaces "ông ấy" with the office when no person is known, and "chỗ đó" with what was asked about', () => {
    const { state } = play([['Chủ tịch UBND phường Mẫu Sơn là ai?', (q) => refused(q)]]);
    expect(next(state, 'ông ấy bao nhiêu tuổi?').standalone).toBe(`Chủ tịch UBND ${MAU_SON} bao nhiêu tuổi?`);
    const works = play([['Phường Mẫu Sơn khởi công hoa viên ở khu phố nào?', (q) => answered(q, 'Hoa viên ở khu phố Một.')]]);
    expect(next(works.state, 'chỗ đó rộng bao nhiêu m2?').standalone).toBe(`khởi công hoa viên rộng bao nhiêu m2 (${MAU_SON})?`);
  });

  it('replaces "năm đó" with the year the conversation named', () => {
    const { state } = play([['Năm 2024 phường Mẫu Sơn có bao nhiêu ca sốt xuất huyết?', (q) => answered(q, '121 ca.')]]);
    expect(next(state, 'năm đó trường nào được xây?').standalone).toBe(`năm 2024 trường nào được xây (${MAU_SON})?`);
  });

  it('asks the previous question with the new question words of a bare "mấy giờ?"', () => {
    const { state } = play([['Sáng thứ Hai Chủ tịch UBND phường Mẫu Sơn đi thăm trường nào?', (q) => answered(q, 'Trường THPT Một.')]]);
    expect(next(state, 'mấy giờ?').standalone).toBe(`Sáng thứ Hai Chủ tịch UBND ${MAU_SON} đi thăm trường mấy giờ?`);
  });

  it('understands English follow-ups', () => {
    const { state } = play([['Who is the chairman of Mau Son ward?', (q) => answered(q, 'Ông Trần Văn Một.')]]);
    expect(next(state, 'and the vice chairman?').standalone).toBe('Who is the vice chairman of Mẫu Sơn, Hải Phòng?');
  });

  describe('a pending "which place?" question', () => {
    const asked = (): ConversationState =>
      play([['Bí thư Đảng ủy xã Đông Lâm là ai?', (q) => refused(q, { reason: 'ambiguous-place', choices: ['xã Đông Lâm, tỉnh Thử Nghiệm', 'xã Đông Lâm, TP Hồ Chí Minh'] })]]).state;

    it('is remembered with its numbered choices', () => {
      expect(asked().pending).toEqual({ standalone: 'Bí thư Đảng ủy xã Đông Lâm là ai?', choices: ['xã Đông Lâm, tỉnh Thử Nghiệm', 'xã Đông Lâm, TP Hồ Chí Minh'] });
    });

    it.each([
      ['2', 'xã Đông Lâm, TP Hồ Chí Minh'],
      ['số 1 ạ', 'xã Đông Lâm, tỉnh Thử Nghiệm'],
      ['ở Thử Nghiệm', 'xã Đông Lâm, tỉnh Thử Nghiệm'],
      ['bên tphcm ạ', 'xã Đông Lâm, TP Hồ Chí Minh'],
      ['xã Đông Lâm ở TP.HCM', 'xã Đông Lâm, TP Hồ Chí Minh'],
    ])('is answered by "%s"', (reply, place) => {
      expect(next(asked(), reply)).toMatchObject({ standalone: `Bí thư Đảng ủy ${place} là ai?`, place, placeAssumed: true, rewrite: 'clarification' });
    });

    it('asks the question a reply goes on to ask after naming its choice', () => {
      expect(next(asked(), 'ở Thử Nghiệm ạ, trạm y tế bao giờ hoạt động?')).toMatchObject({
        standalone: 'trạm y tế bao giờ hoạt động (xã Đông Lâm, tỉnh Thử Nghiệm)?',
        place: 'xã Đông Lâm, tỉnh Thử Nghiệm',
        rewrite: 'clarification',
      });
    });

    it('gives way to a new question that picks no candidate', () => {
      const plan = next(asked(), 'Bí thư phường Bến Đợi là ai?');
      expect(plan).toMatchObject({ standalone: `Bí thư ${BEN_DOI} là ai?`, place: BEN_DOI, rewrite: 'none' });
      expect(next(asked(), '7').rewrite).not.toBe('clarification');
    });
  });

  it('prefers the place being talked about among same-named ones', () => {
    const { state } = play([['Bí thư xã Đông Lâm bên tphcm là ai?', (q) => answered(q, 'Ông Trần Văn Một.', ['xa-dong-lam-b'])]]);
    expect(next(state, 'xã Đông Lâm có bao nhiêu dân?')).toMatchObject({ place: 'xã Đông Lâm, TP Hồ Chí Minh', standalone: 'xã Đông Lâm, TP Hồ Chí Minh có bao nhiêu dân?' });
  });

  it('recognises "bắt đầu lại" and "/moi" as a reset, and nothing else', () => {
    for (const text of ['bắt đầu lại', 'Bắt đầu lại nhé', '/moi', '/mới', 'bat dau lai', 'start over']) expect(isResetCommand(text)).toBe(true);
    for (const text of ['Khi nào bắt đầu lại thu phí?', 'mới', 'Bí thư mới là ai?']) expect(isResetCommand(text)).toBe(false);
    expect(planTurn(newConversation(), '/moi', places)).toEqual({ kind: 'reset' });
  });
});

describe('rememberTurn', () => {
  it(`keeps at most the last ${MAX_TURNS} turns`, () => {
    const turns: Array<[string, (q: string) => AskResult]> = Array.from({ length: MAX_TURNS + 3 }, (_, index) => [`Câu hỏi ${index} phường Mẫu Sơn?`, (q) => answered(q, 'Có.')]);
    const { state } = play(turns);
    expect(state.turns).toHaveLength(MAX_TURNS);
    expect(state.turns[0]?.question).toBe('Câu hỏi 3 phường Mẫu Sơn?');
  });
});

describe('place mentions', () => {
  const match = places.match('xã Đông Lâm (Thử Nghiệm)');
  it('cuts the whole mention with its unit, city and brackets, and keeps words that only share a syllable', () => {
    expect(withPlace(cutPlaceMention('Ai là Bí thư xã Đông Lâm (Thử Nghiệm) nhiệm kỳ này?', match), 'X')).toBe('Ai là Bí thư X nhiệm kỳ này?');
    expect(withPlace(cutPlaceMention('đại hội lâm thời xã Đông Lâm có bao nhiêu đại biểu?', places.match('xã Đông Lâm')), 'X')).toBe('đại hội lâm thời X có bao nhiêu đại biểu?');
    expect(withPlace('dân số bao nhiêu?', 'X')).toBe('dân số bao nhiêu (X)?');
  });
});

describe('planTurn, short follow-ups', () => {
  it('asks the previous question about the ward a bare "còn phường X?" names', () => {
    const { state } = play([['Đại hội Đảng bộ phường Mẫu Sơn có bao nhiêu đại biểu?', (q) => answered(q, 'Đại hội có 150 đại biểu.')]]);
    expect(next(state, 'còn phường Bến Đợi?').standalone).toBe(`Đại hội Đảng bộ ${BEN_DOI} có bao nhiêu đại biểu?`);
  });

  it('asks who holds an office offered after a question about something else', () => {
    const { state } = play([['Đại hội Đảng bộ phường Mẫu Sơn có bao nhiêu đại biểu?', (q) => answered(q, 'Đại hội có 150 đại biểu.')]]);
    expect(next(state, 'còn chủ tịch ubnd?').standalone).toBe(`chủ tịch ubnd ${MAU_SON} là ai?`);
  });

  it('gives a remembered name that carries its own form of address no second one', () => {
    const { state } = play([['Chủ tịch UBND phường Mẫu Sơn là ai?', (q) => answered(q, '- Ông Trần Văn Một – Chủ tịch UBND phường.')]]);
    expect(next(state, 'ông ấy còn giữ chức gì?').standalone).not.toMatch(/ông Ông/iu);
  });
});

describe('planTurn, later turns that lean on the previous one', () => {
  it('gives a follow-up that opens with its verb the subject the conversation was about', () => {
    const { state } = play([
      ['Phường Mẫu Sơn xây nhà văn hóa ở thôn nào?', (q) => answered(q, 'Nhà văn hóa ở thôn Một.')],
      ['chỗ đó rộng bao nhiêu m2?', (q) => answered(q, 'Nhà văn hóa rộng 300 m2.')],
    ]);
    expect(next(state, 'hết bao nhiêu tiền?')).toMatchObject({ frame: 'xây nhà văn hóa hết bao nhiêu tiền?', rewrite: 'subject' });
    const party = play([['Đảng bộ phường Mẫu Sơn có bao nhiêu đảng viên?', (q) => answered(q, 'Có 900 đảng viên.')]]);
    expect(next(party.state, 'được thành lập khi nào?').frame).toBe('Đảng bộ được thành lập khi nào?');
    // A follow-up with a subject of its own keeps its words.
    expect(next(party.state, 'chi bộ nào đông nhất?').frame).toBe('chi bộ nào đông nhất?');
  });

  it('reads "thông tin đó" as what the previous answer said', () => {
    const { state } = play([['Trường mầm non phường Mẫu Sơn bao giờ khai giảng?', (q) => answered(q, 'Trường mầm non sẽ khai giảng vào ngày 05/09/2026.')]]);
    expect(next(state, 'ai là người cho biết thông tin đó?').frame).toBe('ai là người cho biết Trường mầm non sẽ khai giảng vào ngày 05/09/2026?');
  });

  it('never puts a person where "chỗ đó" stands, and drops a "chỗ đó" it cannot resolve', () => {
    const { state } = play([
      ['Ai chỉ đạo đại hội phường Mẫu Sơn?', (q) => answered(q, 'Ông Trần Văn Một, Phó Bí thư Thành ủy, chỉ đạo đại hội.')],
      ['ông ấy giữ chức gì ở thành phố?', (q) => answered(q, 'Ông Trần Văn Một, Phó Bí thư Thành ủy, chỉ đạo đại hội.')],
    ]);
    const plan = next(state, 'phiên khai mạc ở chỗ đó tổ chức tại đâu?');
    expect(plan.standalone).not.toContain('Trần Văn Một');
    expect(plan.frame).toBe('phiên khai mạc tổ chức tại đâu?');
  });

  it('asks about the former holder of the office talked about ("bà chủ tịch cũ")', () => {
    const { state } = play([['Ai là Chủ tịch UBND phường Mẫu Sơn hiện nay?', (q) => answered(q, 'Chủ tịch UBND phường Mẫu Sơn là ông Trần Văn Một.')]]);
    expect(next(state, 'thế bà chủ tịch cũ giờ làm gì?')).toMatchObject({ frame: 'bà nguyên chủ tịch UBND giờ làm gì?', place: MAU_SON, placeAssumed: true });
  });

  it('writes the place of an English turn without Vietnamese unit words, and reads "his" as the person talked about', () => {
    const { state, plans } = play([
      ['Who is the Party secretary of Dong Lam?', (q) => refused(q, { reason: 'ambiguous-place', choices: ['xã Đông Lâm, tỉnh Thử Nghiệm', 'xã Đông Lâm, TP Hồ Chí Minh'] })],
      ['the one in Thu Nghiem', (q) => answered(q, 'Ông Trần Văn Một, nguyên Chánh Văn phòng, giữ chức Bí thư.', ['xa-dong-lam-a'])],
    ]);
    expect(plans[1]).toMatchObject({ standalone: 'Who is the Party secretary of Đông Lâm, Thử Nghiệm?', place: 'xã Đông Lâm, tỉnh Thử Nghiệm', rewrite: 'clarification' });
    expect(next(state, 'what was his job before?')).toMatchObject({ frame: 'what was Trần Văn Một job before?', rewrite: 'pronoun' });
  });
});

describe('planTurn, pronouns and offices that are easy to misread', () => {
  it('reads "cô ấy" and "bà này" as the person talked about, keeping the form of address', () => {
    const { state } = play([['Ai là Bí thư Đảng ủy phường Mẫu Sơn?', (q) => answered(q, 'Bí thư Đảng ủy phường là bà Lê Thị Ba.')]]);
    expect(next(state, 'cô ấy quê ở đâu?').frame).toBe('cô Lê Thị Ba quê ở đâu?');
    expect(next(state, 'bà này sinh năm nào?').frame).toBe('bà Lê Thị Ba sinh năm nào?');
  });

  it('keeps an English "it" that has nothing to stand for', () => {
    const { state } = play([['How many delegates attended the congress of Mau Son ward?', (q) => answered(q, 'There were 200 delegates.')]]);
    expect(next(state, 'when was it held?').frame).toBe('when was it held?');
  });

  it('reads "chủ tịch trước khi …" as a time, not as the former chair', () => {
    const { state } = play([['Ai là Chủ tịch UBND phường Mẫu Sơn?', (q) => answered(q, 'Chủ tịch UBND phường là ông Trần Văn Một.')]]);
    expect(next(state, 'chủ tịch trước khi sáp nhập là ai?').frame).toBe('chủ tịch UBND trước khi sáp nhập là ai?');
  });
});

describe('planTurn, offices beside a name', () => {
  it('leaves an office that describes a named person as written', () => {
    const { state } = play([['Ai là Bí thư Đảng ủy phường Mẫu Sơn?', (q) => answered(q, 'Bí thư Đảng ủy phường là ông Lê Văn Bốn.')]]);
    expect(next(state, 'Ông Lê Văn Bốn, bí thư, bây giờ giữ chức vụ gì?').frame).toBe('Ông Lê Văn Bốn, bí thư, bây giờ giữ chức vụ gì?');
  });
});

describe('planTurn, times and people that change', () => {
  it('asks the previous question about the time a follow-up names, swapping the time it had', () => {
    const { state } = play([['Phường Mẫu Sơn thu ngân sách nhà nước năm 2025 được bao nhiêu?', (q) => answered(q, 'Hơn 200 tỷ đồng.')]]);
    expect(next(state, 'năm 2024 thì sao?').standalone).toBe(`${MAU_SON} thu ngân sách nhà nước năm 2024 được bao nhiêu?`);
    const untimed = play([['Đại hội Đảng bộ phường Mẫu Sơn có bao nhiêu đại biểu?', (q) => answered(q, 'Có 200 đại biểu.')]]);
    expect(next(untimed.state, 'còn năm ngoái?').standalone).toBe(`Đại hội Đảng bộ ${MAU_SON} năm ngoái có bao nhiêu đại biểu?`);
  });

  it('forgets the person once a "who" question about someone else went unanswered', () => {
    const { state } = play([
      ['Bí thư phường Mẫu Sơn là ai?', (q) => answered(q, 'Bà Lê Thị Ba giữ chức Bí thư Đảng ủy phường.')],
      ['thế chủ tịch ủy ban?', (q) => refused(q)],
    ]);
    expect(next(state, 'ông ấy quê ở đâu?').standalone).toBe(`chủ tịch ủy ban ${MAU_SON} quê ở đâu?`);
  });
});

describe('planTurn, follow-ups with a lead-in or a form of address', () => {
  it('asks the previous English question about the ward "and in … ward?" switches to', () => {
    const { state } = play([['When was the health station of Mau Son ward opened?', (q) => answered(q, 'It opened on 10/10/2025.')]]);
    expect(next(state, 'and in Ben Doi ward?').standalone).toBe('When was the health station of Bến Đợi, Hải Phòng opened?');
  });

  it('swaps the office of "còn ông phó chủ tịch?" as of "còn phó chủ tịch?"', () => {
    const { state } = play([['Ai là Chủ tịch UBND phường Mẫu Sơn?', (q) => answered(q, 'Ông Trần Văn Một.')]]);
    expect(next(state, 'còn ông phó chủ tịch?').standalone).toBe(`Ai là phó chủ tịch UBND ${MAU_SON}?`);
  });

  it('gives a subjectless "được … trong bao lâu?" the subject without the previous verb', () => {
    const { state } = play([['Trạm y tế phường Mẫu Sơn khánh thành khi nào?', (q) => answered(q, 'Ngày 10/10/2025.')]]);
    expect(next(state, 'được xây trong bao lâu?').frame).toBe('Trạm y tế được xây trong bao lâu?');
  });
});

describe('planTurn, choices and new topics said in few words', () => {
  const asked = (question: string): ConversationState =>
    play([[question, (q) => refused(q, { reason: 'ambiguous-place', choices: ['xã Đông Lâm, tỉnh Thử Nghiệm', 'xã Đông Lâm, TP Hồ Chí Minh'] })]]).state;

  it.each([
    ['cái thứ hai ạ', 'Xã Đông Lâm có bao nhiêu dân?', 'xã Đông Lâm, TP Hồ Chí Minh có bao nhiêu dân?'],
    ['the second one', 'How many people live in Dong Lam commune?', 'How many people live in Đông Lâm, Hồ Chí Minh?'],
  ])('takes "%s" as the numbered choice', (reply, question, standalone) => {
    expect(next(asked(question), reply)).toMatchObject({ standalone, rewrite: 'clarification' });
  });

  it('asks a new topic in English the English way, and answers in English', () => {
    const { state } = play([['How many people live in Mau Son ward?', (q) => answered(q, 'About 20,000 people.')]]);
    expect(next(state, 'and its area?')).toMatchObject({ standalone: 'What is the area of Mẫu Sơn, Hải Phòng?', language: 'en' });
  });

  it('does not keep the thing the previous question counted when the follow-up asks about another', () => {
    const { state } = play([['Phường Mẫu Sơn có bao nhiêu dân?', (q) => answered(q, 'Hơn 20.000 người.')]]);
    expect(next(state, 'còn diện tích?').standalone).toBe(`diện tích ${MAU_SON} có bao nhiêu?`);
  });
});
