import { displayDate } from '../../core/display-date.js';
import { message } from '../../core/messages.js';
import { relatedPassagesHtml } from './related-html.js';

/** The related passages' heading in each language, from the one message table. */
const RELATED_HEADINGS = JSON.stringify({ vi: message('answer.related', 'vi'), en: message('answer.related', 'en') });

/**
 * The minimal web chat served at `/`: type a question, read the answer and its sources (or, when the bot is unsure,
 * the passages that may help). The page keeps one conversation id for the browser session, so follow-ups ("còn phó
 * chủ tịch?") continue it; an ambiguous place comes with clickable choices, and "Cuộc trò chuyện mới" starts over.
 * Self-contained, no scripts from elsewhere.
 */
export const chatPage = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hỏi Phường</title>
<style>
  :root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; }
  body { max-width: 46rem; margin: 0 auto; padding: 1rem; }
  h1 { font-size: 1.4rem; margin: 0.5rem 0; }
  p.hint { color: #57606a; margin-top: 0; }
  form { display: flex; gap: 0.5rem; }
  input[type=text] { flex: 1; padding: 0.6rem; font-size: 1rem; border: 1px solid #d0d7de; border-radius: 6px; }
  button { padding: 0.6rem 1rem; font-size: 1rem; border-radius: 6px; border: 1px solid #1f6feb; background: #1f6feb; color: #fff; cursor: pointer; }
  button.vote { background: #fff; color: #1f2328; border-color: #d0d7de; padding: 0.2rem 0.6rem; }
  .turn { margin: 1rem 0; padding: 0.8rem; border: 1px solid #d0d7de; border-radius: 8px; }
  .question { font-weight: 600; }
  .answer { white-space: pre-wrap; margin: 0.5rem 0; }
  .refused { color: #9a6700; }
  .badge { font-size: 0.8rem; background: #ddf4ff; padding: 0.1rem 0.4rem; border-radius: 4px; }
  ol.sources { margin: 0.3rem 0 0; padding-left: 1.3rem; font-size: 0.92rem; }
  section.related { margin-top: 0.6rem; padding: 0.5rem 0.8rem; background: #f6f8fa; border-left: 3px solid #8c959f; border-radius: 4px; font-size: 0.92rem; }
  section.related h2 { font-size: 0.95rem; margin: 0 0 0.3rem; color: #57606a; }
  section.related ol { margin: 0; padding-left: 1.3rem; }
  section.related blockquote { margin: 0.2rem 0 0.5rem; color: #424a53; font-style: italic; white-space: pre-wrap; }
  section.related .date { color: #57606a; }
  .choices { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-top: 0.4rem; }
  button.choice { background: #fff; color: #1f6feb; padding: 0.3rem 0.7rem; font-size: 0.95rem; }
  button.reset { background: #fff; color: #57606a; border-color: #d0d7de; font-size: 0.85rem; padding: 0.3rem 0.7rem; margin-top: 0.5rem; }
</style>
</head>
<body>
<h1>Hỏi Phường</h1>
<p class="hint">Hỏi về phường/xã của bạn — câu trả lời trích từ bài viết của địa phương, kèm nguồn. Ví dụ: “Bí thư Đảng ủy phường là ai?”</p>
<form id="ask">
  <input type="text" id="question" name="question" autocomplete="off" required maxlength="500" placeholder="Nhập câu hỏi…" aria-label="Câu hỏi">
  <button type="submit">Hỏi</button>
</form>
<button type="button" class="reset" id="reset">Cuộc trò chuyện mới</button>
<div id="log" aria-live="polite"></div>
<script>
${displayDate.toString()}
${relatedPassagesHtml.toString()}
const RELATED_HEADINGS = ${RELATED_HEADINGS};
const form = document.getElementById('ask');
const input = document.getElementById('question');
const log = document.getElementById('log');
// Only http(s) addresses become links: a javascript: or data: URL would run in the reader's browser.
function isWebAddress(value) {
  if (typeof value !== 'string') return false;
  try { const url = new URL(value); return url.protocol === 'http:' || url.protocol === 'https:'; } catch { return false; }
}
function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
async function vote(answerId, value, holder) {
  const response = await fetch('/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answerId, vote: value }) });
  holder.textContent = response.ok ? 'Cảm ơn bạn đã góp ý!' : 'Chưa ghi nhận được góp ý.';
}
function newConversationId() {
  const id = (self.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(36).slice(2);
  sessionStorage.setItem('hoiphuong-conversation', id);
  return id;
}
let conversationId = sessionStorage.getItem('hoiphuong-conversation') || newConversationId();
document.getElementById('reset').addEventListener('click', () => {
  conversationId = newConversationId();
  log.prepend(element('div', 'turn hint', 'Đã bắt đầu cuộc trò chuyện mới.'));
});
async function ask(question) {
  const turn = element('div', 'turn');
  turn.append(element('div', 'question', question));
  const answer = element('div', 'answer', 'Đang tìm…');
  turn.append(answer);
  log.prepend(turn);
  try {
    const response = await fetch('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question, channel: 'web', conversationId }) });
    const result = await response.json();
    if (!response.ok) { answer.textContent = result.error || 'Có lỗi xảy ra.'; answer.classList.add('refused'); return; }
    answer.textContent = result.answer;
    if (!result.answered) answer.classList.add('refused');
    if (result.mode === 'pinned') turn.insertBefore(element('span', 'badge', 'Câu trả lời do điều hành viên ghim'), answer);
    if (result.choices && result.choices.length) {
      const choices = element('div', 'choices');
      result.choices.forEach((label, index) => {
        const button = element('button', 'choice', (index + 1) + '. ' + label);
        button.type = 'button';
        button.onclick = () => { for (const other of choices.querySelectorAll('button')) other.disabled = true; ask(String(index + 1)); };
        choices.append(button);
      });
      turn.append(choices);
    }
    if (result.citations && result.citations.length) {
      const list = element('ol', 'sources');
      for (const citation of result.citations) {
        const item = element('li');
        const link = element('a', '', citation.title || citation.id);
        if (isWebAddress(citation.url)) { link.href = citation.url; link.target = '_blank'; link.rel = 'noopener'; }
        item.append(link);
        if (citation.published) item.append(' (' + citation.published + ')');
        list.append(item);
      }
      turn.append(list);
    }
    const related = relatedPassagesHtml(result, RELATED_HEADINGS[result.language] || RELATED_HEADINGS.vi, displayDate);
    if (related) turn.insertAdjacentHTML('beforeend', related);
    if (result.answerId) {
      const holder = element('div');
      const up = element('button', 'vote', '👍');
      const down = element('button', 'vote', '👎');
      up.type = down.type = 'button';
      up.onclick = () => vote(result.answerId, 'up', holder);
      down.onclick = () => vote(result.answerId, 'down', holder);
      holder.append(up, ' ', down);
      turn.append(holder);
    }
  } catch (error) {
    answer.textContent = 'Không kết nối được máy chủ. Vui lòng thử lại.';
    answer.classList.add('refused');
  }
}
form.addEventListener('submit', (event) => {
  event.preventDefault();
  const question = input.value.trim();
  if (!question) return;
  input.value = '';
  ask(question);
});
</script>
</body>
</html>
`;
