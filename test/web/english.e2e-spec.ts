import type { Browser, Locator, Page } from 'playwright-core';
import { addDays } from '../../src/core/time/calendar-date';
import { createStaffedFacility, Staff } from '../factories/people.factory';
import { registrationPayload, today } from '../factories/registration.factory';
import { bearer, loginWith } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import {
  hospitalLocal,
  launchBrowser,
  listen,
  logIn,
  newDeskPage,
  screenshot,
  seriousViolations,
} from './browser';

/**
 * The English switch (issue 16) reaching the delivery form, the delivery-room page of a baby and
 * the visit schedule with its GA ruler: worked in English as a nurse would, no Chinese left on
 * them but what was typed about her.
 */
// A real browser: each step waits for the page, some for the service behind it.
jest.setTimeout(90_000);

// Han characters and the full-width punctuation that comes with them.
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+/g;

/** The Chinese left in a region of the page, as found. */
const chineseIn = async (region: Locator) =>
  (await region.innerText()).match(CJK) ?? ([] as string[]);

describe('the ward desk in English', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let page: Page;
  let ward: Staff;
  let term: { name: string; pregnancyId: number };
  let scheduled: { name: string; pregnancyId: number };

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
    return { name: payload.woman.name as string, pregnancyId: body.pregnancy.id as number };
  };

  /** Her record, then the switch in the header: the language lives in the page, not the URL. */
  const openInEnglish = async (pregnancy: { name: string; pregnancyId: number }) => {
    await page.goto(`${url}/app/pregnancies/${pregnancy.pregnancyId}`);
    await page.getByRole('heading', { name: pregnancy.name }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'Visits' }).waitFor();
  };

  beforeAll(async () => {
    t = await createTestApp();
    url = await listen(t);
    ward = await createStaffedFacility(t.dataSource, loginWith(t));
    // At 38 weeks: the delivery form is open for her.
    term = await register(266);
    // At 21+3, seen at 11+3 and 18+4: two windows done, one due.
    scheduled = await register(150);
    for (const daysAgo of [70, 20]) {
      await t
        .http()
        .post(`/pregnancies/${scheduled.pregnancyId}/visits`)
        .set(bearer(ward.tokens.nurse))
        .send({ visitDate: addDays(today(), -daysAgo), weightKg: 58 })
        .expect(201);
    }
    browser = await launchBrowser();
    page = await newDeskPage(browser);
    await logIn(page, url, ward.users.nurse.username);
  });

  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('records a delivery in English: labels, options and the form’s own errors', async () => {
    await openInEnglish(term);
    await page.getByRole('tab', { name: 'Delivery' }).click();
    const panel = page.getByRole('tabpanel');
    await panel.getByRole('heading', { name: 'Record the delivery' }).waitFor();
    await panel.getByText('Spontaneous vaginal birth').waitFor();
    await panel.getByText('Well', { exact: true }).waitFor();
    await panel.getByText('Female', { exact: true }).waitFor();
    await panel.getByText('Live birth', { exact: true }).waitFor();

    await panel.getByRole('button', { name: 'Save the delivery' }).click();
    await panel.getByText('Enter the time of birth').waitFor();
    await panel.getByText('Enter the birth weight').waitFor();

    await panel.getByLabel('Mode of delivery').click();
    await page.getByTitle('Caesarean section').click();
    await panel.getByLabel('Time of birth').fill(hospitalLocal(2));
    await panel.getByLabel('Blood loss (ml)').fill('400');
    await panel.getByLabel('Baby 1 birth weight (g)').fill('3200');
    await panel.getByLabel('Baby 1 Apgar at 1 min').fill('9');
    await panel.getByLabel('Baby 1 Apgar at 5 min').fill('10');
    await screenshot(page, 'english-delivery');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await chineseIn(panel)).toEqual([]);

    await panel.getByRole('button', { name: 'Save the delivery' }).click();
    await panel.getByRole('heading', { name: 'Delivery record' }).waitFor();
    await panel.getByText(/^Delivered .+, Caesarean section$/).waitFor();
    await panel.getByRole('cell', { name: 'Baby 1' }).waitFor();
    await panel.getByRole('cell', { name: 'Female' }).waitFor();
    expect(await chineseIn(panel)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('works the delivery room in English: skin-to-skin, first breastfeed, supplement, birth dose, the flags', async () => {
    // From the delivery record: the language stays as she moves within the application.
    await page.getByRole('link', { name: 'Newborn 1' }).click();
    await page.getByRole('heading', { name: 'Newborn 1 (Female, 3200 g)' }).waitFor();
    const skinToSkin = page.locator('[data-flag="earlySkinToSkin"]');
    const initiation = page.locator('[data-flag="earlyInitiation"]');
    await skinToSkin
      .getByText('Early skin-to-skin contact (started within 5 min of birth, lasting ≥ 60 min)')
      .waitFor();
    await skinToSkin.getByText('No skin-to-skin contact recorded').waitFor();
    await initiation.getByText('No first breastfeed recorded').waitFor();

    await page.getByRole('button', { name: 'Start skin-to-skin contact' }).click();
    await page
      .getByRole('timer')
      .getByText(/^Skin-to-skin contact for \d+ min \d{2} s$/)
      .waitFor();
    await skinToSkin
      .getByText(/^Skin-to-skin contact has lasted \d+ min so far \(needs 60\)$/)
      .waitFor();
    await page.getByRole('button', { name: 'Record the first breastfeed' }).click();
    await initiation.getByText('Met', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'End skin-to-skin contact' }).click();
    await skinToSkin.getByText(/^Skin-to-skin contact lasted \d+ min \(needs 60\)$/).waitFor();

    // Formula without a medical indication: stored as the Chinese word, read in English.
    await page.getByLabel('Supplement given').click();
    await page.getByTitle('Formula').click();
    await page.getByRole('button', { name: 'Record the supplement' }).click();
    await page
      .locator('[data-flag="exclusiveStrict"]')
      .getByText(/^Formula given \d+ min after birth$/)
      .waitFor();
    await page.getByText(/^Supplement \(Formula\): [\d:]+$/).waitFor();

    const hepB = page.getByRole('form', { name: 'Hepatitis B birth dose' });
    await hepB.getByText(/^Within 24 hours of birth; within 12 hours/).waitFor();
    await hepB.getByLabel('Given at').fill(hospitalLocal(1));
    await hepB.getByLabel('Batch number').fill('202611A018');
    await hepB.getByLabel('Given by').fill('Midwife on duty');
    await hepB.getByRole('button', { name: 'Record: Hepatitis B birth dose' }).click();
    await page.getByText('Within 24 hours', { exact: true }).waitFor();
    await page.getByText('Feeding at discharge', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Baby-Friendly indicators (live)' }).waitFor();
    // The confirmations gone, so the screenshot shows the page itself.
    await page.getByText('Supplement recorded').waitFor({ state: 'detached' });
    await page.getByText('Recorded: Hepatitis B birth dose').waitFor({ state: 'detached' });
    await screenshot(page, 'english-newborn');
    expect(await seriousViolations(page)).toEqual([]);
    // The page's own region, inside the frame's (Ant Design's content is a <main> too).
    expect(await chineseIn(page.getByRole('main'))).toEqual([]);
  });

  it('shows the visit schedule and its GA ruler in English, and in Chinese again after the switch back', async () => {
    await openInEnglish(scheduled);
    await page.getByRole('tab', { name: 'Visit schedule' }).click();
    const panel = page.getByRole('tabpanel');
    for (const column of ['Window', 'Due from', 'Overdue from', 'State', 'Visit date']) {
      await panel.getByRole('columnheader', { name: column, exact: true }).waitFor();
    }
    await panel.getByRole('cell', { name: 'Before 13 weeks' }).waitFor();
    await panel.getByRole('cell', { name: '16–20 weeks' }).waitFor();
    await panel.getByRole('cell', { name: 'Done' }).first().waitFor();
    await panel.getByRole('cell', { name: 'Due', exact: true }).waitFor();
    await panel
      .getByRole('img', {
        name: /^Gestational-age ruler: Before 13 weeks: Done; 16–20 weeks: Done; 21–24 weeks: Due; .*; today 21\+3 weeks$/,
      })
      .waitFor();
    await panel.getByText('Today 21+3').waitFor();
    await screenshot(page, 'english-schedule');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await chineseIn(panel)).toEqual([]);

    await page.getByRole('button', { name: /中\s*文/ }).click();
    await page.getByRole('tab', { name: '产检计划' }).waitFor();
    await panel.getByRole('cell', { name: '孕13周前' }).waitFor();
    await panel
      .getByRole('img', { name: /^孕周标尺：孕13周前：已完成；.*；今日孕21\+3周$/ })
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
