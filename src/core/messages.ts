import type { ErrorCode } from './errors.js';
import type { Language, RefusalReason } from './types.js';

/** User-facing texts, one table keyed by identifier, so translations stay together. */
const messages = {
  'refusal.no-sources': {
    vi: 'Xin lỗi, các bài viết hiện có chưa nói về điều bạn hỏi. Bạn có thể hỏi lại cụ thể hơn (nêu rõ tên phường/xã và nội dung), hoặc liên hệ bộ phận một cửa của UBND phường/xã để được giải đáp.',
    en: "Sorry, the articles I have don't cover that. Try asking more specifically (name the ward or commune and the topic), or contact the ward's one-stop service desk.",
  },
  'refusal.low-score': {
    vi: 'Xin lỗi, tôi không tìm thấy thông tin này trong các bài viết của phường/xã. Bạn thử diễn đạt lại câu hỏi, hoặc liên hệ UBND phường/xã để được hỗ trợ.',
    en: "Sorry, I couldn't find this in the ward's articles. Please rephrase your question, or contact the ward People's Committee.",
  },
  'refusal.wrong-place': {
    vi: 'Xin lỗi, tôi chưa có bài viết nào về địa phương bạn hỏi. Bạn có thể hỏi về các phường/xã đã có bài viết, hoặc liên hệ UBND địa phương đó.',
    en: "Sorry, I don't have articles about the place you asked about yet. You can ask about the wards I have articles for, or contact that ward's People's Committee.",
  },
  'refusal.ambiguous-place': {
    vi: 'Có nhiều địa phương trùng tên trong các bài viết: {places}. Bạn hỏi về nơi nào? Hãy ghi thêm tên tỉnh/thành phố.',
    en: 'Several places share that name in my articles: {places}. Which one do you mean? Please add the city or province.',
  },
  'refusal.unsure-related': {
    vi: 'Xin lỗi, tôi chưa chắc chắn các bài viết trả lời đúng câu hỏi này nên không đưa ra câu trả lời. Những đoạn trích dưới đây có thể hữu ích cho bạn; nếu cần thông tin chính xác, bạn vui lòng liên hệ UBND phường/xã.',
    en: "Sorry, I'm not sure the articles answer this, so I won't give an answer. The passages below may help; for an exact answer, please contact the ward People's Committee.",
  },
  'refusal.error': {
    vi: 'Xin lỗi, đã có lỗi khi trả lời (mã tham chiếu {reference}). Vui lòng thử lại sau.',
    en: 'Sorry, something went wrong while answering (reference {reference}). Please try again later.',
  },
  'refusal.index-not-ready': {
    vi: 'Xin lỗi, hệ thống đang chuẩn bị dữ liệu bài viết và chưa sẵn sàng trả lời. Bạn vui lòng hỏi lại sau ít phút.',
    en: 'Sorry, the articles are still being prepared and I cannot answer yet. Please ask again in a few minutes.',
  },
  'refusal.empty-question': {
    vi: 'Bạn hãy nhập câu hỏi, ví dụ: "Bí thư Đảng ủy phường là ai?"',
    en: 'Please type a question, for example: "Who is the ward party secretary?"',
  },
  'refusal.not-grounded': {
    vi: 'Xin lỗi, tôi không thể khẳng định thông tin này từ các bài viết hiện có. Bạn vui lòng liên hệ UBND phường/xã để được giải đáp chính xác.',
    en: "Sorry, I can't confirm this from the articles I have. Please contact the ward People's Committee for an accurate answer.",
  },
  'refusal.conversation-reset': {
    vi: 'Đã bắt đầu cuộc trò chuyện mới. Bạn cứ hỏi, nhớ nêu tên phường/xã nhé.',
    en: 'Started a new conversation. Go ahead and ask, naming the ward or commune.',
  },
  'error.config-invalid': { vi: 'Cấu hình chưa đúng. Vui lòng báo quản trị viên.', en: 'The bot is misconfigured. Please tell an administrator.' },
  'error.article-invalid': { vi: 'Có bài viết không đọc được.', en: 'An article could not be read.' },
  'error.index-corrupt': { vi: 'Chỉ mục dữ liệu bị hỏng, đang cần xây dựng lại.', en: 'The search index is damaged and needs rebuilding.' },
  'error.index-mismatch': { vi: 'Chỉ mục dữ liệu cần xây dựng lại.', en: 'The search index needs rebuilding.' },
  'error.index-busy': { vi: 'Chỉ mục dữ liệu đang được cập nhật, vui lòng thử lại sau ít phút.', en: 'The search index is being updated; please try again in a few minutes.' },
  'error.store-corrupt': { vi: 'Cơ sở dữ liệu bị lỗi. Vui lòng báo quản trị viên.', en: 'The database is damaged. Please tell an administrator.' },
  'error.store-too-new': { vi: 'Cơ sở dữ liệu thuộc phiên bản mới hơn. Vui lòng báo quản trị viên.', en: 'The database comes from a newer version. Please tell an administrator.' },
  'error.input-invalid': { vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' },
  'error.rate-limited': { vi: 'Bạn hỏi nhanh quá, vui lòng đợi một chút rồi hỏi tiếp nhé.', en: "You're asking too fast; please wait a moment and try again." },
  'error.upstream-failed': { vi: 'Dịch vụ bên ngoài đang gặp sự cố, vui lòng thử lại sau.', en: 'An outside service is having trouble; please try again later.' },
  'error.internal': { vi: 'Xin lỗi, đã có lỗi xảy ra. Vui lòng thử lại sau.', en: 'Sorry, something went wrong. Please try again later.' },
  'error.question-too-long': { vi: 'Câu hỏi dài quá, bạn vui lòng hỏi ngắn gọn hơn (tối đa {max} ký tự).', en: 'Your question is too long; please keep it under {max} characters.' },
  'error.busy': { vi: 'Máy chủ đang bận, vui lòng thử lại sau vài giây.', en: 'The server is busy; please try again in a few seconds.' },
  'error.index-building': {
    vi: 'Chỉ mục dữ liệu đang được xây dựng lần đầu, vui lòng thử lại sau ít phút.',
    en: 'The search index is being built for the first time; please try again in a few minutes.',
  },
  'answer.sources': { vi: 'Nguồn', en: 'Sources' },
  'answer.assumed-place': { vi: '({place})', en: '({place})' },
  'answer.choose-place': { vi: 'Nhắn số thứ tự nơi bạn hỏi:', en: 'Reply with the number of the place you mean:' },
  'answer.pinned': { vi: 'Câu trả lời do điều hành viên ghim', en: 'Answer pinned by a moderator' },
  'answer.related': { vi: 'Có thể hữu ích', en: 'May help' },
  'answer.according-to': { vi: 'Theo bài viết', en: 'According to the article' },
  'answer.english-framing': { vi: '', en: 'According to the article "{title}" (quoted in Vietnamese): {quote}' },
  'zalo.welcome': {
    vi: 'Xin chào! Tôi là Hỏi Phường, trợ lý trả lời câu hỏi của người dân về {place} dựa trên các bài tin tức của phường/xã, luôn kèm nguồn bài viết. Bạn cứ nhắn câu hỏi (có dấu hay không dấu đều được), ví dụ: "Bí thư Đảng ủy phường là ai?" hoặc "Nộp hồ sơ ở đâu?". Sau mỗi câu trả lời, nhắn 👍 nếu hữu ích hoặc 👎 nếu chưa đúng.',
    en: 'Hello! I am Hỏi Phường: I answer residents\' questions about {place} from the ward\'s news articles, always citing the article. Just send a question, e.g. "Who is the ward party secretary?". After an answer, reply 👍 if it helped or 👎 if not.',
  },
  'zalo.any-place': { vi: 'phường/xã của bạn', en: 'your ward or commune' },
  'zalo.feedback-hint': { vi: 'Nhắn 👍 nếu câu trả lời hữu ích, 👎 nếu chưa đúng.', en: 'Reply 👍 if this helped, 👎 if not.' },
  'zalo.feedback-thanks': { vi: 'Cảm ơn bạn đã góp ý! Ý kiến của bạn giúp cải thiện câu trả lời.', en: 'Thank you for your feedback!' },
  'zalo.feedback-unknown': { vi: 'Xin lỗi, không còn tìm thấy câu trả lời đó để ghi nhận góp ý. Bạn cứ tiếp tục đặt câu hỏi nhé.', en: "Sorry, I can no longer find that answer to record your feedback. Feel free to keep asking." },
  'discord.answer-cut': { vi: '(Câu trả lời đã được rút gọn; xem đầy đủ trong bài viết nguồn.)', en: '(Answer shortened; see the source article for the full text.)' },
  'discord.choice-not-yours': { vi: 'Lựa chọn này dành cho người đã hỏi. Bạn hãy tự đặt câu hỏi (ghi rõ tỉnh/thành phố) nhé.', en: 'This choice belongs to whoever asked. Please ask yourself, naming the province or city.' },
  'discord.feedback-up': { vi: 'Hữu ích', en: 'Helpful' },
  'discord.feedback-down': { vi: 'Chưa đúng', en: 'Not right' },
  'discord.feedback-recorded': { vi: 'Cảm ơn bạn đã đánh giá! Ý kiến của bạn giúp cải thiện câu trả lời.', en: 'Thank you for your rating!' },
  'discord.feedback-changed': { vi: 'Đã cập nhật đánh giá của bạn cho câu trả lời này.', en: 'Your rating of this answer was updated.' },
  'discord.feedback-unknown': { vi: 'Xin lỗi, không còn tìm thấy câu trả lời này để ghi nhận đánh giá.', en: 'Sorry, I can no longer find this answer to record your rating.' },
  'discord.channel-not-allowed': { vi: 'Ở máy chủ này, bot chỉ trả lời trong các kênh: {channels}.', en: 'On this server the bot only answers in: {channels}.' },
  'discord.unknown-interaction': { vi: 'Xin lỗi, bot không còn hỗ trợ lệnh hoặc nút này. Hãy dùng /hoi để đặt câu hỏi.', en: 'Sorry, the bot no longer supports this command or button. Use /hoi to ask a question.' },
  'discord.guild-only': { vi: 'Lệnh này chỉ dùng được trong máy chủ Discord, không dùng trong tin nhắn riêng.', en: 'This command only works in a server, not in direct messages.' },
  'discord.pin-refused': { vi: 'Xin lỗi, chỉ điều hành viên (có quyền Ghim tin nhắn hoặc vai trò điều hành) mới ghim hoặc bỏ ghim được câu trả lời.', en: 'Sorry, only moderators (with Pin Messages or a moderator role) can pin or unpin answers.' },
  'discord.pin-not-answer': { vi: 'Chỉ ghim được câu trả lời của bot. Để ghim câu trả lời tự soạn, hãy dùng /ghim với câu-hỏi và câu-trả-lời.', en: "Only the bot's answers can be pinned this way. To pin your own text, use /ghim with a question and an answer." },
  'discord.pinned': { vi: 'Đã ghim câu trả lời cho câu hỏi “{question}” (mã {id}). Câu hỏi tương tự sẽ nhận câu trả lời này.', en: 'Pinned the answer to “{question}” (id {id}). Similar questions will get this answer.' },
  'discord.add-article-off': { vi: 'Máy chủ này chưa bật lấy bài viết từ trang web (cần cơ sở dữ liệu của bot).', en: 'Fetching articles from the web is not enabled on this server (the bot needs its database).' },
  'discord.add-article-bad-url': { vi: '“{url}” không phải đường dẫn http(s). Hãy dán đường dẫn bài viết, ví dụ https://phuong.example.gov.vn/tin-tuc/bai.html', en: '“{url}” is not an http(s) link. Paste the link of the article, e.g. https://ward.example.gov.vn/news/article.html' },
  'discord.add-article-saved': { vi: 'Đã thêm bài “{title}” — {place}, ngày {date}. Bot đã trả lời được từ bài này.', en: 'Added “{title}” — {place}, dated {date}. The bot now answers from it.' },
  'discord.add-article-changed': { vi: 'Đã cập nhật bài “{title}” — {place}, ngày {date}.', en: 'Updated “{title}” — {place}, dated {date}.' },
  'discord.add-article-unchanged': { vi: 'Bài viết này đã có và không thay đổi.', en: 'This article is already there, unchanged.' },
  'discord.add-article-duplicate': { vi: 'Nội dung bài này đã có từ một đường dẫn khác; không thêm lần nữa.', en: 'This text is already there from another link; not added again.' },
  'discord.add-article-failed': { vi: 'Chưa lấy được bài viết: {reason}', en: 'Could not fetch the article: {reason}' },
  'discord.add-article-no-place': { vi: 'chưa rõ phường/xã (hãy đặt địa phương mặc định bằng /caidat)', en: 'no ward yet (set the default place with /caidat)' },
  'discord.add-article-no-date': { vi: 'không rõ', en: 'unknown' },
  'discord.pin-not-in-channel': { vi: 'Câu trả lời đã được lưu, nhưng bot chưa có quyền Ghim tin nhắn trong kênh này nên tin nhắn chưa được ghim trên Discord.', en: 'The answer was saved, but the bot lacks the Pin Messages permission here, so the message was not pinned on Discord.' },
  'discord.unpinned': { vi: 'Đã bỏ ghim câu trả lời “{question}”.', en: 'Unpinned the answer “{question}”.' },
  'discord.unpin-not-found': { vi: 'Không có câu trả lời đã ghim nào khớp với “{question}”.', en: 'No pinned answer matches “{question}”.' },
  'discord.settings-refused': { vi: 'Xin lỗi, cần quyền Quản lý máy chủ để đổi cài đặt của bot.', en: "Sorry, changing the bot's settings needs the Manage Server permission." },
  'discord.settings-summary': { vi: 'Cài đặt của máy chủ:\n• Địa phương mặc định: {place}\n• Ngôn ngữ trả lời: {language}\n• Kênh bot trả lời: {channels}', en: "This server's settings:\n• Default place: {place}\n• Answer language: {language}\n• Channels: {channels}" },
  'discord.settings-unset-place': { vi: 'chưa đặt', en: 'not set' },
  'discord.settings-auto-language': { vi: 'theo ngôn ngữ câu hỏi', en: "the question's language" },
  'discord.settings-all-channels': { vi: 'mọi kênh', en: 'every channel' },
  'discord.sources-title': { vi: 'Bài viết đã lập chỉ mục', en: 'Indexed articles' },
  'discord.sources-empty': { vi: 'Chưa có bài viết nào được lập chỉ mục cho địa phương này.', en: 'No articles are indexed for this place yet.' },
  'discord.sources-more': { vi: '… và {count} bài khác.', en: '… and {count} more.' },
  'discord.passages-title': { vi: 'Đoạn trích về “{query}”', en: 'Passages about “{query}”' },
  'discord.passages-empty': { vi: 'Không tìm thấy đoạn trích nào về “{query}”.', en: 'No passages found about “{query}”.' },
  'facts.holders': { vi: 'Lãnh đạo hiện nay (theo bài mới nhất)', en: 'Office holders now (by the newest article)' },
  'facts.figures': { vi: 'Số liệu chính', en: 'Key figures' },
  'facts.none': { vi: '(chưa có bài nào nêu)', en: '(no article says)' },
  'facts.cut': { vi: '… (còn nữa: xem đầy đủ bằng hoiphuong facts hoặc GET /api/facts)', en: '… (more: see hoiphuong facts or GET /api/facts)' },
  'facts.no-place': { vi: 'Hãy nêu phường/xã, ví dụ: {example}. Có thông tin về: {known}', en: 'Name the ward, e.g. {example}. Facts are known about: {known}' },
  'facts.unknown-place': { vi: 'Chưa có thông tin về “{place}” trong các bài viết. Có thông tin về: {known}', en: 'No facts about “{place}” in the articles. Facts are known about: {known}' },
  'facts.off': { vi: 'Bảng thông tin phường/xã chưa được bật trên máy chủ này.', en: 'Ward fact sheets are not available on this server.' },
  'discord.read-article': { vi: 'Xem bài viết', en: 'Read the article' },
  'pins.default-pinned-by': { vi: 'Ban quản trị', en: 'Administrators' },
  'report.title': { vi: 'Báo cáo Hỏi Phường — {time}', en: 'Hỏi Phường report — {time}' },
  'report.unanswered': { vi: 'Câu hỏi hỏi nhiều nhất mà chưa trả lời được (nên bổ sung bài viết):', en: 'Most asked questions the articles could not answer:' },
  'report.worst-rated': { vi: 'Câu trả lời bị chấm 👎 nhiều nhất:', en: 'Worst-rated answers:' },
  'report.overdue-pins': { vi: 'Câu trả lời ghim đã quá hạn xem lại (vẫn đang được dùng):', en: 'Pinned answers past their review date (still served):' },
  'report.none': { vi: '(không có)', en: '(none)' },
  'report.last-asked': { vi: 'lần cuối', en: 'last asked' },
  'report.hits': { vi: '{count} lượt dùng', en: '{count} hits' },
  'report.hits.one': { vi: '{count} lượt dùng', en: '{count} hit' },
  'report.period-since': { vi: 'Từ {time} đến nay', en: 'Since {time}' },
  'report.period-all': { vi: 'Toàn bộ thời gian', en: 'All time' },
  'report.totals': {
    vi: 'Tổng cộng: {questions} · trả lời được {answered} · chưa trả lời được {refused} · tỷ lệ trả lời {rate} · 👍 {up} · 👎 {down}',
    en: 'Totals: {questions} · answered {answered} · not answered {refused} · answer rate {rate} · 👍 {up} · 👎 {down}',
  },
  'report.rate-none': { vi: '— (chưa có câu hỏi)', en: '— (no questions yet)' },
  'report.questions': { vi: '{count} câu hỏi', en: '{count} questions' },
  'report.questions.one': { vi: '{count} câu hỏi', en: '{count} question' },
  'report.also-asked': { vi: 'cũng hỏi:', en: 'also asked as:' },
  'report.reason.no-sources': { vi: 'không bài viết nào nói đến', en: 'no article covers it' },
  'report.reason.low-score': { vi: 'có bài liên quan nhưng không câu nào trả lời đúng', en: 'related articles, but no sentence answers it' },
  'report.reason.wrong-place': { vi: 'hỏi về địa phương chưa có bài viết', en: 'about a place with no articles' },
  'report.reason.ambiguous-place': { vi: 'tên địa phương trùng nhau, chưa rõ tỉnh/thành', en: 'a place name several wards share, city not given' },
  'report.reason.not-grounded': { vi: 'câu trả lời của mô hình không khớp với nguồn', en: "the model's answer was not backed by the sources" },
  'report.reason.error': { vi: 'lỗi khi trả lời', en: 'an error while answering' },
  'report.reason.index-not-ready': { vi: 'chỉ mục bài viết chưa sẵn sàng', en: 'the article index was not ready yet' },
  'report.reason.empty-question': { vi: 'tin nhắn không có câu hỏi', en: 'a message with no question' },
  'report.reason.conversation-reset': { vi: 'người hỏi bắt đầu lại cuộc trò chuyện', en: 'the resident started the conversation over' },
  'report.mode.extractive': { vi: 'trích từ bài viết', en: 'quoted from an article' },
  'report.mode.generated': { vi: 'do mô hình viết', en: 'written by the model' },
  'report.mode.pinned': { vi: 'câu trả lời ghim', en: 'pinned answer' },
} as const satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof messages;

/** Looks up a user-facing text and fills `{name}` placeholders. */
export function message(key: MessageKey, language: Language, values: Record<string, string | number> = {}): string {
  const template: string = messages[key][language] || messages[key].vi;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Keys with a `.one` form for a count of exactly one (English singular). */
type CountedKey = 'report.hits' | 'report.questions';

/** A text with a count, in the form its number needs ("1 question", "2 questions"); `{count}` is filled by `format`. */
export function countMessage(key: CountedKey, language: Language, count: number, format: (value: number) => string = String): string {
  return message(count === 1 ? `${key}.one` : key, language, { count: format(count) });
}

/** The polite refusal text for a reason. */
export function refusalMessage(reason: RefusalReason, language: Language, values: Record<string, string | number> = {}): string {
  return message(`refusal.${reason}`, language, values);
}

/** The short text a user sees for an error; details go to the log only. */
export function errorMessage(code: ErrorCode, language: Language): string {
  return message(`error.${code}`, language);
}
