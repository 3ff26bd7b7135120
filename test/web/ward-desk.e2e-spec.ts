import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays } from '../../src/core/time/calendar-date';
import { createStaffedFacility, Staff, TEST_PASSWORD } from '../factories/people.factory';
import { registrationPayload, today } from '../factories/registration.factory';
import { bearer, loginWith } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { launchBrowser, listen, recordMetrics, screenshot, seriousViolations } from './browser';

/**
 * The ward desk (issue 16) driven as a nurse would, in Debian's Chromium against the real service
 * on the test database: typing, clicking and the keyboard, never the API behind the page's back.
 */
// A real browser: each step waits for the page, some for the service behind it.
jest.setTimeout(90_000);

describe('ward desk in the browser', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ward: Staff;
  let overdue: { name: string; documentNumber: string; pregnancyId: number };
  let screened: { name: string; documentNumber: string; pregnancyId: number };

  const register = async (lmpDaysAgo: number) => {
    const payload = registrationPayload({
      pregnancy: {
        lmp: addDays(today(), -lmpDaysAgo),
        registrationDate: addDays(today(), -lmpDaysAgo + 60),
      },
    });
    const { body } = await t
      .http()
      .post('/registrations')
      .set(bearer(ward.tokens.nurse))
      .send(payload)
      .expect(201);
    return {
      name: payload.woman.name as string,
      documentNumber: payload.woman.documentNumber as string,
      pregnancyId: body.pregnancy.id as number,
    };
  };

  const logIn = async (password = TEST_PASSWORD) => {
    await page.getByLabel('用户名').fill(ward.users.nurse.username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
  };

  beforeAll(async () => {
    t = await createTestApp();
    url = await listen(t);
    ward = await createStaffedFacility(t.dataSource, loginWith(t));
    // Registered at 8+4, never seen since: on the overdue list.
    overdue = await register(150);
    // Screened green at registration and seen regularly: her visits regrade her.
    screened = await register(100);
    await t
      .http()
      .post(`/pregnancies/${screened.pregnancyId}/risk-assessments`)
      .set(bearer(ward.tokens.nurse))
      .send({ kind: 'registration_screening', factorCodes: [], assessedOn: addDays(today(), -40) })
      .expect(201);
    browser = await launchBrowser();
    context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('logs in (a wrong password answered in Chinese) and opens the workbench', async () => {
    const started = Date.now();
    await page.goto(`${url}/`);
    await page.waitForURL(/\/app\/login$/);
    await screenshot(page, 'login');
    expect(await seriousViolations(page)).toEqual([]);

    await logIn('Wrong-Password-1');
    await page.getByRole('alert').getByText('用户名或密码错误').waitFor();

    const loginStarted = Date.now();
    await logIn();
    await page.getByRole('heading', { name: '今日工作台' }).waitFor();
    await page.getByRole('link', { name: overdue.name }).waitFor();
    const workbenchMs = Date.now() - loginStarted;
    expect(await page.evaluate('localStorage.length')).toBe(0);
    await screenshot(page, 'workbench');
    expect(await seriousViolations(page)).toEqual([]);

    // The JavaScript the login and the workbench loaded, gzip-compressed as a server would send it.
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((name) => name.endsWith('.js')),
    );
    let gzipBytes = 0;
    for (const script of scripts) {
      gzipBytes += gzipSync(Buffer.from(await (await fetch(script)).arrayBuffer())).length;
    }
    recordMetrics('workbench', {
      loginToWorkbenchMs: workbenchMs,
      firstVisitToWorkbenchMs: Date.now() - started,
      scripts: scripts.length,
      scriptGzipKb: Math.round(gzipBytes / 1024),
    });
    expect(gzipBytes).toBeLessThan(400 * 1024);
  });

  it('records a call outcome from the overdue list', async () => {
    await page.getByRole('button', { name: `登记电话 ${overdue.name}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('联系结果').click();
    await page.getByTitle('答应来诊').click();
    await dialog.getByLabel('备注').fill('下周二来');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').waitFor();
    const row = page.getByRole('row', { name: new RegExp(overdue.name) });
    await row.getByText('答应来诊').waitFor();
    const { body } = await t
      .http()
      .get(`/pregnancies/${overdue.pregnancyId}/contact-attempts`)
      .set(bearer(ward.tokens.nurse))
      .expect(200);
    expect(body).toEqual([expect.objectContaining({ outcome: 'will_come', note: '下周二来' })]);
  });

  it('finds her by name and by resident ID', async () => {
    await page.getByRole('link', { name: '查找' }).click();
    const box = page.getByLabel('姓名、身份证号或手机号');
    await box.fill(overdue.name.slice(0, -1));
    await box.press('Enter');
    await page
      .getByRole('link', { name: new RegExp(overdue.name) })
      .first()
      .waitFor();
    await box.fill(overdue.documentNumber);
    await box.press('Enter');
    const card = page.getByRole('link', { name: new RegExp(overdue.name) });
    await card.waitFor();
    expect(await card.count()).toBe(1);
    // Masked on the card.
    expect(await card.textContent()).not.toContain(overdue.documentNumber);
    await screenshot(page, 'search');
    expect(await seriousViolations(page)).toEqual([]);
    await box.fill('查无此人');
    await box.press('Enter');
    await page.getByText('没有找到符合条件的孕产妇。').waitFor();
  });

  it('records visits: an impossible value is refused in Chinese on its field and nothing typed is lost; blood pressure, then haemoglobin raise the colour', async () => {
    await page.goto(`${url}/app/pregnancies/${screened.pregnancyId}`);
    await page.getByRole('heading', { name: screened.name }).waitFor();
    expect(await page.getByTestId('ga').textContent()).toMatch(/^孕14\+2周$/);
    await page.getByTestId('colour').getByText('绿色').waitFor();

    await page.getByLabel('产检日期').fill(addDays(today(), -1));
    await page.getByLabel('体重 (kg)').fill('62.5');
    await page.getByLabel('收缩压 (mmHg)').fill('400');
    await page.getByLabel('舒张压 (mmHg)').fill('95');
    await page.getByLabel('收缩压 (mmHg)').press('Enter');
    await page.getByText('应在 60–260 mmHg 之间').waitFor();
    expect(await page.getByLabel('体重 (kg)').inputValue()).toBe('62.5');
    expect(await page.getByLabel('舒张压 (mmHg)').inputValue()).toBe('95');

    await page.getByLabel('收缩压 (mmHg)').fill('150');
    await page.getByText('数值超出常见范围，请核对后再保存').waitFor();
    await screenshot(page, 'pregnancy-visit-form');
    expect(await seriousViolations(page)).toEqual([]);
    const saving = Date.now();
    await page.getByLabel('舒张压 (mmHg)').press('Enter');
    await page.getByText('产检已保存').waitFor();
    const saveMs = Date.now() - saving;
    await page.getByRole('status').getByText('黄色').waitFor();
    await page.getByTestId('colour').getByText('黄色').waitFor();
    await page.getByRole('cell', { name: '150/95' }).waitFor();

    // Severe anaemia is ORANGE: the district must hear of it within 3 days.
    await page.getByLabel('产检日期').fill(today());
    await page.getByLabel('血红蛋白 (g/L)').fill('55');
    await page.getByLabel('血红蛋白 (g/L)').press('Enter');
    await page.getByRole('status').getByText('须在 3 天内上报区妇幼').waitFor();
    await page.getByTestId('colour').getByText('橙色').waitFor();
    recordMetrics('visit', { clickToConfirmationMs: saveMs });
    await screenshot(page, 'pregnancy');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('logs her out after 30 idle minutes, warning at 28, and brings her back after the login', async () => {
    await page.clock.install();
    await page.goto(`${url}/app/search`);
    await page.getByLabel('姓名、身份证号或手机号').waitFor();
    await page.clock.fastForward('28:01');
    await page.getByText('即将自动退出').waitFor();
    await page.clock.fastForward('02:00');
    await page.waitForURL(/\/app\/login$/);
    await page.getByText('因 30 分钟无操作，已自动退出登录').waitFor();
    await logIn();
    await page.waitForURL(/\/app\/search$/);
  });
});
