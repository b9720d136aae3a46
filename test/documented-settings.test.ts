import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Every variable src/config.ts reads must be explained where operators look: the README table and .env.example.
const source = readFileSync('src/config.ts', 'utf8');
const names = [...new Set([...source.matchAll(/\b(?:text|number|flag|list|url|path)\('([A-Z][A-Z0-9_]+)'/g)].map((match) => match[1] as string))];

describe('documented settings', () => {
  it('finds the settings config.ts reads', () => {
    expect(names.length).toBeGreaterThan(30);
  });

  it.each(names)('documents %s in the README table and .env.example', (name) => {
    expect(readFileSync('README.md', 'utf8')).toContain(`| \`${name}\` |`);
    expect(readFileSync('.env.example', 'utf8')).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});
