import { runInNewContext } from 'node:vm';
import type { AskResult } from '../../src/core/types.js';

/**
 * The related-passages renderer exactly as the chat ships it: `/chat.js` up to where it touches the DOM,
 * run in a fresh context, so tests check the code the browser runs rather than its TypeScript source.
 */
export function pageRelatedRenderer(script: string): (result: AskResult) => string {
  const setup = script.slice(0, script.indexOf('// -- user interface --'));
  if (!setup.includes('function relatedPassagesHtml')) throw new Error('the chat page does not define relatedPassagesHtml');
  const context: Record<string, unknown> = {};
  runInNewContext(`${setup}\nthis.render = (result) => relatedPassagesHtml(result, RELATED_HEADINGS[result.language] || RELATED_HEADINGS.vi, displayDate);`, context);
  return context.render as (result: AskResult) => string;
}
