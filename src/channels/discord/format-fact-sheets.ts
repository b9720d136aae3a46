import type { APIEmbed } from 'discord.js';
import { message } from '../../core/messages.js';
import type { Language } from '../../core/types.js';
import type { CompactEntry, CompactFactSheet } from '../../facts/format-fact-sheet.js';
import { cutAtSentence } from './cut-text.js';
import { escapeMarkdownText } from './escape-markdown.js';
import { DISCORD_LIMITS, linkTarget, noMentions, type DiscordReply } from './format-reply.js';

const COLOR = 0x6a1b9a;
/** Discord shows at most 10 embeds in a message. */
const MAX_SHEETS = 10;

/**
 * The `/phuong` reply: one embed per ward (two same-named wards in different provinces each get theirs), current
 * office holders and key figures, each line linking its date to the article; lines that do not fit Discord's 4,096
 * characters per embed and 6,000 per message are left out with a note saying where the whole sheet is.
 */
export function formatFactSheets(sheets: CompactFactSheet[], language: Language): DiscordReply {
  const shown = sheets.slice(0, MAX_SHEETS);
  const embeds: APIEmbed[] = [];
  let budget: number = DISCORD_LIMITS.embedTotal;
  for (const [index, sheet] of shown.entries()) {
    const title = cutAtSentence(escapeMarkdownText(sheet.place), DISCORD_LIMITS.embedTitle, '…').text;
    // Each ward gets an equal share of what is left, so the last one is never squeezed out.
    const room = Math.min(DISCORD_LIMITS.embedDescription, Math.floor(budget / (shown.length - index)) - title.length);
    const description = fitLines(sheetLines(sheet, language), room, message('facts.cut', language));
    budget -= title.length + description.length;
    embeds.push({ color: COLOR, title, description });
  }
  return { embeds, components: [], allowedMentions: noMentions() };
}

function sheetLines(sheet: CompactFactSheet, language: Language): string[] {
  const section = (key: 'facts.holders' | 'facts.figures', entries: CompactEntry[]) => [
    `**${message(key, language)}**`,
    ...(entries.length === 0 ? [message('facts.none', language)] : entries.map(entryLine)),
  ];
  return [...section('facts.holders', sheet.holders), ...sheet.warnings.map((warning) => `⚠️ ${escapeMarkdownText(warning)}`), '', ...section('facts.figures', sheet.figures)];
}

function entryLine(entry: CompactEntry): string {
  const link = linkTarget(entry.url);
  const source = link ? `[${entry.asOf}](${link})` : `${entry.asOf} (${escapeMarkdownText(entry.title)})`;
  return `• ${escapeMarkdownText(entry.text)} — ${source}`;
}

/** Whole lines from the start within `room`, then `ending` when some were left out. */
function fitLines(lines: string[], room: number, ending: string): string {
  const kept: string[] = [];
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const needed = length + line.length + 1 + (index < lines.length - 1 ? ending.length + 1 : 0);
    if (needed > room) {
      kept.push(ending);
      break;
    }
    kept.push(line);
    length += line.length + 1;
  }
  return kept.join('\n').slice(0, Math.max(0, room));
}
