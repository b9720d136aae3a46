import {
  ApplicationCommandType,
  ApplicationIntegrationType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  Locale,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type LocalizationMap,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';

/** Command names as Discord sends them back (the Vietnamese base names, whatever the user's language). */
export const COMMAND_NAMES = {
  ask: 'hoi',
  pin: 'ghim',
  unpin: 'bo-ghim',
  sources: 'nguon',
  passages: 'thongtin',
  settings: 'caidat',
  addArticle: 'themtin',
  factSheet: 'phuong',
  /** The message context-menu command on a bot answer. */
  pinMessage: 'Ghim câu trả lời',
} as const;

/** Option names as Discord sends them back. */
export const OPTION_NAMES = {
  question: 'câu-hỏi',
  answer: 'câu-trả-lời',
  source: 'nguồn',
  keyword: 'từ-khóa',
  place: 'địa-phương',
  language: 'ngôn-ngữ',
  channels: 'kênh',
  url: 'đường-dẫn',
} as const;

/** The value of the language option that clears a server's forced language. */
export const AUTOMATIC_LANGUAGE = 'auto';

/** The value of a settings option that clears it. */
export const CLEAR_VALUE = '-';

/** The same English text for both English locales Discord offers. */
function english(text: string): LocalizationMap {
  return { [Locale.EnglishUS]: text, [Locale.EnglishGB]: text };
}

/**
 * Every command the bot answers, ready for `PUT /applications/{app}/commands`: Vietnamese names and descriptions,
 * English localisations. Pinning and settings are server-only; who may use them is checked when they run, because
 * a configured moderator role may pin without Discord's own permission.
 */
export function discordCommands(): RESTPostAPIApplicationCommandsJSONBody[] {
  const everywhere = [InteractionContextType.Guild, InteractionContextType.BotDM];
  const ask = new SlashCommandBuilder()
    .setName(COMMAND_NAMES.ask)
    .setNameLocalizations(english('ask'))
    .setDescription('Hỏi về phường/xã, câu trả lời kèm nguồn bài viết')
    .setDescriptionLocalizations(english("Ask about the ward; the answer cites the ward's articles"))
    .setContexts(everywhere)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .addStringOption((option) =>
      option
        .setName(OPTION_NAMES.question)
        .setNameLocalizations(english('question'))
        .setDescription('Câu hỏi của bạn, ví dụ: Bí thư Đảng ủy phường là ai?')
        .setDescriptionLocalizations(english('Your question, e.g. Who is the ward party secretary?'))
        .setRequired(true),
    );

  const pin = new SlashCommandBuilder()
    .setName(COMMAND_NAMES.pin)
    .setNameLocalizations(english('pin'))
    .setDescription('Ghim một câu trả lời cho câu hỏi (dành cho điều hành viên)')
    .setDescriptionLocalizations(english('Pin an answer to a question (moderators)'))
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) =>
      option
        .setName(OPTION_NAMES.question)
        .setNameLocalizations(english('question'))
        .setDescription('Câu hỏi mà câu trả lời này dành cho')
        .setDescriptionLocalizations(english('The question this answer is for'))
        .setRequired(true),
    )
    .addStringOption((option) =>
      option
        .setName(OPTION_NAMES.answer)
        .setNameLocalizations(english('answer'))
        .setDescription('Câu trả lời sẽ được dùng cho câu hỏi này và các câu tương tự')
        .setDescriptionLocalizations(english('The answer given to this question and similar ones'))
        .setRequired(true),
    )
    .addStringOption((option) =>
      option
        .setName(OPTION_NAMES.source)
        .setNameLocalizations(english('source'))
        .setDescription('Đường dẫn hoặc mã bài viết làm nguồn (có thể ghi nhiều, cách nhau bằng dấu cách)')
        .setDescriptionLocalizations(english('Link or id of the source article (several allowed, separated by spaces)')),
    );

  const unpin = new SlashCommandBuilder()
    .setName(COMMAND_NAMES.unpin)
    .setNameLocalizations(english('unpin'))
    .setDescription('Bỏ ghim câu trả lời (dành cho điều hành viên)')
    .setDescriptionLocalizations(english('Remove a pinned answer (moderators)'))
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) =>
      option
        .setName(OPTION_NAMES.question)
        .setNameLocalizations(english('question'))
        .setDescription('Câu hỏi đã ghim hoặc mã ghim')
        .setDescriptionLocalizations(english('The pinned question or the pin id'))
        .setRequired(true),
    );

  const sources = new SlashCommandBuilder()
    .setName(COMMAND_NAMES.sources)
    .setNameLocalizations(english('sources'))
    .setDescription('Danh sách bài viết bot dùng để trả lời, kèm ngày và đường dẫn')
    .setDescriptionLocalizations(english('The articles the bot answers from, with dates and links'))
    .setContexts(everywhere)
    .addStringOption((option) =>
      option
        .setName(OPTION_NAMES.place)
        .setNameLocalizations(english('place'))
        .setDescription('Chỉ bài viết về phường/xã này')
        .setDescriptionLocalizations(english('Only articles about this ward or commune')),
    );

  const passages = new SlashCommandBuilder()
    .setName(COMMAND_NAMES.passages)
    .setNameLocalizations(english('lookup'))
    .setDescription('Tra nhanh các đoạn bài viết liên quan đến một từ khóa (không soạn câu trả lời)')
    .setDescriptionLocalizations(english('Look up article passages about a keyword (no composed answer)'))
    .setContexts(everywhere)
    .addStringOption((option) =>
      option
        .setName(OPTION_NAMES.keyword)
        .setNameLocalizations(english('keyword'))
        .setDescription('Từ khóa, ví dụ: đại hội, hộ nghèo')
        .setDescriptionLocalizations(english('Keyword, e.g. congress, poor households'))
        .setRequired(true),
    );

  const settings = new SlashCommandBuilder()
    .setName(COMMAND_NAMES.settings)
    .setNameLocalizations(english('settings'))
    .setDescription('Xem hoặc đổi cài đặt của bot cho máy chủ này (cần quyền Quản lý máy chủ)')
    .setDescriptionLocalizations(english("View or change the bot's settings for this server (Manage Server)"))
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addStringOption((option) =>
      option
        .setName(OPTION_NAMES.place)
        .setNameLocalizations(english('place'))
        .setDescription('Phường/xã mặc định khi câu hỏi không nêu, ví dụ: phường An Hải; "-" để bỏ')
        .setDescriptionLocalizations(english('Default ward when a question names none; "-" to clear')),
    )
    .addStringOption((option) =>
      option
        .setName(OPTION_NAMES.language)
        .setNameLocalizations(english('language'))
        .setDescription('Ngôn ngữ trả lời')
        .setDescriptionLocalizations(english('Answer language'))
        .addChoices(
          { name: 'Tiếng Việt', value: 'vi' },
          { name: 'English', value: 'en' },
          { name: 'Theo ngôn ngữ câu hỏi', name_localizations: english("The question's language"), value: AUTOMATIC_LANGUAGE },
        ),
    )
    .addStringOption((option) =>
      option
        .setName(OPTION_NAMES.channels)
        .setNameLocalizations(english('channels'))
        .setDescription('Các kênh bot trả lời (#kênh, cách nhau bằng dấu cách); "-" để trả lời mọi kênh')
        .setDescriptionLocalizations(english('Channels the bot answers in (#channel, space-separated); "-" for all')),
    );

  const addArticle = new SlashCommandBuilder()
    .setName(COMMAND_NAMES.addArticle)
    .setNameLocalizations(english('addarticle'))
    .setDescription('Lấy ngay một bài viết từ trang web của phường/xã (dành cho điều hành viên)')
    .setDescriptionLocalizations(english("Fetch one article from the ward's website now (moderators)"))
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) =>
      option
        .setName(OPTION_NAMES.url)
        .setNameLocalizations(english('url'))
        .setDescription('Đường dẫn bài viết, ví dụ: https://phuong.example.gov.vn/tin-tuc/bai-viet.html')
        .setDescriptionLocalizations(english('Link to the article'))
        .setRequired(true),
    );

  const factSheet = new SlashCommandBuilder()
    .setName(COMMAND_NAMES.factSheet)
    .setNameLocalizations(english('ward'))
    .setDescription('Thông tin phường/xã: lãnh đạo hiện nay và số liệu chính, kèm bài viết nguồn')
    .setDescriptionLocalizations(english("The ward's fact sheet: office holders now and key figures, with their articles"))
    .setContexts(everywhere)
    .addStringOption((option) =>
      option
        .setName(OPTION_NAMES.place)
        .setNameLocalizations(english('place'))
        .setDescription('Phường/xã, ví dụ: phường An Hải (mặc định: phường/xã của máy chủ)')
        .setDescriptionLocalizations(english("The ward, e.g. phường An Hải (default: the server's ward)")),
    );

  const pinMessage = new ContextMenuCommandBuilder()
    .setName(COMMAND_NAMES.pinMessage)
    .setNameLocalizations(english('Pin answer'))
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild);

  return [ask.toJSON(), pin.toJSON(), unpin.toJSON(), sources.toJSON(), passages.toJSON(), settings.toJSON(), addArticle.toJSON(), factSheet.toJSON(), pinMessage.toJSON()];
}
