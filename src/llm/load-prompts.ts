import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REQUIRED_PLACEHOLDERS, templatePlaceholders, type AnswerPrompts } from '../core/answer-prompt.js';
import { CONDENSE_PLACEHOLDERS } from '../core/condense-question.js';
import { ConfigError } from '../core/errors.js';

const FILES: Readonly<Record<keyof AnswerPrompts, string>> = { system: 'system.vi.md', answer: 'answer.vi.md' };

/**
 * Reads the prompt templates from `directory` (default: `prompts/` at the package root, found from this file so it
 * works from `src/` and from `dist/src/`), NFC-normalised; throws a ConfigError when a file or placeholder is missing.
 */
export function loadPrompts(directory: string = defaultPromptsDirectory()): AnswerPrompts {
  const read = (key: keyof AnswerPrompts): string => {
    const path = join(directory, FILES[key]);
    let text: string;
    try {
      text = readFileSync(path, 'utf8').normalize('NFC');
    } catch (error) {
      throw new ConfigError(`Cannot read the prompt file ${path}: ${(error as Error).message}. Restore it from the repository's prompts/ folder.`, { cause: error });
    }
    const used = templatePlaceholders(text);
    const missing = REQUIRED_PLACEHOLDERS[key].filter((name) => !used.includes(name));
    if (missing.length > 0) {
      throw new ConfigError(`The prompt file ${path} lacks ${missing.map((name) => `{{${name}}}`).join(', ')}. Put them back where the text needs them.`);
    }
    return text;
  };
  return { system: read('system'), answer: read('answer') };
}

/** The `prompts/` folder of the nearest ancestor of this module that has one. */
export function defaultPromptsDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let folder = here; ; folder = dirname(folder)) {
    const candidate = join(folder, 'prompts');
    if (existsSync(join(candidate, FILES.system))) return candidate;
    if (dirname(folder) === folder) return join(here, '..', '..', 'prompts');
  }
}

/** The follow-up condense template (`prompts/condense.vi.md`), checked like the answer prompts. */
export function loadCondensePrompt(directory: string = defaultPromptsDirectory()): string {
  const path = join(directory, 'condense.vi.md');
  let text: string;
  try {
    text = readFileSync(path, 'utf8').normalize('NFC');
  } catch (error) {
    throw new ConfigError(`Cannot read the prompt file ${path}: ${(error as Error).message}. Restore it from the repository's prompts/ folder.`, { cause: error });
  }
  const used = templatePlaceholders(text);
  const missing = CONDENSE_PLACEHOLDERS.filter((name) => !used.includes(name));
  if (missing.length > 0) {
    throw new ConfigError(`The prompt file ${path} lacks ${missing.map((name) => `{{${name}}}`).join(', ')}. Put them back where the text needs them.`);
  }
  return text;
}
