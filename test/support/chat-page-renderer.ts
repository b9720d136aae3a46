import { runInNewContext } from 'node:vm';
import type { AskResult } from '../../src/core/types.js';

/**
 * The related-passages renderer exactly as the chat page ships it: the page's script up to where it touches the DOM,
 * run in a fresh context, so tests check the code the browser runs rather than its TypeScript source.
 */
export function pageRelatedRenderer(page: string): (result: AskResult) => string {
  const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? '';
  const setup = script.slice(0, script.indexOf("const form = document.getElementById('ask');"));
  if (!setup.includes('function relatedPassagesHtml')) throw new Error('the chat page does not define relatedPassagesHtml');
  const context: Record<string, unknown> = {};
  runInNewContext(`${setup}\nthis.render = (result) => relatedPassagesHtml(result, RELATED_HEADINGS[result.language] || RELATED_HEADINGS.vi, displayDate);`, context);
  return context.render as (result: AskResult) => string;
}
