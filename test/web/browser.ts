import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { TEST_PASSWORD } from '../factories/people.factory';
import type { TestApp } from '../utils/test-app';

/** Screenshots of every main page, saved on each run for a person to look at (git-ignored). */
export const SCREENSHOTS = join(__dirname, '..', '..', '.local', 'screenshots');

/** Debian's Chromium (`CHROMIUM_PATH` elsewhere): nothing is downloaded. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=zh-CN'],
    // The UI locale of Chromium on Linux comes from the environment: date inputs read 年/月/日.
    env: { ...process.env, LANG: 'zh_CN.UTF-8', LANGUAGE: 'zh_CN:zh' },
  });
}

/** A page of the desk as the ward sees it: in Chinese, on a laptop's screen. */
export async function newDeskPage(
  browser: Browser,
  viewport = { width: 1366, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport });
  return context.newPage();
}

/** Logged in through the login page; each role lands on its own home page, in the frame. */
export async function logIn(page: Page, url: string, username: string): Promise<void> {
  await page.goto(`${url}/app/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('button', { name: /退\s*出/ }).waitFor();
}

/** `minutesAgo` before now as a `datetime-local` input takes it, in hospital time (UTC+8). */
export function hospitalLocal(minutesAgo = 0): string {
  return new Date(Date.now() + 8 * 3600_000 - minutesAgo * 60_000).toISOString().slice(0, 16);
}

/** The test app listening on a free port: the browser reaches the real service there. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = (t.app.getHttpServer() as unknown as Server).address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Transitions finished: a tab just switched shows as it settles, not half faded.
  await page.screenshot({
    path: join(SCREENSHOTS, `${name}.png`),
    fullPage: true,
    animations: 'disabled',
  });
}

/** Serious or critical accessibility violations of the page as it stands (axe-core). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Measured numbers of the browser run, printed and kept in .local for the closing note. */
export function recordMetrics(name: string, metrics: Record<string, number>): void {
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(join(SCREENSHOTS, `${name}.json`), JSON.stringify(metrics, null, 2));
  console.log(`[web] ${name}: ${JSON.stringify(metrics)}`);
}
