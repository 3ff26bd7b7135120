import type { Browser, Page } from 'playwright-core';
import { maskDocumentNumber, maskPhone } from '../../src/core/privacy/masking';
import { createStaffedFacility, Staff, TEST_PASSWORD } from '../factories/people.factory';
import { passport, registrationPayload } from '../factories/registration.factory';
import { bearer, loginWith } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { launchBrowser, listen, screenshot, seriousViolations } from './browser';

/**
 * The administration's audit log, risk catalogues and duplicate queue (issue 17, part 5) driven
 * in Debian's Chromium against the real service: an admin follows a nurse's look at a record
 * through the trail, reveals one entry and finds the reveal itself logged.
 */
jest.setTimeout(90_000);

describe('audit log, catalogues and duplicates in the browser', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let page: Page;
  let staff: Staff;
  let woman: { id: number; name: string; documentNumber: string; phone: string };

  const logIn = async (role: 'admin' | 'mch_staff') => {
    await page.getByLabel('用户名').fill(staff.users[role].username);
    await page.getByLabel('密码').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
  };

  /** Picks an option of a select; a searchable one is typed into, as its list is virtual. */
  const pick = async (label: string, option: string | RegExp, search?: string) => {
    await page.getByLabel(label, { exact: true }).click();
    if (search) await page.keyboard.type(search);
    await page.locator('.ant-select-dropdown:visible').getByTitle(option).click();
  };

  beforeAll(async () => {
    t = await createTestApp();
    url = await listen(t);
    staff = await createStaffedFacility(t.dataSource, loginWith(t));
    const payload = registrationPayload();
    const { body } = await t
      .http()
      .post('/registrations')
      .set(bearer(staff.tokens.nurse))
      .send(payload)
      .expect(201);
    woman = {
      id: body.woman.id as number,
      name: payload.woman.name as string,
      documentNumber: payload.woman.documentNumber as string,
      phone: payload.woman.phone as string,
    };
    // The nurse opens her record: a full-identity view, in the trail.
    await t
      .http()
      .get(`/pregnancies/${body.pregnancy.id}`)
      .set(bearer(staff.tokens.nurse))
      .expect(200);
    // Registered again under a passport with the same name and birth date: a possible duplicate.
    await t
      .http()
      .post('/registrations')
      .set(bearer(staff.tokens.nurse))
      .send(
        registrationPayload({
          woman: {
            documentType: 'passport',
            documentNumber: passport(),
            name: woman.name,
            birthDate: payload.woman.birthDate,
          },
        }),
      )
      .expect(201);
    browser = await launchBrowser();
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1366, height: 900 },
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it("filters the audit log to a nurse's look at a record: masked values, one revealed, the reveal logged", async () => {
    await page.goto(`${url}/app/login`);
    await logIn('admin');
    await page.getByRole('link', { name: '审计日志' }).click();
    await page.getByRole('heading', { name: '审计日志' }).waitFor();

    await pick('用户', new RegExp(staff.users.nurse.username));
    await pick('对象类型', '孕产妇');
    await page.getByLabel('对象编号').fill(String(woman.id));
    await page.getByRole('button', { name: /查\s*询/ }).click();

    const created = page.getByRole('row').filter({ hasText: '新建' });
    await created.getByText(maskDocumentNumber(woman.documentNumber)).waitFor();
    await created.getByText(new RegExp(maskPhone(woman.phone).replace(/\*/g, '\\*'))).waitFor();
    await page.getByRole('row').filter({ hasText: '查看原值' }).first().waitFor();
    expect(await page.locator('body').textContent()).not.toContain(woman.documentNumber);
    expect(await page.locator('body').textContent()).not.toContain(woman.phone);
    await screenshot(page, 'admin-audit');
    expect(await seriousViolations(page)).toEqual([]);

    const unmask = created.getByRole('button', { name: /显示原值/ });
    const entryId = /#(\d+)/.exec((await unmask.getAttribute('aria-label')) ?? '')![1];
    await unmask.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('本次查看已记入审计日志').waitFor();
    await dialog.getByText(woman.documentNumber, { exact: true }).waitFor();
    await dialog.getByText(woman.phone, { exact: true }).waitFor();
    await screenshot(page, 'admin-audit-unmasked');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: '关 闭' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: /重\s*置/ }).click();
    await pick('操作', '查看原值');
    await pick('对象类型', '审计日志', '审计');
    await page.getByLabel('对象编号').fill(entryId);
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const reveal = page.getByRole('row').filter({ hasText: `#${entryId}` });
    await reveal.getByText(staff.users.admin.username, { exact: false }).waitFor();
    await reveal.getByText('查看原值').waitFor();
    expect(await page.locator('body').textContent()).not.toContain(woman.documentNumber);
  });

  it('opens a risk catalogue version, its items grouped by colour', async () => {
    await page.getByRole('link', { name: '风险目录' }).click();
    await page.getByRole('heading', { name: '风险评估目录' }).waitFor();
    await page.getByText('本机构默认', { exact: true }).waitFor();
    const open = page.getByRole('button', { name: '查看条目 CN-2017' });
    if (await open.isVisible()) await open.click();
    // Grouped by the five colours, red first; the others a click away.
    await page.locator('[data-colour-group="red"]').getByText('凶险性前置胎盘').waitFor();
    for (const colour of ['green', 'yellow', 'orange', 'purple']) {
      await page.locator(`[data-colour-tab="${colour}"]`).waitFor();
    }
    await page.getByRole('tab', { name: /紫色/ }).click();
    await page.locator('[data-colour-group="purple"]').getByRole('row').nth(1).waitFor();
    await screenshot(page, 'admin-catalogues');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the admin the duplicate masked; maternal-health staff close its review', async () => {
    await page.getByRole('link', { name: '疑似重复' }).click();
    await page.getByRole('heading', { name: '疑似重复建档' }).waitFor();
    await page
      .getByRole('cell', { name: new RegExp(woman.name) })
      .first()
      .waitFor();
    await page.getByText(maskDocumentNumber(woman.documentNumber)).first().waitFor();
    await page.getByText('合并审核由孕产保健人员处理').waitFor();
    expect(await page.locator('body').textContent()).not.toContain(woman.documentNumber);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: /退\s*出/ }).click();
    await logIn('mch_staff');
    await page.getByRole('link', { name: '疑似重复' }).click();
    const reviews = page.getByTestId('merge-reviews');
    const review = reviews.getByRole('row').filter({ hasText: woman.name });
    await review.getByText('待审核').waitFor();
    await screenshot(page, 'admin-duplicates');
    expect(await seriousViolations(page)).toEqual([]);

    await review.getByRole('button', { name: '不是同一人' }).click();
    const dialog = page.getByRole('dialog', { name: '不是同一人：关闭审核' });
    await dialog.getByLabel('说明').waitFor();
    // Without a note the review is not closed: the form says so and stays open.
    await dialog.getByLabel('说明').press('Tab');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await dialog.getByText('请填写说明').waitFor();
    await dialog.getByLabel('说明').fill('姐妹二人，共用一个电话');
    await dialog.getByRole('button', { name: /提\s*交/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await review.getByText('不是同一人').first().waitFor();
    await review.getByText('姐妹二人，共用一个电话').waitFor();
    expect(await review.getByRole('button', { name: '不是同一人' }).count()).toBe(0);
  });
});
