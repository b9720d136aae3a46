import { displayDate } from '../../../core/display-date.js';
import { message } from '../../../core/messages.js';
import { relatedPassagesHtml } from '../related-html.js';

/** The related passages' heading in each language, from the one message table. */
const RELATED_HEADINGS = JSON.stringify({ vi: message('answer.related', 'vi'), en: message('answer.related', 'en') });

/** The words of the chat, in Vietnamese and English. */
const CHAT_TEXT = JSON.stringify({
  vi: {
    title: 'Hỏi Phường',
    intro: 'Hỏi về phường/xã của bạn — câu trả lời trích từ bài viết của địa phương, kèm nguồn.',
    place: 'Phường/xã',
    anyPlace: 'Chọn phường/xã…',
    suggestions: 'Câu hỏi gợi ý',
    question: 'Câu hỏi của bạn',
    placeholder: 'Ví dụ: Bí thư Đảng ủy phường là ai?',
    send: 'Gửi',
    waiting: 'Đang tìm câu trả lời…',
    reset: 'Cuộc trò chuyện mới',
    resetDone: 'Đã bắt đầu cuộc trò chuyện mới.',
    pinned: 'Câu trả lời do cán bộ phường ghim',
    sources: 'Nguồn',
    helpful: '👍 Hữu ích',
    notHelpful: '👎 Chưa đúng',
    rateLabel: 'Câu trả lời này có hữu ích không?',
    comment: 'Góp ý thêm (không bắt buộc)',
    sendComment: 'Gửi góp ý',
    thanks: 'Cảm ơn bạn đã góp ý!',
    feedbackFailed: 'Chưa ghi nhận được góp ý, vui lòng thử lại.',
    failed: 'Không kết nối được máy chủ. Vui lòng thử lại.',
    error: 'Có lỗi xảy ra.',
    you: 'Bạn hỏi',
    bot: 'Trả lời',
  },
  en: {
    title: 'Hỏi Phường',
    intro: "Ask about your ward — answers quote the ward's own articles, with sources.",
    place: 'Ward',
    anyPlace: 'Choose a ward…',
    suggestions: 'Suggested questions',
    question: 'Your question',
    placeholder: 'e.g. Who is the ward party secretary?',
    send: 'Send',
    waiting: 'Looking for the answer…',
    reset: 'New conversation',
    resetDone: 'A new conversation has started.',
    pinned: 'Answer pinned by ward staff',
    sources: 'Sources',
    helpful: '👍 Helpful',
    notHelpful: '👎 Not right',
    rateLabel: 'Was this answer helpful?',
    comment: 'Anything to add? (optional)',
    sendComment: 'Send comment',
    thanks: 'Thank you for your feedback!',
    feedbackFailed: 'Your feedback was not saved; please try again.',
    failed: 'Could not reach the server. Please try again.',
    error: 'Something went wrong.',
    you: 'You asked',
    bot: 'Answer',
  },
});

/** The chat's look, shared by the page and the widget's shadow root: 44 px touch targets, visible focus, readable contrast. */
export const chatStyles = `
  .hp-chat { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; font-size: 16px; line-height: 1.45; }
  .hp-chat h2 { font-size: 1.2rem; margin: 0 0 0.3rem; }
  .hp-chat p.hp-hint { color: #4b535d; margin: 0 0 0.6rem; }
  .hp-chat label { display: block; font-weight: 600; margin: 0.4rem 0 0.2rem; }
  .hp-chat select, .hp-chat input[type=text], .hp-chat textarea { box-sizing: border-box; width: 100%; min-height: 44px; padding: 0.5rem; font: inherit; border: 1px solid #6e7781; border-radius: 6px; background: #fff; color: #1f2328; }
  .hp-chat button { min-height: 44px; min-width: 44px; padding: 0.5rem 0.9rem; font: inherit; border-radius: 6px; border: 1px solid #0b5cd5; background: #0b5cd5; color: #fff; cursor: pointer; }
  .hp-chat button.hp-light { background: #fff; color: #0a4fb8; }
  .hp-chat button[disabled] { opacity: 0.6; cursor: wait; }
  .hp-chat button[aria-pressed=true] { background: #0a4fb8; color: #fff; }
  .hp-chat :focus-visible { outline: 3px solid #bf8700; outline-offset: 2px; }
  .hp-chat .hp-row { display: flex; gap: 0.5rem; align-items: flex-end; }
  .hp-chat .hp-row > div { flex: 1; }
  .hp-chat .hp-suggestions { display: flex; flex-wrap: wrap; gap: 0.4rem; margin: 0.3rem 0 0.6rem; padding: 0; list-style: none; }
  .hp-chat .hp-log { margin: 0.6rem 0; }
  .hp-chat .hp-turn { margin: 0.6rem 0; padding: 0.7rem; border: 1px solid #d0d7de; border-radius: 8px; }
  .hp-chat .hp-question { font-weight: 600; margin: 0; }
  .hp-chat .hp-answer { white-space: pre-wrap; margin: 0.4rem 0; }
  .hp-chat .hp-refused { color: #7d4e00; }
  .hp-chat .hp-badge { display: inline-block; font-size: 0.85rem; background: #ddf4ff; color: #0a3069; padding: 0.1rem 0.4rem; border-radius: 4px; }
  .hp-chat ol.hp-sources { margin: 0.3rem 0 0; padding-left: 1.3rem; font-size: 0.95rem; }
  .hp-chat a { color: #0a4fb8; }
  .hp-chat section.related { margin-top: 0.6rem; padding: 0.5rem 0.8rem; background: #f6f8fa; border-left: 3px solid #6e7781; border-radius: 4px; font-size: 0.95rem; }
  .hp-chat section.related h2 { font-size: 1rem; margin: 0 0 0.3rem; color: #4b535d; }
  .hp-chat section.related blockquote { margin: 0.2rem 0 0.5rem; color: #32383f; font-style: italic; white-space: pre-wrap; }
  .hp-chat .hp-feedback { margin-top: 0.5rem; }
  .hp-chat .hp-feedback fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: center; }
  .hp-chat .hp-feedback legend { padding: 0; margin-bottom: 0.3rem; font-size: 0.95rem; color: #4b535d; }
  .hp-chat .hp-status { min-height: 1.2rem; margin: 0.3rem 0; color: #4b535d; }
  .hp-chat .hp-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .hp-chat .hp-spinner { display: inline-block; width: 1rem; height: 1rem; border: 3px solid #d0d7de; border-top-color: #0b5cd5; border-radius: 50%; animation: hp-spin 0.8s linear infinite; vertical-align: middle; margin-right: 0.4rem; }
  @keyframes hp-spin { to { transform: rotate(360deg); } }
  @media (prefers-reduced-motion: reduce) { .hp-chat .hp-spinner { animation: none; } }
  .hp-chat .hp-choices { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-top: 0.4rem; }
`;

/**
 * The chat's browser code, shared by the page (`/chat.js`) and the widget (`/widget.js`, inside its shadow root):
 * `mountChat(container, options)` builds a ward picker (the indexed places), suggested questions drawn from the
 * articles' facts, a question box whose send button is disabled with a spinner while waiting, and the history of the
 * browser session (sessionStorage, with the conversation id), each answer with labelled 👍/👎 buttons and an optional
 * comment. Dates read 15/08/2025. Only http(s) addresses become links.
 *
 * It starts with self-contained helpers (the same functions the server uses, embedded) up to the line
 * `// -- user interface --`, so tests can run those helpers exactly as shipped.
 */
export const chatScript = `${displayDate.toString()}
${relatedPassagesHtml.toString()}
const RELATED_HEADINGS = ${RELATED_HEADINGS};
const CHAT_TEXT = ${CHAT_TEXT};
// Only http(s) addresses become links: a javascript: or data: URL would run in the reader's browser.
function isWebAddress(value) {
  if (typeof value !== 'string') return false;
  try { const url = new URL(value); return url.protocol === 'http:' || url.protocol === 'https:'; } catch { return false; }
}
// -- user interface --
function mountChat(container, options) {
  const text = CHAT_TEXT[options.language] || CHAT_TEXT.vi;
  const apiBase = options.apiBase || '';
  const storageKey = options.storageKey || 'hoiphuong-chat';
  const doc = container.ownerDocument || document;
  function element(tag, className, content) {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }
  function load() {
    try { return JSON.parse(sessionStorage.getItem(storageKey) || 'null') || {}; } catch { return {}; }
  }
  function newId() {
    return (self.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(36).slice(2);
  }
  const state = load();
  if (!state.conversationId) state.conversationId = newId();
  if (!Array.isArray(state.turns)) state.turns = [];
  if (options.place) state.place = options.place;
  else if (!state.place && options.preselect) state.place = options.preselect;
  function save() {
    try { sessionStorage.setItem(storageKey, JSON.stringify({ conversationId: state.conversationId, place: state.place || '', turns: state.turns.slice(-30) })); } catch {}
  }
  save();

  const root = element('div', 'hp-chat');
  root.setAttribute('lang', options.language === 'en' ? 'en' : 'vi');
  const heading = element('h2', options.hideTitle ? 'hp-sr-only' : '', text.title);
  heading.id = 'hp-title';
  root.append(heading, element('p', 'hp-hint', text.intro));

  const placeLabel = element('label', '', text.place);
  placeLabel.htmlFor = 'hp-place';
  const placeSelect = element('select');
  placeSelect.id = 'hp-place';
  placeSelect.name = 'place';
  const anyOption = element('option', '', text.anyPlace);
  anyOption.value = '';
  placeSelect.append(anyOption);
  if (state.place) { const option = element('option', '', state.place); option.value = state.place; placeSelect.append(option); placeSelect.value = state.place; }
  if (options.place) { placeSelect.disabled = true; }
  root.append(placeLabel, placeSelect);

  const suggestionsHeading = element('p', 'hp-hint', text.suggestions);
  suggestionsHeading.id = 'hp-suggestions-title';
  suggestionsHeading.hidden = true;
  const suggestions = element('ul', 'hp-suggestions');
  suggestions.setAttribute('aria-labelledby', 'hp-suggestions-title');
  root.append(suggestionsHeading, suggestions);

  const log = element('div', 'hp-log');
  log.setAttribute('role', 'log');
  log.setAttribute('aria-live', 'polite');
  log.setAttribute('aria-label', text.title);
  root.append(log);

  const form = element('form');
  const questionLabel = element('label', '', text.question);
  questionLabel.htmlFor = 'hp-question';
  const input = element('input');
  input.type = 'text';
  input.id = 'hp-question';
  input.name = 'question';
  input.autocomplete = 'off';
  input.required = true;
  input.maxLength = 500;
  input.placeholder = text.placeholder;
  const send = element('button', '', text.send);
  send.type = 'submit';
  const row = element('div', 'hp-row');
  const field = element('div');
  field.append(questionLabel, input);
  row.append(field, send);
  const status = element('p', 'hp-status');
  status.setAttribute('role', 'status');
  const reset = element('button', 'hp-light', text.reset);
  reset.type = 'button';
  form.append(row, status);
  root.append(form, reset);
  container.append(root);

  function showSuggestions(list) {
    suggestions.textContent = '';
    suggestionsHeading.hidden = !list.length;
    for (const question of list.slice(0, 4)) {
      const item = element('li');
      const button = element('button', 'hp-light', question);
      button.type = 'button';
      button.onclick = () => ask(question);
      item.append(button);
      suggestions.append(item);
    }
  }
  async function loadSuggestions() {
    const place = state.place || '';
    if (!place) { showSuggestions([]); return; }
    try {
      const response = await fetch(apiBase + '/api/suggestions?place=' + encodeURIComponent(place));
      const result = await response.json();
      showSuggestions(response.ok && Array.isArray(result.questions) ? result.questions : []);
    } catch { showSuggestions([]); }
  }
  async function loadPlaces() {
    try {
      const response = await fetch(apiBase + '/api/places');
      const result = await response.json();
      if (!response.ok || !Array.isArray(result.places)) return;
      for (const label of result.places) {
        if (label === state.place) continue;
        const option = element('option', '', label);
        option.value = label;
        placeSelect.append(option);
      }
    } catch {}
  }
  placeSelect.addEventListener('change', () => { state.place = placeSelect.value; save(); loadSuggestions(); });

  async function postFeedback(turn, vote, comment) {
    const body = { answerId: turn.result.answerId, vote };
    if (comment) body.comment = comment;
    const response = await fetch(apiBase + '/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return response.ok;
  }
  function feedbackBlock(turn, index) {
    const holder = element('div', 'hp-feedback');
    const group = element('fieldset');
    const legend = element('legend', '', text.rateLabel);
    const up = element('button', 'hp-light', text.helpful);
    const down = element('button', 'hp-light', text.notHelpful);
    up.type = down.type = 'button';
    const said = element('p', 'hp-status');
    said.setAttribute('role', 'status');
    const commentId = 'hp-comment-' + index;
    const commentLabel = element('label', '', text.comment);
    commentLabel.htmlFor = commentId;
    const comment = element('textarea');
    comment.id = commentId;
    comment.rows = 2;
    comment.maxLength = 2000;
    const sendComment = element('button', 'hp-light', text.sendComment);
    sendComment.type = 'button';
    const commentBox = element('div');
    commentBox.append(commentLabel, comment, sendComment);
    commentBox.hidden = !turn.vote;
    const mark = () => { up.setAttribute('aria-pressed', String(turn.vote === 'up')); down.setAttribute('aria-pressed', String(turn.vote === 'down')); };
    mark();
    const choose = async (vote) => {
      turn.vote = vote; mark(); save();
      commentBox.hidden = false;
      try { said.textContent = (await postFeedback(turn, vote)) ? text.thanks : text.feedbackFailed; } catch { said.textContent = text.feedbackFailed; }
    };
    up.onclick = () => choose('up');
    down.onclick = () => choose('down');
    sendComment.onclick = async () => {
      const value = comment.value.trim();
      if (!value || !turn.vote) return;
      sendComment.disabled = true;
      try {
        const ok = await postFeedback(turn, turn.vote, value);
        said.textContent = ok ? text.thanks : text.feedbackFailed;
        if (ok) { turn.comment = value; save(); comment.value = ''; }
      } catch { said.textContent = text.feedbackFailed; }
      sendComment.disabled = false;
    };
    group.append(legend, up, down);
    holder.append(group, commentBox, said);
    return holder;
  }
  function render(turn, index) {
    const box = element('article', 'hp-turn');
    box.setAttribute('aria-label', text.you + ': ' + turn.question);
    box.append(element('p', 'hp-question', turn.question));
    const answer = element('p', 'hp-answer');
    box.append(answer);
    const result = turn.result;
    if (!result) {
      answer.textContent = turn.error || text.error;
      answer.classList.add('hp-refused');
      return box;
    }
    answer.textContent = result.answer;
    if (!result.answered) answer.classList.add('hp-refused');
    if (result.mode === 'pinned') box.insertBefore(element('span', 'hp-badge', text.pinned), answer);
    if (result.choices && result.choices.length && index === state.turns.length - 1) {
      const choices = element('div', 'hp-choices');
      result.choices.forEach((label, number) => {
        const button = element('button', 'hp-light', (number + 1) + '. ' + label);
        button.type = 'button';
        button.onclick = () => { for (const other of choices.querySelectorAll('button')) other.disabled = true; ask(String(number + 1)); };
        choices.append(button);
      });
      box.append(choices);
    }
    if (result.citations && result.citations.length) {
      const list = element('ol', 'hp-sources');
      list.setAttribute('aria-label', text.sources);
      for (const citation of result.citations) {
        const item = element('li');
        const link = element('a', '', citation.title || citation.id);
        if (isWebAddress(citation.url)) { link.href = citation.url; link.target = '_blank'; link.rel = 'noopener'; }
        item.append(link);
        if (citation.published) item.append(' (' + displayDate(citation.published) + ')');
        list.append(item);
      }
      box.append(list);
    }
    const related = relatedPassagesHtml(result, RELATED_HEADINGS[result.language] || RELATED_HEADINGS.vi, displayDate);
    if (related) box.insertAdjacentHTML('beforeend', related);
    if (result.answerId) box.append(feedbackBlock(turn, index));
    return box;
  }
  function renderAll() {
    log.textContent = '';
    state.turns.forEach((turn, index) => log.append(render(turn, index)));
  }
  function setWaiting(waiting) {
    send.disabled = waiting;
    input.readOnly = waiting;
    form.setAttribute('aria-busy', String(waiting));
    status.textContent = '';
    if (waiting) { status.append(element('span', 'hp-spinner'), text.waiting); }
  }
  async function ask(question) {
    if (send.disabled) return;
    setWaiting(true);
    const turn = { question };
    try {
      const body = { question, channel: 'web', conversationId: state.conversationId };
      if (state.place) body.place = state.place;
      if (options.language === 'en') body.language = 'en';
      const response = await fetch(apiBase + '/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const result = await response.json();
      if (response.ok) turn.result = result; else turn.error = result.error || text.error;
    } catch { turn.error = text.failed; }
    state.turns.push(turn);
    save();
    renderAll();
    setWaiting(false);
    const last = log.lastElementChild;
    if (last && last.scrollIntoView) last.scrollIntoView({ block: 'nearest' });
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question || send.disabled) return;
    input.value = '';
    ask(question);
  });
  reset.addEventListener('click', () => {
    state.conversationId = newId();
    state.turns = [];
    save();
    renderAll();
    status.textContent = text.resetDone;
  });
  renderAll();
  loadPlaces();
  loadSuggestions();
  return { ask };
}
`;
