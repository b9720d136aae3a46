import type { Fact, GeneratedPlace } from '../corpus-model.js';

/** Who the ward's party secretary is. */
export function secretaryFact(place: GeneratedPlace): Fact {
  return {
    key: 'secretary',
    kind: 'who',
    answer: [place.secretary],
    ask: (at) => ({
      plain: `Bí thư Đảng ủy ${at.vi} là ai?`,
      paraphrase: `Ai đang giữ chức Bí thư Đảng ủy ${at.vi}?`,
      english: `Who is the party secretary of ${at.english}?`,
    }),
  };
}

/** The ward's three leaders, stated the same way by every article that names them. */
export function leadershipFacts(place: GeneratedPlace): Fact[] {
  return [
    secretaryFact(place),
    {
      key: 'standing-deputy',
      kind: 'who',
      answer: [place.standingDeputy],
      ask: (at) => ({
        plain: `Ai là Phó Bí thư Thường trực Đảng ủy ${at.vi}?`,
        paraphrase: `Phó Bí thư Thường trực Đảng ủy ${at.vi} tên là gì?`,
      }),
    },
    {
      key: 'chairman',
      kind: 'who',
      answer: [place.chairman],
      ask: (at) => ({
        plain: `Chủ tịch UBND ${at.vi} là ai?`,
        colloquial: `chủ tịch ubnd ${at.vi} tên gì`,
        english: `Who is the chairman of the People's Committee of ${at.english}?`,
      }),
    },
  ];
}

/** The ward's party secretary also chairs its People's Council, as the 2025 articles say. */
export function councilChairFact(place: GeneratedPlace): Fact {
  return {
    key: 'council-chair',
    kind: 'who',
    answer: [place.secretary],
    ask: (at) => ({
      plain: `Chủ tịch HĐND ${at.vi} là ai?`,
      english: `Who chairs the People's Council of ${at.english}?`,
    }),
  };
}
