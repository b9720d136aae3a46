import type { APIEmbed } from 'discord.js';
import { message } from '../../core/messages.js';
import type { ArticleMeta, Citation } from '../../core/types.js';
import { unescapeMarkdownText } from './escape-markdown.js';
import { EMBED_COLORS, linkTarget } from './format-reply.js';

/** The question, answer and sources a bot answer's embed shows. */
export interface EmbeddedAnswer {
  question: string;
  answer: string;
  citations: Citation[];
}

const SOURCE_LINK = /^\d+\. \[(.+)\]\((\S+)\)$/;

/**
 * Reads back what `formatDiscordReply` wrote (title = question, description = answer, numbered source links), for
 * pinning an answer the bot no longer remembers (after a restart); sources are matched to indexed articles by link.
 * Undefined when the embed is not an answer with a question (a refusal, or another message).
 */
export function answerFromEmbed(embed: Pick<APIEmbed, 'title' | 'description' | 'fields' | 'color'> | undefined, articles: readonly ArticleMeta[]): EmbeddedAnswer | undefined {
  if (!embed || embed.color === EMBED_COLORS.refused) return undefined;
  const question = unescapeMarkdownText(embed.title ?? '').trim();
  let answer = unescapeMarkdownText(embed.description ?? '');
  for (const language of ['vi', 'en'] as const) {
    const note = `…\n${message('discord.answer-cut', language)}`;
    if (answer.endsWith(note)) answer = answer.slice(0, -note.length);
  }
  answer = answer.trim();
  if (!question || !answer) return undefined;
  const citations: Citation[] = [];
  for (const line of (embed.fields ?? []).flatMap((field) => field.value.split('\n'))) {
    const match = SOURCE_LINK.exec(line.trim());
    if (!match) continue;
    const url = match[2] ?? '';
    const article = articles.find((candidate) => linkTarget(candidate.url) === url);
    citations.push(
      article
        ? { id: article.id, title: article.title, url: article.url, quote: '', ...(article.published ? { published: article.published } : {}) }
        : { id: url, title: unescapeMarkdownText(match[1] ?? ''), url, quote: '' },
    );
  }
  return { question, answer, citations };
}
