import { distinctCitations } from '../../core/cite.js';
import { type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed, type APIEmbedField, type MessageMentionTypes } from 'discord.js';
import { displayDate } from '../../core/display-date.js';
import { message } from '../../core/messages.js';
import type { AskResult, Citation, Language } from '../../core/types.js';
import { cutAtSentence } from './cut-text.js';
import { escapeMarkdownText } from './escape-markdown.js';
import { feedbackButtons } from './feedback-buttons.js';
import { isHttpUrl } from '../../core/http-link.js';
import { placeChoiceRows } from './place-choice-buttons.js';

/** Discord's message and embed limits (https://discord.com/developers/docs/resources/message); over any of them the API answers 400. */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Title, description, field names and values, footer and author of all embeds together. */
  embedTotal: 6000,
} as const;

/** A message payload for discord.js (`reply`, `editReply`, `channel.send`), always with mentions disabled. */
export interface DiscordReply {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  allowedMentions: { parse: MessageMentionTypes[] };
}

/** Answers cite few articles; more lines would only crowd out the answer. */
const MAX_SOURCES = 10;
const MAX_SOURCE_LINE = 300;
/** Sources and footer stay small so the answer always keeps most of the 6,000 characters. */
const SOURCES_BUDGET = 2000;
const FOOTER_BUDGET = 200;
/** Each related passage's quote is cut to this, so three of them and their titles stay well inside the 6,000 total. */
const RELATED_QUOTE_BUDGET = 600;
/** Embed colours; a refusal's colour also tells pinning that the message holds no answer. */
export const EMBED_COLORS = { answered: 0x2e7d32, pinned: 0xf9a825, refused: 0x78909c } as const;

/**
 * Turns an answer into one Discord message: an embed with the question as title, the answer (cut at a sentence to fit
 * every limit), numbered sources as `[title (date)](url)` links, a note when the answer was pinned, 👍 / 👎 buttons
 * when the answer was recorded, and one button per candidate when it asks which place (`askerId` is whose choice it
 * is). An unsure refusal shows its related passages under "Có thể hữu ích" / "May help", each a numbered title link
 * with its date and the quote, in the refusal's grey, so they never look like an answer.
 */
export function formatDiscordReply(result: AskResult, options: { askerId?: string } = {}): DiscordReply {
  const language = result.language;
  const title = cutAtSentence(escapeMarkdownText(result.question.trim()), DISCORD_LIMITS.embedTitle, '…').text;
  const fields = result.answered ? sourceFields(result.citations, language) : relatedFields(result.related ?? [], language);
  const footer = result.pinned ? `📌 ${message('answer.pinned', language)}: ${result.pinned.pinnedBy}` : undefined;
  const footerText = footer ? cutAtSentence(footer, FOOTER_BUDGET, '…').text : undefined;
  const used = title.length + (footerText?.length ?? 0) + fields.reduce((total, field) => total + field.name.length + field.value.length, 0);
  const room = Math.min(DISCORD_LIMITS.embedDescription, DISCORD_LIMITS.embedTotal - used);
  const description = cutAtSentence(escapeMarkdownText(result.answer.trim()), room, `…\n${message('discord.answer-cut', language)}`).text;

  const embed: APIEmbed = {
    color: result.pinned ? EMBED_COLORS.pinned : result.answered ? EMBED_COLORS.answered : EMBED_COLORS.refused,
    ...(title ? { title } : {}),
    description,
    ...(fields.length > 0 ? { fields } : {}),
    ...(footerText ? { footer: { text: footerText } } : {}),
  };
  const buttons = result.answered && result.answerId ? feedbackButtons(result.answerId, language) : undefined;
  const choices = result.choices && result.choices.length > 1 && options.askerId ? placeChoiceRows(result.choices, options.askerId) : [];
  return { embeds: [embed], components: [...choices, ...(buttons ? [buttons] : [])], allowedMentions: noMentions() };
}

/** A plain-text message (a refusal, a confirmation) cut to Discord's 2,000 characters, with mentions disabled. */
export function formatNotice(text: string): DiscordReply {
  return { content: cutAtSentence(text, DISCORD_LIMITS.content, '…').text, embeds: [], components: [], allowedMentions: noMentions() };
}

/** Disables every ping, so a question quoting `@everyone` or a role never notifies anyone. */
export function noMentions(): { parse: MessageMentionTypes[] } {
  return { parse: [] };
}

/** One numbered source line, `1. [title (date)](url)`, or the plain title and date when the article has no web link. */
export function sourceLine(source: Pick<Citation, 'title' | 'url' | 'published'>, index: number): string {
  const date = source.published ? ` (${source.published})` : '';
  const label = cutAtSentence(`${source.title.trim()}${date}`, MAX_SOURCE_LINE, '…').text;
  const link = linkTarget(source.url);
  const plain = `${index + 1}. ${escapeMarkdownText(label)}`;
  if (!link) return plain;
  const linked = `${index + 1}. [${escapeMarkdownText(label)}](${link})`;
  return linked.length <= DISCORD_LIMITS.fieldValue ? linked : plain;
}

/** A web address usable inside a Markdown link (brackets and spaces encoded), or '' when it is not http(s). */
export function linkTarget(url: string): string {
  if (!isHttpUrl(url)) return '';
  // encodeURIComponent leaves brackets alone, and a `)` would end the Markdown link early.
  return url.replace(/[()\s]/g, (character) => (character === '(' ? '%28' : character === ')' ? '%29' : encodeURIComponent(character)));
}

/** The number of characters Discord counts towards an embed's 6,000 total. */
export function embedLength(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((total, field) => total + field.name.length + field.value.length, 0);
  return (embed.title ?? '').length + (embed.description ?? '').length + fields + (embed.footer?.text ?? '').length + (embed.author?.name ?? '').length;
}

/** The numbered sources, in fields of at most 1,024 characters (the first named "Nguồn"/"Sources"). */
function sourceFields(citations: Citation[], language: Language): APIEmbedField[] {
  const lines = distinctCitations(citations).slice(0, MAX_SOURCES).map(sourceLine);
  const fields: APIEmbedField[] = [];
  let used = 0;
  for (const line of lines) {
    used += line.length + 1;
    if (used > SOURCES_BUDGET) break;
    const last = fields.at(-1);
    if (last && last.value.length + 1 + line.length <= DISCORD_LIMITS.fieldValue) last.value += `\n${line}`;
    // A zero-width space: Discord requires a non-empty name, and continuations need no heading of their own.
    else fields.push({ name: fields.length === 0 ? message('answer.sources', language) : '\u200b', value: line });
  }
  return fields;
}

/** An unsure refusal's passages: one field each (the first named "Có thể hữu ích"), `**1. [title (date)](url)**` then the quote. */
function relatedFields(related: readonly Citation[], language: Language): APIEmbedField[] {
  return related.map((passage, index) => {
    const date = passage.published ? ` (${displayDate(passage.published)})` : '';
    const label = escapeMarkdownText(cutAtSentence(`${passage.title.trim()}${date}`, MAX_SOURCE_LINE, '…').text);
    const link = linkTarget(passage.url);
    const heading = link ? `**${index + 1}. [${label}](${link})**` : `**${index + 1}. ${label}**`;
    const quote = cutAtSentence(escapeMarkdownText(passage.quote.replace(/\s*\n\s*/g, ' ').trim()), RELATED_QUOTE_BUDGET, '…').text;
    const value = `${heading}\n> ${quote}`;
    return {
      name: index === 0 ? message('answer.related', language) : '\u200b',
      value: value.length <= DISCORD_LIMITS.fieldValue ? value : `**${index + 1}. ${label}**\n> ${quote}`,
    };
  });
}
