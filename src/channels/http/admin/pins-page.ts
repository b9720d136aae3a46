import { displayDate, displayTime } from '../../../core/display-date.js';
import { toChatbotError } from '../../../core/errors.js';
import type { NewPin, Pin } from '../../../core/ports.js';
import type { HttpResponse } from '../http-route.js';
import type { ConsoleRequest } from './console-context.js';
import { consolePage, csrfField, escapeHtml } from './console-html.js';
import { html, redirect } from './console-session.js';

interface PinDraft {
  id?: string;
  question: string;
  alternatives: string;
  answer: string;
  reviewBy: string;
}

function pinForm(context: ConsoleRequest, draft: PinDraft): string {
  const { t } = context;
  return `<form method="post" action="/admin/pins/save" class="card stack" aria-labelledby="pin-form-title">
<h2 id="pin-form-title">${draft.id ? t('editPin') : t('newPin')}</h2>
${csrfField(context.view)}${draft.id ? `<input type="hidden" name="id" value="${escapeHtml(draft.id)}">` : ''}
<div><label for="pin-question">${t('question')}</label><input type="text" id="pin-question" name="question" required maxlength="500" value="${escapeHtml(draft.question)}"></div>
<div><label for="pin-alternatives">${t('alternatives')}</label><textarea id="pin-alternatives" name="alternatives" rows="3">${escapeHtml(draft.alternatives)}</textarea></div>
<div><label for="pin-answer">${t('answer')}</label><textarea id="pin-answer" name="answer" required rows="5" maxlength="4000">${escapeHtml(draft.answer)}</textarea></div>
<div><label for="pin-review">${t('reviewBy')}</label><input type="date" id="pin-review" name="reviewBy" value="${escapeHtml(draft.reviewBy)}"></div>
<button type="submit">${t('save')}</button>
</form>`;
}

function pinRows(context: ConsoleRequest, pins: Pin[]): string {
  const { t, view, options } = context;
  if (pins.length === 0) return `<p>${t('none')}</p>`;
  const timeZone = options.store.zone;
  const rows = pins.map((pin) => {
    const overdue = options.store.pins.isReviewOverdue(pin);
    const alternatives = (pin.alternatives ?? []).map((text) => `<li>${escapeHtml(text)}</li>`).join('');
    return `<tr>
<td>${escapeHtml(pin.question)}${alternatives ? `<ul class="muted">${alternatives}</ul>` : ''}</td>
<td>${escapeHtml(pin.answer)}</td>
<td>${pin.reviewBy ? `${escapeHtml(displayDate(pin.reviewBy))}${overdue ? ` <strong>(${t('overdue')})</strong>` : ''}` : '–'}</td>
<td>${pin.hits}</td>
<td>${escapeHtml(pin.pinnedBy)}<br><span class="muted">${escapeHtml(displayTime(pin.createdAt, timeZone))}</span></td>
<td><a class="button light" href="/admin/pins?edit=${encodeURIComponent(pin.id)}" aria-label="${t('edit')}: ${escapeHtml(pin.question)}">${t('edit')}</a>
<form method="post" action="/admin/pins/remove">${csrfField(view)}<input type="hidden" name="id" value="${escapeHtml(pin.id)}"><button type="submit" class="danger" aria-label="${t('remove')}: ${escapeHtml(pin.question)}">${t('remove')}</button></form></td>
</tr>`;
  });
  return `<div class="table"><table><caption class="muted">${pins.length}</caption><thead><tr><th scope="col">${t('question')}</th><th scope="col">${t('answer')}</th><th scope="col">${t('reviewBy')}</th><th scope="col">${t('hits')}</th><th scope="col">${t('pinnedBy')}</th><th scope="col"><span class="muted">${t('edit')}</span></th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

async function pinsPage(context: ConsoleRequest, draft: PinDraft, notice?: { text: string; error?: boolean }, status = 200): Promise<HttpResponse> {
  const pins = await context.options.store.pins.list();
  pins.reverse();
  const body = `${pinForm(context, draft)}<h2>${context.t('pins')}</h2>${pinRows(context, pins)}`;
  return html(status, consolePage(context.view, context.t('pins'), body, notice));
}

/** `GET /admin/pins`: the pins (newest first) and a form: empty, a pin to edit (`?edit=ID`), or a logged question to answer (`?from=ANSWER_ID`). */
export async function showPins(context: ConsoleRequest): Promise<HttpResponse> {
  const { store } = context.options;
  const search = context.request.url.searchParams;
  const done = search.get('done');
  const notice = done === 'saved' ? { text: context.t('saved') } : done === 'removed' ? { text: context.t('removed') } : undefined;
  let draft: PinDraft = { question: '', alternatives: '', answer: '', reviewBy: '' };
  const editId = search.get('edit');
  const fromId = search.get('from');
  if (editId) {
    const pin = await store.pins.get(editId);
    if (!pin) return pinsPage(context, draft, { text: context.t('notFound'), error: true }, 404);
    draft = { id: pin.id, question: pin.question, alternatives: (pin.alternatives ?? []).join('\n'), answer: pin.answer, reviewBy: pin.reviewBy ?? '' };
  } else if (fromId) {
    const logged = await store.questions.get(fromId);
    if (logged) draft = { question: logged.question, alternatives: '', answer: logged.answered ? logged.answer : '', reviewBy: '' };
  } else if (search.get('question')) {
    draft = { ...draft, question: search.get('question')!.slice(0, 500), alternatives: (search.get('alternatives') ?? '').slice(0, 2000) };
  }
  return pinsPage(context, draft, notice);
}

/** `POST /admin/pins/save`: adds a pin, or changes the one `id` names; a bad field re-shows the form with the reason. */
export async function savePin(context: ConsoleRequest): Promise<HttpResponse> {
  const { form, options, view } = context;
  const id = form.get('id') ?? '';
  const draft: PinDraft = {
    ...(id ? { id } : {}),
    question: form.get('question') ?? '',
    alternatives: form.get('alternatives') ?? '',
    answer: form.get('answer') ?? '',
    reviewBy: (form.get('reviewBy') ?? '').trim(),
  };
  const pin: NewPin = {
    question: draft.question,
    alternatives: draft.alternatives.split(/\r?\n/).map((line) => line.trim()).filter(Boolean),
    answer: draft.answer,
    citations: [],
    pinnedBy: view.account,
    channel: 'web',
    ...(draft.reviewBy ? { reviewBy: draft.reviewBy } : {}),
  };
  try {
    const saved = id ? await options.store.pins.edit(id, pin) : await options.store.pins.add(pin);
    if (!saved) return pinsPage(context, draft, { text: context.t('notFound'), error: true }, 404);
    await options.store.admin.audit(view.account, id ? 'pin.edit' : 'pin.add', saved.question, `id ${saved.id}; ${saved.answer}`);
    return redirect('/admin/pins?done=saved');
  } catch (error) {
    const failure = toChatbotError(error);
    if (failure.code !== 'input-invalid') throw error;
    return pinsPage(context, draft, { text: failure.message, error: true }, 400);
  }
}

/** `POST /admin/pins/remove`: removes the pin `id` names. */
export async function removePin(context: ConsoleRequest): Promise<HttpResponse> {
  const id = context.form.get('id') ?? '';
  const pin = id ? await context.options.store.pins.get(id) : undefined;
  if (!pin || !(await context.options.store.pins.remove(id))) return pinsPage(context, { question: '', alternatives: '', answer: '', reviewBy: '' }, { text: context.t('notFound'), error: true }, 404);
  await context.options.store.admin.audit(context.view.account, 'pin.remove', pin.question, `id ${pin.id}; ${pin.answer}`);
  return redirect('/admin/pins?done=removed');
}
