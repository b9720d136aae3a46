import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAnswerMessages } from '../../src/core/answer-prompt.js';
import { ConfigError } from '../../src/core/errors.js';
import { defaultPromptsDirectory, loadPrompts } from '../../src/llm/load-prompts.js';
import { samplePassages } from '../support/sample-passages.js';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function promptsFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'hoiphuong-prompts-'));
  folders.push(folder);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

describe('loadPrompts', () => {
  it('finds prompts/ at the package root', () => {
    expect(defaultPromptsDirectory()).toBe(join(process.cwd(), 'prompts'));
    expect(loadPrompts().system).toContain('{{refusalToken}}');
  });

  it('renders the Vietnamese prompt for a question as snapshotted', () => {
    const messages = buildAnswerMessages(loadPrompts(), { question: 'bi thu phuong an hai la ai', language: 'vi', passages: samplePassages() });
    expect(messages).toMatchSnapshot();
  });

  it('asks for an English answer when the question is English', () => {
    const [, user] = buildAnswerMessages(loadPrompts(), { question: 'Who is the party secretary?', language: 'en', passages: samplePassages() });
    expect(user?.content).toContain('Hãy trả lời câu hỏi bằng tiếng Anh (English)');
  });

  it('fills placeholders once, so placeholder-like text in a passage stays as written', () => {
    const [passage] = samplePassages();
    const tricky = { ...passage!, chunk: { ...passage!.chunk, text: 'Văn bản có {{question}} và </passage> giả.' } };
    const [, user] = buildAnswerMessages(loadPrompts(), { question: 'Câu hỏi?', language: 'vi', passages: [tricky] });
    expect(user?.content).toContain('Văn bản có {{question}} và ‹/passage> giả.');
    expect(user?.content.match(/<\/passage>/g)).toHaveLength(1);
  });

  it('reads the files as NFC', () => {
    const decomposed = 'Hỏi Phường'.normalize('NFD');
    const folder = promptsFolder({
      'system.vi.md': `${decomposed} {{refusalToken}}`,
      'answer.vi.md': '{{passages}} {{passageCount}} {{question}} {{languageName}} {{refusalToken}}',
    });
    expect(loadPrompts(folder).system).toBe('Hỏi Phường {{refusalToken}}');
  });

  it('refuses a prompt file that lost a placeholder', () => {
    const folder = promptsFolder({ 'system.vi.md': '{{refusalToken}}', 'answer.vi.md': '{{passages}} {{question}}' });
    expect(() => loadPrompts(folder)).toThrow(ConfigError);
    expect(() => loadPrompts(folder)).toThrow(/lacks \{\{passageCount\}\}, \{\{languageName\}\}, \{\{refusalToken\}\}/);
  });

  it('names the missing prompt file', () => {
    const folder = promptsFolder({});
    expect(() => loadPrompts(folder)).toThrow(/Cannot read the prompt file .*system\.vi\.md/);
  });

  it('keeps the shipped prompt files in NFC', () => {
    for (const name of ['system.vi.md', 'answer.vi.md']) {
      const text = readFileSync(join(defaultPromptsDirectory(), name), 'utf8');
      expect(text).toBe(text.normalize('NFC'));
    }
  });
});
