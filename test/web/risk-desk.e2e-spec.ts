import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/core/time/calendar-date';
import type { Facility } from '../../src/core/facilities/facility.entity';
import { createFacility, createStaffedFacility, Staff } from '../factories/people.factory';
import { registrationPayload, today } from '../factories/registration.factory';
import { bearer, loginWith } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import {
  launchBrowser,
  listen,
  logIn,
  newDeskPage,
  screenshot,
  seriousViolations,
} from './browser';

/**
 * The risk parts of her record (issue 16) as a nurse works them in Debian's Chromium against the
 * real service: grading from the catalogue, and the high-risk case the grading opens.
 */
// A real browser: each step waits for the page, some for the service behind it.
jest.setTimeout(90_000);

describe('risk gradings and the high-risk case in the browser', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let page: Page;
  let ward: Staff;
  let receiver: Facility;
  let graded: { name: string; pregnancyId: number };
  let changed: { name: string; pregnancyId: number };

  const register = async () => {
    const payload = registrationPayload({
      pregnancy: { lmp: addDays(today(), -150), registrationDate: addDays(today(), -90) },
    });
    const { body } = await t
      .http()
      .post('/registrations')
      .set(bearer(ward.tokens.nurse))
      .send(payload)
      .expect(201);
    const pregnancyId = body.pregnancy.id as number;
    return { name: payload.woman.name as string, pregnancyId };
  };
  const screen = (pregnancyId: number, factorCodes: string[]) =>
    t
      .http()
      .post(`/pregnancies/${pregnancyId}/risk-assessments`)
      .set(bearer(ward.tokens.nurse))
      .send({ kind: 'registration_screening', factorCodes, assessedOn: addDays(today(), -90) })
      .expect(201);
  const casesOf = async (pregnancyId: number) =>
    (
      await t
        .http()
        .get(`/pregnancies/${pregnancyId}/high-risk-cases`)
        .set(bearer(ward.tokens.mch_staff))
        .expect(200)
    ).body as Array<{ id: number; version: number; plan: string | null }>;

  beforeAll(async () => {
    t = await createTestApp();
    url = await listen(t);
    ward = await createStaffedFacility(t.dataSource, loginWith(t));
    // The city's MCH hospital, in the system: picked from the list, not typed.
    receiver = await createFacility(t.dataSource, {
      name: `市妇幼保健院 ${ward.facility.code}`,
      level: 3,
    });
    // Screened green at registration: today's grading is a visit's.
    graded = await register();
    await screen(graded.pregnancyId, []);
    // Screened orange: her case is open, for the change made behind the nurse's back.
    changed = await register();
    await screen(changed.pregnancyId, ['SEVERE_PRE_ECLAMPSIA']);
    browser = await launchBrowser();
    page = await newDeskPage(browser);
    await logIn(page, url, ward.users.nurse.username);
    await page.getByRole('heading', { name: '今日工作台' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('grades her from the catalogue, searched by Chinese text and by code; the colour shows before saving; a refused save keeps her picks', async () => {
    await page.goto(`${url}/app/pregnancies/${graded.pregnancyId}`);
    await page.getByRole('heading', { name: graded.name }).waitFor();
    await page.getByTestId('colour').getByText('绿色').waitFor();
    expect(await page.getByTestId('open-case').count()).toBe(0);

    await page.getByRole('tab', { name: '风险评估' }).click();
    const form = page.getByRole('form', { name: '新增风险评估' });
    const search = form.getByLabel('搜索高危因素');
    await search.fill('rh_neg');
    await search.press('Enter');
    await form.getByRole('checkbox', { name: /Rh血型阴性/ }).check();
    await form.getByTestId('grading-preview').getByText('黄色').waitFor();
    await search.fill('前置胎盘');
    const praevia = form.getByRole('checkbox', { name: /凶险性前置胎盘/ });
    await praevia.check();
    // Derived factors are shown, never ticked.
    await search.fill('贫血');
    expect(await form.getByRole('checkbox', { name: /重度贫血（Hb<40g\/L）/ }).isDisabled()).toBe(
      true,
    );
    await search.fill('');
    const picked = form.getByTestId('picked-factors');
    await picked.getByText('凶险性前置胎盘').waitFor();
    await picked.getByText('Rh血型阴性').waitFor();
    await form.getByTestId('grading-preview').getByText('红色').waitFor();
    await form.getByText('橙色、红色或紫色：保存后纳入高危专案管理').waitFor();
    await screenshot(page, 'risk-gradings');
    expect(await seriousViolations(page)).toEqual([]);

    // A day before her registration: refused on its field, in Chinese; her picks stay.
    await form.getByLabel('评估日期').fill(addDays(today(), -100));
    await form.getByRole('button', { name: '保存评估' }).click();
    await form.getByText('不能早于建册日期').waitFor();
    await form.getByRole('alert').waitFor();
    await picked.getByText('凶险性前置胎盘').waitFor();
    await picked.getByText('Rh血型阴性').waitFor();

    await form.getByLabel('评估日期').fill(today());
    await form.getByRole('button', { name: '保存评估' }).click();
    await page.getByText('橙色、红色或紫色：保存后纳入高危专案管理').last().waitFor();
    const latest = page.getByRole('row').nth(1);
    await latest.getByText('产检评估').waitFor();
    await latest.getByText('凶险性前置胎盘').waitFor();
    await latest.getByText('Rh血型阴性').waitFor();
    await page.getByTestId('colour').getByText('红色').waitFor();
    await form.getByText('未选择（无手工勾选的因素）').waitFor();
    await page.getByTestId('open-case').waitFor();
  });

  it('opens the case from the header; names the clinician, writes the plan, adds a note, refers her and records the result', async () => {
    await page.getByTestId('open-case').click();
    const panel = page.getByRole('tabpanel');
    await panel.getByText('管理中').waitFor();
    // RED: the district must hear within 24 hours.
    await panel
      .getByTestId('case-next-action')
      .getByText(/^待上报区妇幼（期限 .+）$/)
      .waitFor();

    const management = panel.getByRole('form', { name: '专案管理' });
    await management.getByLabel('责任医生').click();
    await page.getByTitle(ward.users.mch_staff.displayName).click();
    await management.getByLabel('管理计划').fill('每周产检；孕32周前转三级医院；备血');
    await management.getByRole('button', { name: '保存专案管理' }).click();
    await page.getByText('专案管理已保存').waitFor();

    const note = panel.getByRole('form', { name: '添加记录' });
    await note.getByLabel('记录内容').fill('已告知孕妇及家属凶险性前置胎盘风险');
    await note.getByRole('button', { name: '添加记录' }).click();
    await panel.getByText('已告知孕妇及家属凶险性前置胎盘风险').waitFor();
    await panel.getByText(new RegExp(`${ward.users.nurse.displayName}$`)).waitFor();

    const referral = panel.getByRole('form', { name: '新增转诊' });
    // A facility of the system, found by part of its name; her own is not offered.
    const picker = referral.getByLabel('转入机构');
    const offered = page.getByTitle(`${receiver.name}（三级）`);
    await picker.fill('市妇幼');
    await offered.waitFor();
    await picker.fill(ward.facility.name);
    await page.locator('.ant-select-dropdown .ant-empty-description').waitFor();
    expect(await page.getByTitle(`${ward.facility.name}（三级）`).count()).toBe(0);
    await picker.fill('市妇幼');
    await offered.click();
    await referral.getByLabel('转诊原因').fill('凶险性前置胎盘，需三级医院评估');
    await referral.getByLabel('紧急程度').click();
    await page.getByTitle('危重', { exact: true }).click();
    // Critical: the receiver contacted first and escorted, or it is not saved.
    await referral.getByRole('button', { name: '保存转诊' }).click();
    await referral.getByText('必填').first().waitFor();
    await referral.getByLabel('紧急程度').click();
    await page.getByTitle('紧急', { exact: true }).click();
    await referral.getByRole('button', { name: '保存转诊' }).click();
    await page.getByText('转诊已保存').waitFor();
    const row = panel.getByRole('row', { name: new RegExp(receiver.name) });
    await row.getByText('待随访结果').waitFor();

    await row.getByRole('button', { name: /^记录随访结果/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: /随访结果/ }).fill('已在市妇幼住院，继续随访');
    await dialog.getByRole('button', { name: '记录随访结果' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('已随访').waitFor();
    await row.getByText(/已在市妇幼住院，继续随访/).waitFor();

    // A facility outside the system: its name typed instead.
    await picker.click();
    await page.getByTitle('系统外机构', { exact: true }).click();
    await referral.getByRole('button', { name: '保存转诊' }).click();
    await referral.getByText('必填').first().waitFor();
    await referral.getByLabel('系统外机构名称').fill('县人民医院');
    await referral.getByLabel('转诊原因').fill('产后复查');
    await referral.getByRole('button', { name: '保存转诊' }).click();
    await panel
      .getByRole('row', { name: /县人民医院/ })
      .getByText('待随访结果')
      .waitFor();
    // The confirmations gone, so the screenshot shows the page itself.
    await page.getByText('转诊已保存').first().waitFor({ state: 'detached' });
    await page.getByText('随访结果已保存').waitFor({ state: 'detached' });
    await screenshot(page, 'risk-case');
    expect(await seriousViolations(page)).toEqual([]);

    const [saved] = await casesOf(graded.pregnancyId);
    expect(saved).toMatchObject({
      plan: '每周产检；孕32周前转三级医院；备血',
      responsibleClinicianId: ward.users.mch_staff.id,
    });
  });

  it('keeps her plan when someone else saved the case meanwhile, says so in Chinese, and re-applies it on the latest', async () => {
    await page.goto(`${url}/app/pregnancies/${changed.pregnancyId}`);
    await page.getByRole('heading', { name: changed.name }).waitFor();
    await page.getByTestId('open-case').click();
    const management = page.getByRole('form', { name: '专案管理' });
    const plan = management.getByLabel('管理计划');
    await plan.fill('每2周产检，监测血压与尿蛋白');

    // Meanwhile a colleague writes the plan of the same case.
    const [open] = await casesOf(changed.pregnancyId);
    await t
      .http()
      .patch(`/high-risk-cases/${open.id}`)
      .set(bearer(ward.tokens.mch_staff))
      .send({ version: open.version, plan: '每周产检' })
      .expect(200);

    await management.getByRole('button', { name: '保存专案管理' }).click();
    const conflict = management.getByRole('alert');
    await conflict.getByText('您编辑期间，这个专案已被他人修改。').waitFor();
    await conflict.getByText('您填写的内容仍保留在下方，尚未保存。').waitFor();
    await conflict.getByText(/他人保存的内容：.*管理计划 每周产检/).waitFor();
    expect(await plan.inputValue()).toBe('每2周产检，监测血压与尿蛋白');
    await screenshot(page, 'risk-case-conflict');
    expect(await seriousViolations(page)).toEqual([]);

    await conflict.getByRole('button', { name: '载入最新专案并重新应用我的修改' }).click();
    await page.getByText('专案管理已保存').waitFor();
    await conflict.waitFor({ state: 'detached' });
    expect(await plan.inputValue()).toBe('每2周产检，监测血压与尿蛋白');
    const [latest] = await casesOf(changed.pregnancyId);
    expect(latest.plan).toBe('每2周产检，监测血压与尿蛋白');
  });
});
