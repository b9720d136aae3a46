import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshots, seriousViolations, startBot, startWardSite, type ServedBot } from './browser-kit.js';

const PLACE = 'phường Đông Hải, tỉnh Thanh Hóa';
const PASSWORD = 'mat-khau-phuong-dong-hai';
const PINNED_QUESTION = 'Giờ làm việc của bộ phận một cửa?';
const PINNED_ANSWER = 'Bộ phận một cửa làm việc từ 7 giờ 30 đến 17 giờ, thứ Hai đến thứ Sáu.';
const UNANSWERED = 'Lịch thu gom rác thải sinh hoạt thế nào?';
const CURATED = 'Rác sinh hoạt được thu gom lúc 18 giờ hằng ngày.';
const COMMENT = 'Cảm ơn, rất rõ ràng';

let bot: ServedBot;
let wardSite: Awaited<ReturnType<typeof startWardSite>>;
let otherSite: Awaited<ReturnType<typeof startWardSite>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
const requested: string[] = [];

beforeAll(async () => {
  let botUrl = '';
  wardSite = await startWardSite(PLACE, () => botUrl);
  otherSite = await startWardSite(PLACE, () => botUrl);
  bot = await startBot('test/fixtures/facts-wards', { ADMIN_PASSWORD: PASSWORD, ALLOWED_ORIGINS: wardSite.origin });
  botUrl = bot.url;
  browser = await launchBrowser();
  context = browser.context;
  context.on('request', (request) => requested.push(request.url()));
});

afterAll(async () => {
  await browser?.close();
  await bot?.stop();
  await wardSite?.stop();
  await otherSite?.stop();
});

/** The widget's panel on a ward site page, opened. */
async function openWidget(page: Page, origin: string): Promise<Locator> {
  await page.goto(`${origin}/`);
  const launcher = page.getByRole('button', { name: 'Hỏi Phường' });
  await launcher.click();
  const panel = page.locator('[data-hoiphuong-widget] .hp-panel');
  await panel.getByLabel('Câu hỏi của bạn').waitFor();
  return panel;
}

/** Asks in a chat (page or widget) and waits for that question's answer. */
async function ask(chat: Locator, question: string): Promise<Locator> {
  const before = await chat.locator('.hp-turn').count();
  await chat.getByLabel('Câu hỏi của bạn').fill(question);
  await chat.getByRole('button', { name: 'Gửi', exact: true }).click();
  const turn = chat.locator('.hp-turn').nth(before);
  await turn.waitFor();
  return turn;
}

async function logIn(page: Page): Promise<void> {
  await page.goto(`${bot.url}/admin`);
  // The browser keeps its session cookie between tests.
  if (!page.url().includes('/admin/login')) return;
  await page.getByLabel('Tên đăng nhập').fill('admin');
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { level: 1, name: 'Báo cáo' }).waitFor();
}

describe('staff console and widget in Chromium', () => {
  it('logs in, pins an answer, serves it through the widget on a ward site, and takes a rating with a comment', async () => {
    const staff = await context.newPage();
    await logIn(staff);
    await staff.getByRole('link', { name: 'Câu trả lời ghim' }).click();
    await staff.getByLabel('Câu hỏi', { exact: true }).fill(PINNED_QUESTION);
    await staff.getByLabel('Câu trả lời', { exact: true }).fill(PINNED_ANSWER);
    await staff.getByLabel('Xem lại trước ngày').fill('2027-06-30');
    await staff.getByRole('button', { name: 'Lưu' }).click();
    await staff.getByRole('status').filter({ hasText: 'Đã lưu.' }).waitFor();
    expect(await staff.locator('tbody tr').first().textContent()).toContain('30/06/2027');

    const resident = await context.newPage();
    const widget = await openWidget(resident, wardSite.origin);
    // While the answer is on its way, send is disabled and a spinner says so.
    let waitingState: { disabled: boolean; status: string } | undefined;
    await resident.route('**/api/ask', async (route) => {
      waitingState = {
        disabled: await widget.getByRole('button', { name: 'Gửi', exact: true }).isDisabled(),
        status: (await widget.locator('form [role=status]').textContent()) ?? '',
      };
      await route.continue();
    });
    const turn = await ask(widget, PINNED_QUESTION);
    await resident.unroute('**/api/ask');
    expect(waitingState).toEqual({ disabled: true, status: 'Đang tìm câu trả lời…' });
    expect(await widget.getByRole('button', { name: 'Gửi', exact: true }).isDisabled()).toBe(false);
    expect(await turn.locator('.hp-answer').textContent()).toBe(PINNED_ANSWER);
    expect(await turn.locator('.hp-badge').textContent()).toBe('Câu trả lời do cán bộ phường ghim');

    await turn.getByRole('button', { name: '👍 Hữu ích' }).click();
    await turn.getByLabel('Góp ý thêm (không bắt buộc)').fill(COMMENT);
    await turn.getByRole('button', { name: 'Gửi góp ý' }).click();
    await turn.getByText('Cảm ơn bạn đã góp ý!').waitFor();
    expect(await turn.getByRole('button', { name: '👍 Hữu ích' }).getAttribute('aria-pressed')).toBe('true');
    await screenshots(resident, 'widget-answer');
    expect(await seriousViolations(resident)).toEqual([]);

    // The history stays for the browser session.
    await resident.reload();
    await resident.getByRole('button', { name: 'Hỏi Phường' }).click();
    await widget.locator('.hp-turn', { hasText: PINNED_QUESTION }).waitFor();

    await staff.goto(`${bot.url}/admin/questions?vote=up`);
    const row = staff.locator('tbody tr', { hasText: PINNED_QUESTION });
    expect(await row.textContent()).toContain(COMMENT);
    expect(await row.textContent()).toContain(PLACE);
    await screenshots(staff, 'admin-questions');
    expect(await seriousViolations(staff)).toEqual([]);
    await resident.close();
    await staff.close();
  });

  it('turns an unanswered question into a pin from the answer log, served on the next ask', async () => {
    const resident = await context.newPage();
    const widget = await openWidget(resident, wardSite.origin);
    const refused = await ask(widget, UNANSWERED);
    expect(await refused.locator('.hp-answer').getAttribute('class')).toContain('hp-refused');

    const staff = await context.newPage();
    await logIn(staff);
    await staff.goto(`${bot.url}/admin/questions?outcome=refused`);
    await staff.locator('tbody tr', { hasText: UNANSWERED }).getByRole('link', { name: /Ghim câu trả lời cho câu này/ }).click();
    expect(await staff.getByLabel('Câu hỏi', { exact: true }).inputValue()).toBe(UNANSWERED);
    await staff.getByLabel('Câu trả lời', { exact: true }).fill(CURATED);
    await staff.getByRole('button', { name: 'Lưu' }).click();
    await staff.getByRole('status').filter({ hasText: 'Đã lưu.' }).waitFor();

    const again = await ask(widget, UNANSWERED);
    expect(await again.locator('.hp-answer').textContent()).toBe(CURATED);

    await staff.goto(`${bot.url}/admin/audit`);
    expect(await staff.locator('tbody').textContent()).toContain(UNANSWERED);
    await resident.close();
    await staff.close();
  });

  it('shows the chat page with a ward picker, suggested questions and dates as 15/08/2025', async () => {
    const page = await context.newPage();
    await page.goto(`${bot.url}/`);
    const picker = page.getByLabel('Phường/xã');
    await picker.locator('option', { hasText: PLACE }).waitFor({ state: 'attached' });
    await picker.selectOption(PLACE);
    const suggestion = page.locator('.hp-suggestions button').first();
    await suggestion.waitFor();
    const question = (await suggestion.textContent())!;
    expect(question).toMatch(/tỉnh Thanh Hóa/);
    await suggestion.click();
    const turn = page.locator('.hp-turn').first();
    await turn.locator('.hp-sources').waitFor();
    expect(await turn.locator('.hp-sources').textContent()).toMatch(/\(\d{2}\/\d{2}\/20\d{2}\)/);
    expect(await turn.getByRole('button', { name: '👎 Chưa đúng' }).isVisible()).toBe(true);
    const box = await page.getByRole('button', { name: 'Gửi', exact: true }).boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await screenshots(page, 'chat-page');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('passes the accessibility check on every console page, in Vietnamese and English', async () => {
    const staff = await context.newPage();
    await logIn(staff);
    for (const path of ['/admin/report', '/admin/pins', '/admin/articles', '/admin/facts', '/admin/settings', '/admin/audit', '/admin/questions?lang=en']) {
      await staff.goto(`${bot.url}${path}`);
      expect({ path, violations: await seriousViolations(staff) }).toEqual({ path, violations: [] });
      await screenshots(staff, `admin${path.replace(/[/?=]/g, '-')}`);
    }
    expect(await staff.getByRole('heading', { level: 1 }).textContent()).toBe('Questions');
    const settings = await (await staff.goto(`${bot.url}/admin/settings`))!.text();
    expect(settings).not.toContain(PASSWORD);
    await staff.close();
  });

  it('hides a fact staff mark wrong from the fact sheet API', async () => {
    const staff = await context.newPage();
    await logIn(staff);
    // The people the API lists as office holders now.
    const sheet = async () => {
      const body = (await (await fetch(`${bot.url}/api/facts?place=${encodeURIComponent(PLACE)}`)).json()) as { places: Array<{ offices: Array<{ holders: Array<{ person: string }> }> }> };
      return body.places.flatMap((place) => place.offices.flatMap((office) => office.holders.map((holder) => holder.person)));
    };
    // The English switch of the previous test is remembered; back to Vietnamese.
    await staff.goto(`${bot.url}/admin/facts?lang=vi&place=${encodeURIComponent(PLACE)}`);
    const fact = staff.locator('li.card').first();
    const person = (await fact.locator('p').first().textContent())!.split(':')[1]!.split('—')[0]!.trim();
    expect(await sheet()).toContain(person);
    await fact.getByLabel('Ghi chú').fill('Đã chuyển công tác');
    await fact.getByRole('button', { name: /Đánh dấu sai/ }).click();
    await staff.getByText('Đã chuyển công tác').waitFor();
    expect(await sheet()).not.toContain(person);
    await staff.close();
  });

  it('keeps a page of an origin not in ALLOWED_ORIGINS from calling the API', async () => {
    const page = await context.newPage();
    const widget = await openWidget(page, otherSite.origin);
    const turn = await ask(widget, PINNED_QUESTION);
    expect(await turn.locator('.hp-answer').textContent()).toBe('Không kết nối được máy chủ. Vui lòng thử lại.');
    const direct = await page.evaluate(async (url) => {
      try {
        await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'Ai là bí thư?' }) });
        return 'read the answer';
      } catch (error) {
        return `blocked: ${String(error)}`;
      }
    }, bot.url);
    expect(direct).toMatch(/^blocked: TypeError/);
    await page.close();
  });

  it('sent no request beyond 127.0.0.1', () => {
    expect(requested.length).toBeGreaterThan(10);
    const outside = requested.filter((url) => {
      if (url.startsWith('data:') || url.startsWith('about:')) return false;
      return new URL(url).hostname !== '127.0.0.1';
    });
    expect(outside).toEqual([]);
  });
});
