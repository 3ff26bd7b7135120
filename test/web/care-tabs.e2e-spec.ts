import type { Browser, Page } from 'playwright-core';
import { addDays } from '../../src/core/time/calendar-date';
import { deliveryPayload, tenOClockOn } from '../factories/delivery.factory';
import { createStaffedFacility, Staff } from '../factories/people.factory';
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
 * The care tabs of the pregnancy record (issue 16): prenatal classes, folic acid and the
 * postpartum follow-ups, driven as a nurse would in Debian's Chromium against the real service.
 */
// A real browser: each step waits for the page, some for the service behind it.
jest.setTimeout(90_000);

describe('care tabs of the pregnancy record in the browser', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let page: Page;
  let ward: Staff;
  let pregnant: { name: string; pregnancyId: number };
  let delivered: { name: string; pregnancyId: number };

  const register = async (lmpDaysAgo: number) => {
    const payload = registrationPayload({
      pregnancy: { lmp: addDays(today(), -lmpDaysAgo), registrationDate: addDays(today(), -10) },
    });
    const { body } = await t
      .http()
      .post('/registrations')
      .set(bearer(ward.tokens.nurse))
      .send(payload)
      .expect(201);
    return { name: payload.woman.name as string, pregnancyId: body.pregnancy.id as number };
  };

  const openTab = async (pregnancy: { name: string; pregnancyId: number }, tab: string) => {
    await page.goto(`${url}/app/pregnancies/${pregnancy.pregnancyId}`);
    await page.getByRole('heading', { name: pregnancy.name }).waitFor();
    await page.getByRole('tab', { name: tab }).click();
    return page.getByRole('tabpanel', { name: tab });
  };

  beforeAll(async () => {
    t = await createTestApp();
    url = await listen(t);
    ward = await createStaffedFacility(t.dataSource, loginWith(t));
    const nurse = bearer(ward.tokens.nurse);
    // 8+4 weeks: inside the periconceptional window, adherence not judged before 13+0.
    pregnant = await register(60);
    // A breastfeeding class of the facility's prenatal school, begun an hour ago.
    await t
      .http()
      .post('/class-sessions')
      .set(nurse)
      .send({
        topicCode: 'breastfeeding',
        startsAt: new Date(Date.now() - 3600_000).toISOString(),
        durationMinutes: 90,
        instructor: '张助产士',
        place: '孕妇学校教室',
        capacity: 30,
      })
      .expect(201);
    // Delivered three days ago of a girl; the mother went home yesterday.
    delivered = await register(280);
    const delivery = await t
      .http()
      .post(`/pregnancies/${delivered.pregnancyId}/delivery`)
      .set(nurse)
      .send(deliveryPayload(tenOClockOn(addDays(today(), -3))))
      .expect(201);
    await t
      .http()
      .patch(`/deliveries/${delivery.body.id}`)
      .set(nurse)
      .send({
        version: delivery.body.version,
        motherDischargedAt: tenOClockOn(addDays(today(), -1)).toISOString(),
      })
      .expect(200);

    browser = await launchBrowser();
    page = await newDeskPage(browser);
    await logIn(page, url, ward.users.nurse.username);
  });

  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('signs her into a class of the prenatal school and lists it with its stage', async () => {
    const tab = await openTab(pregnant, '孕妇学校');
    await tab.getByText('尚未参加孕妇学校课程').waitFor();
    const form = page.getByRole('form', { name: '课程签到' });
    await form.getByLabel('课程场次').click();
    await page.getByTitle(/母乳喂养（张助产士，孕妇学校教室，剩余座位 30）/).click();
    await form.getByLabel('陪同').click();
    await page.getByTitle('配偶').click();
    await form.getByRole('button', { name: /签\s*到/ }).click();
    await page.getByText('已签到').waitFor();

    const row = tab.getByRole('row', { name: /孕8\+4周（孕早期）/ });
    await row.getByText('母乳喂养', { exact: true }).waitFor();
    await row.getByText('母乳喂养课', { exact: true }).waitFor();
    await row.getByText('配偶').waitFor();
    await tab.getByText('已参加', { exact: true }).waitFor();
    await tab.getByText('1 次', { exact: true }).waitFor();
    // Signed in: the session is no longer offered to her.
    await form.getByLabel('课程场次').click();
    expect(await page.getByTitle(/张助产士/).count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.getByText('已签到').waitFor({ state: 'hidden' });
    await screenshot(page, 'care-classes');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('records a folic-acid dispensing (a refused count explained on its field, nothing typed lost) and shows the verdict', async () => {
    const tab = await openTab(pregnant, '叶酸');
    const summary = tab.getByTestId('folic-acid-summary');
    await summary.getByText('窗口内未服用').waitFor();
    await summary.getByText('未调查').waitFor();

    const form = page.getByRole('form', { name: '记录发放' });
    await form.getByLabel('批号').fill('B20261101');
    await form.getByLabel('瓶数').fill('20');
    await form.getByRole('button', { name: '记录发放' }).click();
    await form.getByText('不能大于 12').waitFor();
    await form.getByRole('alert').getByText('填写有误，请按提示修改').waitFor();
    expect(await form.getByLabel('批号').inputValue()).toBe('B20261101');
    expect(await form.getByLabel('瓶数').inputValue()).toBe('20');

    await form.getByLabel('瓶数').fill('3');
    await form.getByRole('status').getByText('按此剂量可服 93 天').waitFor();
    await form.getByRole('button', { name: '记录发放' }).click();
    await page.getByText('已记录叶酸发放').waitFor();
    await tab
      .getByRole('row', { name: /B20261101/ })
      .getByText('93 天')
      .waitFor();
    await summary.getByText('已服用').waitFor();
    await summary.getByText(`窗口内首次服用 ${today()}`).waitFor();
    await summary.getByText('孕 13 周前暂不评价：至孕 3 月末的服用尚未结束').waitFor();

    // Her own account, with neither dates nor an estimate: the service asks for one of them.
    const intake = page.getByRole('form', { name: '记录服用情况' });
    await intake.getByLabel('漏服天数').fill('2');
    await intake.getByRole('button', { name: '记录服用情况' }).click();
    await intake.getByText('请填写开始服用日期，或估计服用天数').waitFor();
    expect(await intake.getByLabel('漏服天数').inputValue()).toBe('2');
    await intake.getByLabel('开始服用日期').fill(addDays(today(), -20));
    await intake.getByRole('button', { name: '记录服用情况' }).click();
    await page.getByText('已记录服用情况').waitFor();
    await tab
      .getByRole('row', { name: new RegExp(addDays(today(), -20)) })
      .getByText('仍在服用')
      .waitFor();
    await page.getByText('已记录服用情况').waitFor({ state: 'hidden' });
    await screenshot(page, 'care-folic-acid');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('says why there is nothing postpartum before she has delivered', async () => {
    const tab = await openTab(pregnant, '产后随访');
    await tab.getByText(/她尚未分娩/).waitFor();
    expect(await tab.getByRole('form').count()).toBe(0);
  });

  it('records a postpartum visit and a breastfeeding follow-up with a referral, and lists them', async () => {
    const tab = await openTab(delivered, '产后随访');
    const contact = page.getByRole('form', { name: '记录产后访视' });
    await contact.getByLabel('检查所见').fill('子宫复旧良好，恶露正常');
    await contact.getByRole('button', { name: '记录产后访视' }).click();
    await page.getByText('已记录产后访视').waitFor();
    const visit = tab.getByRole('row', { name: /子宫复旧良好/ });
    await visit.getByText('产后访视').waitFor();
    await visit.getByText('计入', { exact: true }).waitFor();
    await visit.getByText('绿色').waitFor();

    const followUp = page.getByRole('form', { name: '记录母乳喂养随访（第 1 胎新生儿）' });
    await followUp.getByRole('status').getByText('判定为：纯母乳喂养').waitFor();
    await followUp.getByLabel('水', { exact: true }).check();
    await followUp
      .getByRole('status')
      .getByText(/判定为：基本母乳喂养/)
      .waitFor();
    await followUp.getByLabel('水', { exact: true }).uncheck();
    await followUp.getByLabel('乳头疼痛或皲裂').check();
    await followUp.getByLabel('给予的指导').fill('指导正确含接姿势');
    await followUp.getByLabel('转诊', { exact: true }).click();
    await page.getByTitle('乳房门诊').click();
    await followUp.getByRole('button', { name: '记录母乳喂养随访' }).click();
    await page.getByText('已记录母乳喂养随访').waitFor();
    const row = tab.getByRole('row', { name: /指导正确含接姿势/ });
    await row.getByText('纯母乳喂养').waitFor();
    await row.getByText('乳头疼痛或皲裂').waitFor();
    await row.getByText('0 个月').waitFor();

    // The breast clinic saw her: the referral's outcome.
    await row.getByRole('button', { name: '记录转诊结果' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('转诊结果').fill('乳头皲裂已好转，继续母乳喂养');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已记录转诊结果').waitFor();
    await row.getByText('乳头皲裂已好转，继续母乳喂养').waitFor();
    await page.getByText('已记录转诊结果').waitFor({ state: 'hidden' });
    await screenshot(page, 'care-postpartum');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a statistician the records without the forms', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const other = await context.newPage();
    await logIn(other, url, ward.users.statistician.username);
    await other.goto(`${url}/app/pregnancies/${delivered.pregnancyId}`);
    await other.getByRole('tab', { name: '产后随访' }).click();
    await other.getByRole('row', { name: /子宫复旧良好/ }).waitFor();
    await other.getByRole('tab', { name: '孕妇学校' }).click();
    await other.getByRole('tab', { name: '叶酸' }).click();
    await other.getByTestId('folic-acid-summary').waitFor();
    expect(await other.getByRole('form').count()).toBe(0);
    await context.close();
  });
});
