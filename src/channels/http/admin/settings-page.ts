import { maskedSettings } from '../../../admin/masked-settings.js';
import { displayTime } from '../../../core/display-date.js';
import type { HttpResponse } from '../http-route.js';
import type { ConsoleRequest } from './console-context.js';
import { consolePage, escapeHtml } from './console-html.js';
import { html } from './console-session.js';

/** `GET /admin/settings`: every setting, read only, secrets shown only as set or not. */
export async function showSettings(context: ConsoleRequest): Promise<HttpResponse> {
  const { t, options, view } = context;
  const rows = maskedSettings(options.config)
    .map((setting) => `<tr><th scope="row"><code>${escapeHtml(setting.name)}</code></th><td>${escapeHtml(setting.value)}</td></tr>`)
    .join('');
  const accounts = (await options.store.admin.accounts()).map((account) => `<li>${escapeHtml(account.name)}</li>`).join('');
  const body = `<p class="muted">${t('settingsNote')}</p><div class="table"><table><thead><tr><th scope="col">${t('setting')}</th><th scope="col">${t('value')}</th></tr></thead><tbody>${rows}</tbody></table></div>
<h2>${t('account')}</h2><ul>${options.builtInPasswordHash ? '<li>admin (ADMIN_PASSWORD)</li>' : ''}${accounts}</ul>`;
  return html(200, consolePage(view, t('settings'), body));
}

/** `GET /admin/audit`: the latest changes made in the console and by `hoiphuong admin`, with who made them. */
export async function showAudit(context: ConsoleRequest): Promise<HttpResponse> {
  const { t, options, view } = context;
  const entries = await options.store.admin.auditLog(200);
  const rows = entries
    .map(
      (entry) =>
        `<tr><td>${escapeHtml(displayTime(entry.at, options.store.zone))}</td><td>${escapeHtml(entry.actor)}</td><td><code>${escapeHtml(entry.action)}</code></td><td>${escapeHtml(entry.target)}</td><td>${escapeHtml(entry.detail)}</td></tr>`,
    )
    .join('');
  const body = rows
    ? `<div class="table"><table><thead><tr><th scope="col">${t('time')}</th><th scope="col">${t('actor')}</th><th scope="col">${t('action')}</th><th scope="col">${t('target')}</th><th scope="col">${t('detail')}</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : `<p>${t('none')}</p>`;
  return html(200, consolePage(view, t('audit'), body));
}
