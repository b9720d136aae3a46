/** Characters Discord reads as Markdown anywhere in a line: emphasis, code, spoilers, links, the escape itself. */
const INLINE = /[\\*_~`|[\]]/g;
/** Markers Discord reads only at the start of a line: headings, quotes, lists, subtext. */
const LINE_START = /^([ \t]*)([#>+-]|\d+(?=\.\s))/gm;
const ESCAPED = /\\([\\*_~`|[\]#>+-])|(\d)\\(\.)/g;

/**
 * Makes article text show literally in Discord (a `*` or `_` stays a character, a line starting with `-` stays a
 * dash), in linear time: discord.js's `escapeMarkdown` is quadratic and takes seconds on a long answer.
 */
export function escapeMarkdownText(text: string): string {
  return text.replace(INLINE, '\\$&').replace(LINE_START, (_whole, indent: string, marker: string) => (/\d/.test(marker) ? `${indent}${marker}\\` : `${indent}\\${marker}`));
}

/** Undoes `escapeMarkdownText`, to read back what the bot wrote. */
export function unescapeMarkdownText(text: string): string {
  return text.replace(ESCAPED, (_whole, character: string | undefined, digit: string | undefined, dot: string | undefined) => character ?? `${digit}${dot}`);
}
