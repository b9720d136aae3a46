import { type APIEmbed, type APIEmbedField } from 'discord.js';
import { message } from '../../core/messages.js';
import type { ArticleMeta, Language, Passage } from '../../core/types.js';
import { cutAtSentence } from './cut-text.js';
import { escapeMarkdownText } from './escape-markdown.js';
import { DISCORD_LIMITS, formatNotice, linkTarget, noMentions, sourceLine, type DiscordReply } from './format-reply.js';

const COLOR = 0x1565c0;

/** The `/nguon` reply: indexed articles, newest first, as numbered `[title (date)](url)` lines within one embed. */
export function formatArticleList(articles: ArticleMeta[], language: Language, place?: string): DiscordReply {
  if (articles.length === 0) return formatNotice(message('discord.sources-empty', language));
  const sorted = [...articles].sort((left, right) => (right.published ?? '').localeCompare(left.published ?? ''));
  const title = cutAtSentence(`${message('discord.sources-title', language)}${place ? ` — ${place}` : ''}`, DISCORD_LIMITS.embedTitle, '…').text;
  const lines: string[] = [];
  let length = 0;
  for (const [index, article] of sorted.entries()) {
    const line = sourceLine(article, index);
    const rest = message('discord.sources-more', language, { count: sorted.length - index });
    // Room is kept for the "… and N more" line that follows whenever an article does not fit.
    if (length + line.length + 1 + rest.length + 1 > DISCORD_LIMITS.embedDescription) {
      lines.push(rest);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  const embed: APIEmbed = { color: COLOR, title, description: lines.join('\n') };
  return { embeds: [embed], components: [], allowedMentions: noMentions() };
}

/** The `/thongtin` reply: the passages found for a keyword, each with its article as a link; no answer is composed. */
export function formatPassages(query: string, passages: Passage[], language: Language): DiscordReply {
  if (passages.length === 0) return formatNotice(message('discord.passages-empty', language, { query }));
  const title = cutAtSentence(escapeMarkdownText(message('discord.passages-title', language, { query })), DISCORD_LIMITS.embedTitle, '…').text;
  const shown = passages.slice(0, DISCORD_LIMITS.embedFields);
  const names = shown.map((passage, index) => {
    const date = passage.article.published ? ` (${passage.article.published})` : '';
    return cutAtSentence(`${index + 1}. ${passage.article.title}${date}`, DISCORD_LIMITS.fieldName, '…').text;
  });
  const namesLength = names.reduce((total, name) => total + name.length, 0);
  const perField = Math.min(DISCORD_LIMITS.fieldValue, Math.floor((DISCORD_LIMITS.embedTotal - title.length - namesLength) / shown.length));
  const fields: APIEmbedField[] = shown.map((passage, index) => {
    const target = linkTarget(passage.article.url);
    const link = target ? `[${message('discord.read-article', language)}](${target})` : '';
    const room = link && link.length < perField / 2 ? perField - link.length - 1 : perField;
    const quote = cutAtSentence(escapeMarkdownText(passage.chunk.text.trim()), room, '…').text;
    return { name: names[index] ?? '', value: room === perField ? quote : `${quote}\n${link}` };
  });
  const embed: APIEmbed = { color: COLOR, title, fields };
  return { embeds: [embed], components: [], allowedMentions: noMentions() };
}
