import { describe, expect, it } from 'vitest';
import { createAskService } from '../../src/core/ask-service.js';
import type { AnswerRecorder, PinnedAnswers, PlaceResolver, Retriever } from '../../src/core/ports.js';
import type { AskResult, Passage } from '../../src/core/types.js';

const article = { id: 'a1', title: 'Phường Mẫu tổ chức Đại hội', url: 'https://example.org/a1', published: '2025-08-01', place: 'phường Mẫu, TP Thử' };
const text = 'Đại hội công bố đồng chí Trần Văn Bình giữ chức Bí thư Đảng ủy phường.';
const passage: Passage = { chunk: { id: 'a1#0', articleId: 'a1', ordinal: 0, start: 0, end: text.length, text }, article, score: 1 };
const places: PlaceResolver = { match: () => ({ kind: 'known', articleIds: ['a1'], tokens: ['mau'], labels: ['phường Mẫu'] }) };
const retriever: Retriever = { retrieve: async () => [passage] };

function recording(): AnswerRecorder & { results: AskResult[] } {
  const results: AskResult[] = [];
  return { results, record: async (_question, result) => (results.push(result), `answer-${results.length}`) };
}

describe('createAskService', () => {
  it('answers with a citation and an answer id from the recorder', async () => {
    const recorder = recording();
    const service = createAskService({ retriever, places, recorder, log: () => {} });
    const result = await service.ask({ text: 'Bí thư Đảng ủy phường Mẫu là ai?', channel: 'cli' });
    expect(result).toMatchObject({ answered: true, mode: 'extractive', answerId: 'answer-1' });
    expect(result.answer).toContain('Trần Văn Bình');
    expect(result.citations[0]).toMatchObject({ id: 'a1', quote: text });
  });

  it('serves a pinned answer before searching, marked as pinned', async () => {
    const pins: PinnedAnswers = {
      match: async () => ({ id: 'p1', answer: 'Câu trả lời đã ghim', citations: [], pinnedBy: 'mod', reviewOverdue: true, similarity: 1 }),
    };
    const service = createAskService({ retriever: { retrieve: async () => { throw new Error('must not search'); } }, places, pins, log: () => {} });
    const result = await service.ask({ text: 'bi thu phuong mau la ai', channel: 'web' });
    expect(result).toMatchObject({ answered: true, mode: 'pinned', answer: 'Câu trả lời đã ghim', pinned: { id: 'p1', reviewOverdue: true } });
  });

  it('turns a failure into a short apology with a reference, logs the detail and still records it', async () => {
    const lines: string[] = [];
    const recorder = recording();
    const failing: Retriever = { retrieve: async () => { throw new Error('index file unreadable'); } };
    const service = createAskService({ retriever: failing, places, recorder, log: (line) => lines.push(line), newId: () => 'ref42' });
    const result = await service.ask({ text: 'Bí thư là ai?', channel: 'http' });
    expect(result).toMatchObject({ answered: false, reason: 'error' });
    expect(result.answer).toContain('ref42');
    expect(result.answer).not.toContain('unreadable');
    expect(lines.join('\n')).toContain('index file unreadable');
    expect(recorder.results).toHaveLength(1);
  });

  it('asks for a question when given only punctuation', async () => {
    const service = createAskService({ retriever, places, log: () => {} });
    expect(await service.ask({ text: ' ?? ', channel: 'cli' })).toMatchObject({ answered: false, reason: 'empty-question' });
  });
});

describe('facts the question already states', () => {
  it('does not answer a "which number" question with the number it asked about', async () => {
    const quoted = 'Văn bản thứ nhất là Nghị quyết số 59-NQ/TW. Văn bản thứ hai là Chương trình hành động số 44-CTr/TU thực hiện Nghị quyết số 59-NQ/TW.';
    const passages: Passage[] = [{ chunk: { id: 'a1#0', articleId: 'a1', ordinal: 0, start: 0, end: quoted.length, text: quoted }, article, score: 1 }];
    const service = createAskService({ retriever: { retrieve: async () => passages }, places, log: () => {} });
    const result = await service.ask({ text: 'Chương trình hành động thực hiện Nghị quyết số 59-NQ/TW ở phường Mẫu mang số hiệu gì?', channel: 'cli' });
    expect(result.answer).toContain('44-CTr/TU');
  });
});
