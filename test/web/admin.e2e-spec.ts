import type { Browser, Page } from 'playwright-core';
import { User } from '../../src/core/users/user.entity';
import { INDICATORS } from '../../src/indicators/definitions';
import {
  createStaffedFacility,
  createSystemAdmin,
  Staff,
  TEST_PASSWORD,
} from '../factories/people.factory';
import { loginWith } from '../utils/auth';
import { createTestApp, TestApp } from '../utils/test-app';
import { launchBrowser, listen, screenshot, seriousViolations } from './browser';

/**
 * The administration pages (issue 17 part 5) driven as a facility admin and a system admin would,
 * in Debian's Chromium against the real service: users, the visit schedule, indicator targets.
 */
// A real browser, two or three of its contexts at once, and scrypt on every login.
jest.setTimeout(150_000);

describe('administration in the browser', () => {
  let t: TestApp;
  let url: string;
  let browser: Browser;
  let a: Staff;
  let b: Staff;
  let systemAdmin: { user: User; token: string };
  let admin: Page;
  const percent = INDICATORS.find(
    (i) => i.unit === 'percent' && i.target?.direction === 'at_least',
  )!;

  const newPage = async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1366, height: 900 },
    });
    return context.newPage();
  };

  const logIn = async (page: Page, username: string, password = TEST_PASSWORD) => {
    await page.goto(`${url}/app/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
  };

  /** Her answer to a Popconfirm: the 确定 of the one open. */
  const confirm = (page: Page) =>
    page
      .locator('.ant-popover:visible')
      .getByRole('button', { name: /确\s*定/ })
      .click();

  beforeAll(async () => {
    t = await createTestApp();
    url = await listen(t);
    a = await createStaffedFacility(t.dataSource, loginWith(t));
    b = await createStaffedFacility(t.dataSource, loginWith(t));
    systemAdmin = await createSystemAdmin(t.dataSource, loginWith(t));
    browser = await launchBrowser();
    admin = await newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it("lists her facility's users only and deactivates a nurse, whose next click is refused", async () => {
    const nurse = await newPage();
    await logIn(nurse, a.users.nurse.username);
    await nurse.getByRole('heading', { name: '今日工作台' }).waitFor();
    await nurse.getByRole('link', { name: '查找' }).click();
    await nurse.waitForURL(/\/app\/search/);

    await logIn(admin, a.users.admin.username);
    await admin.waitForURL(/\/app\/admin\/users$/);
    await admin.getByRole('heading', { name: '用户管理' }).waitFor();
    await admin.getByRole('cell', { name: a.users.nurse.username }).waitFor();
    for (const user of Object.values(a.users)) {
      await admin.getByRole('cell', { name: user.username }).waitFor();
    }
    // Another facility's users are nowhere, and she has no facility to pick.
    for (const user of Object.values(b.users)) {
      expect(await admin.getByText(user.username).count()).toBe(0);
    }
    expect(await admin.getByRole('combobox', { name: '机构' }).count()).toBe(0);
    await admin.getByText(`机构：${a.facility.name}`).waitFor();

    await admin.getByRole('button', { name: '停用：Test nurse' }).click();
    await confirm(admin);
    await admin.getByText('已停用，其登录已结束').waitFor();
    const row = admin.getByRole('row', { name: new RegExp(a.users.nurse.username) });
    await row.getByText('已停用', { exact: true }).waitFor();

    // Her next click asks the service, which refuses the ended session: back to the login.
    await nurse.getByRole('link', { name: '工作台' }).click();
    await nurse.waitForURL(/\/app\/login$/);
    await nurse.getByText('登录已失效，请重新登录').waitFor();
    // And she cannot log in again.
    await nurse.getByLabel('用户名').fill(a.users.nurse.username);
    await nurse.getByLabel('密码').fill(TEST_PASSWORD);
    await nurse.getByRole('button', { name: /登\s*录/ }).click();
    await nurse.getByRole('alert').getByText('用户名或密码错误').waitFor();
    await nurse.context().close();

    // Reactivated, she is listed as active again.
    await row.getByRole('button', { name: '启用：Test nurse' }).click();
    await confirm(admin);
    await admin.getByText('已重新启用').waitFor();
    await row.getByText('在用', { exact: true }).waitFor();
  });

  it('creates a user (the rules on their fields, what she typed kept) and resets a password', async () => {
    await admin.getByRole('button', { name: '新建用户' }).click();
    const dialog = admin.getByRole('dialog', { name: '新建用户' });
    // A username already used, and a password too short.
    await dialog.getByLabel('用户名').fill(a.users.statistician.username);
    await dialog.getByLabel('姓名').fill('李护士');
    await dialog.getByLabel('角色').click();
    await admin.locator('.ant-select-item-option[title="护士"]').click();
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await dialog.getByText('密码至少 10 个字符').waitFor();
    await dialog.getByLabel('初始密码').fill('First-Password-2026');
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    // The service's answer on its field; what she typed stays.
    await dialog.getByText('已被使用', { exact: true }).waitFor();
    expect(await dialog.getByLabel('姓名').inputValue()).toBe('李护士');
    expect(await dialog.getByLabel('初始密码').inputValue()).toBe('First-Password-2026');

    const username = `li.${Date.now().toString(36)}`;
    await dialog.getByLabel('用户名').fill(username);
    await dialog.getByRole('button', { name: /创\s*建/ }).click();
    await admin.getByText('用户已创建').waitFor();
    const row = admin.getByRole('row', { name: new RegExp(username) });
    await row.getByText('护士', { exact: true }).waitFor();

    await row.getByRole('button', { name: '重置密码：李护士' }).click();
    const reset = admin.getByRole('dialog', { name: '重置 李护士 的密码' });
    await reset.getByLabel('新密码').fill('Second-Password-2026');
    await reset.getByRole('button', { name: /重置密码/ }).click();
    await admin.getByText('密码已重置，其登录已结束').waitFor();
    // The toasts gone, so the screenshot shows the menu.
    await admin.getByText('用户已创建').waitFor({ state: 'hidden' });
    await admin.getByText('密码已重置，其登录已结束').waitFor({ state: 'hidden' });
    await screenshot(admin, 'admin-users');
    expect(await seriousViolations(admin)).toEqual([]);

    // The old password fails at the login page, the new one opens her workbench.
    const newcomer = await newPage();
    await logIn(newcomer, username, 'First-Password-2026');
    await newcomer.getByRole('alert').getByText('用户名或密码错误').waitFor();
    await newcomer.getByLabel('密码').fill('Second-Password-2026');
    await newcomer.getByRole('button', { name: /登\s*录/ }).click();
    await newcomer.getByRole('heading', { name: '今日工作台' }).waitFor();
    await newcomer.context().close();
  });

  it('edits the visit schedule: an overlap lands on its field, then the fixed schedule is saved', async () => {
    await admin.getByRole('link', { name: '产检时间表' }).click();
    await admin.getByRole('heading', { name: '产检时间表' }).waitFor();
    await admin.getByText('国家基本公共卫生服务规范最低标准（至少 5 次）').waitFor();
    const start = admin.getByLabel('第 2 次 开始孕天');
    expect(await start.inputValue()).toBe('112');

    // Starting on ANC1's last day overlaps it: refused on that field, what she typed kept.
    await start.fill('90');
    await admin.getByRole('button', { name: '保存时间表' }).click();
    await admin.getByText('与上一个时间窗重叠').waitFor();
    await admin.getByRole('alert').getByText('产检计划有误').waitFor();
    expect(await start.inputValue()).toBe('90');

    // A day later it does not.
    await start.fill('91');
    await admin.getByLabel('第 2 次 名称').fill('孕13-20周');
    await admin.getByRole('button', { name: '保存时间表' }).click();
    await admin.getByText('产检时间表已保存').waitFor();
    await admin.getByText('本机构自定时间表').waitFor();
    expect(await admin.getByLabel('第 2 次 开始孕天').inputValue()).toBe('91');
    await admin.getByText('13+0 – 20+6').waitFor();
    await admin.getByText('产检时间表已保存').waitFor({ state: 'hidden' });
    await screenshot(admin, 'admin-schedule');
    expect(await seriousViolations(admin)).toEqual([]);
  });

  it("sets the facility's own target for an indicator named in Chinese", async () => {
    await admin.getByRole('link', { name: '指标目标' }).click();
    await admin.getByRole('heading', { name: '指标目标' }).waitFor();
    const row = admin.getByRole('row', { name: new RegExp(percent.code) });
    await row.getByText(percent.nameZh).waitFor();
    await row.getByText('按国家目标').waitFor();

    await row.getByRole('button', { name: `修改：${percent.nameZh}` }).click();
    const dialog = admin.getByRole('dialog', { name: `${percent.nameZh} 的本机构目标` });
    await dialog.getByLabel('目标值').fill('');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('必填').waitFor();
    await dialog.getByLabel('目标值').fill('95');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await admin.getByText('目标已保存').waitFor();
    await row.getByText('≥ 95.0%').waitFor();
    await admin.getByText('目标已保存').waitFor({ state: 'hidden' });
    await screenshot(admin, 'admin-targets');
    expect(await seriousViolations(admin)).toEqual([]);
  });

  it("lets a system admin pick another facility and see that facility's users", async () => {
    const page = await newPage();
    await logIn(page, systemAdmin.user.username);
    await page.waitForURL(/\/app\/admin\/users$/);
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    const picker = page.getByRole('combobox', { name: '机构' });
    await picker.click();
    await picker.fill(b.facility.code);
    // Typing the code leaves one facility; Enter picks it.
    await page.locator(`.ant-select-item-option[title*="${b.facility.code}"]`).waitFor();
    await page.keyboard.press('Enter');
    for (const user of Object.values(b.users)) {
      await page.getByRole('cell', { name: user.username }).waitFor();
    }
    expect(await page.getByText(a.users.nurse.username).count()).toBe(0);
    // Her choice holds on the other pages: the facility's targets.
    await page.getByRole('link', { name: '指标目标' }).click();
    await page.getByRole('heading', { name: '指标目标' }).waitFor();
    await page
      .getByRole('row', { name: new RegExp(percent.code) })
      .getByText('按国家目标')
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
