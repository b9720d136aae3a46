import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_TOKEN, type AnswerPrompts } from '../../src/core/answer-prompt.js';
import { createAskService } from '../../src/core/ask-service.js';
import { GroundedGenerator } from '../../src/core/grounded-generator.js';
import { HashingEmbedder } from '../../src/search/hashing-embedder.js';
import { HybridRetriever } from '../../src/search/hybrid-retriever.js';
import { PlaceGazetteer } from '../../src/search/place-gazetteer.js';
import { updateIndex } from '../../src/search/search-index.js';
import { ScriptedChatModel } from '../fakes/scripted-chat-model.js';
import type { AnswerDependencies } from '../../src/core/answer-question.js';

const PROMPTS: AnswerPrompts = { system: 'Trả lời {{refusalToken}} khi không đủ thông tin.', answer: '{{passages}}\n<question>{{question}}</question> {{refusalToken}}' };

let indexDir: string;
let dependencies: AnswerDependencies;

beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'hoiphuong-related-'));
  const embedder = new HashingEmbedder();
  const { index } = await updateIndex({ dataDir: 'test/fixtures/similar-wards', indexDir, embedder });
  const gazetteer = PlaceGazetteer.fromArticles(index.articles());
  dependencies = { retriever: new HybridRetriever(index, embedder, gazetteer), places: gazetteer };
});

afterAll(async () => {
  await rm(indexDir, { recursive: true, force: true });
});

const offline = (text: string) => createAskService({ ...dependencies, log: () => {} }).ask({ text, channel: 'cli' });

describe('related passages when the reader is unsure', () => {
  it('answers false with the related passage of the named ward, verbatim, and says it may help', async () => {
    const result = await offline('Tổng thu ngân sách năm 2026 của phường Tân An, Hà Nội là bao nhiêu?');
    expect(result).toMatchObject({ answered: false, reason: 'low-score', citations: [] });
    expect(result.answer).toContain('có thể hữu ích');
    expect(result.related).toEqual([
      {
        id: 'phuong-tan-an-ha-noi-2025',
        title: 'Phường Tân An tổ chức Đại hội Đảng bộ lần thứ I',
        url: 'https://example.org/tan-an-ha-noi',
        published: '2025-08-20',
        quote: 'Năm 2025, tổng thu ngân sách trên địa bàn phường ước đạt 45,6 tỷ đồng.',
      },
    ]);
    expect(await readFile('test/fixtures/similar-wards/phuong-tan-an-ha-noi.md', 'utf8')).toContain(result.related?.[0]?.quote);
  });

  it('offers nothing from another ward, and nothing for a wrong place, an ambiguous place or an empty question', async () => {
    const canTho = await offline('Tổng thu ngân sách năm 2026 của phường Tân An, Cần Thơ là bao nhiêu?');
    expect(canTho.related?.map((passage) => [passage.id, passage.quote])).toEqual([
      ['phuong-tan-an-can-tho-2025', 'Năm 2025, tổng thu ngân sách trên địa bàn phường ước đạt 38,2 tỷ đồng.'],
    ]);
    for (const [question, reason] of [
      ['Tổng thu ngân sách năm 2026 của phường Bến Nghé là bao nhiêu?', 'wrong-place'],
      ['Tổng thu ngân sách năm 2026 của phường Tân An là bao nhiêu?', 'ambiguous-place'],
      ['???', 'empty-question'],
    ] as const) {
      const result = await offline(question);
      expect(result).toMatchObject({ answered: false, reason });
      expect(result).not.toHaveProperty('related');
    }
  });

  it('keeps a plain refusal when the ward’s articles share nothing but its name with the question', async () => {
    const result = await offline('Phường Tân An (Hà Nội) có bao nhiêu hộ nghèo?');
    expect(result).toMatchObject({ answered: false, reason: 'low-score' });
    expect(result).not.toHaveProperty('related');
  });

  it('in LLM mode attaches the same related passages when the model finds no answer', async () => {
    const question = 'Tổng thu ngân sách năm 2026 của phường Tân An, Hà Nội là bao nhiêu?';
    const chatModel = new ScriptedChatModel([REFUSAL_TOKEN]);
    const generator = new GroundedGenerator({ chatModel, prompts: PROMPTS, log: () => {} });
    const result = await createAskService({ ...dependencies, generator, log: () => {} }).ask({ text: question, channel: 'cli' });
    expect(chatModel.calls).toHaveLength(1);
    expect(result).toMatchObject({ answered: false, reason: 'no-sources', mode: 'generated' });
    expect(result.related).toEqual((await offline(question)).related);
    expect(result.related?.length).toBeGreaterThan(0);
  });
});
