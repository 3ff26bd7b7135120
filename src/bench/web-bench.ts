import { cpus, totalmem } from 'node:os';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

/**
 * `npm run bench:web -- [--url http://localhost:3000] [--runs 7]`: against a running service
 * with the demo data (`npm run demo`), in Debian's Chromium, logs in as the demo nurse and prints
 * the medians of: navigation to the workbench until its call list can be used, the JavaScript the
 * login and the workbench load (gzip-compressed as a server would send it), and a visit saved
 * from the key press to its row in the table (on a demo woman, one past day per run; each run
 * adds a visit to the demo data). Then, as the demo's MCH doctor, navigation to the indicator
 * dashboard of last month until its group cards and first trend chart are drawn.
 */

function arg(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile95 = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1];

async function main(): Promise<void> {
  const url = arg('url', 'http://localhost:3000');
  const runs = Number(arg('runs', '7'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=zh-CN'],
  });
  try {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1366, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${url}/app/login`);
    await page.getByLabel('用户名').fill('nurse.f1');
    await page.getByLabel('密码').fill('Demo-Nurse-2026');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('heading', { name: '今日工作台' }).waitFor();
    const scripts = await page.evaluate<string[]>(
      "performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js'))",
    );
    let gzipBytes = 0;
    for (const script of scripts) {
      gzipBytes += gzipSync(Buffer.from(await (await fetch(script)).arrayBuffer())).length;
    }

    const workbench: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const started = Date.now();
      await page.goto(`${url}/app/workbench`);
      await page
        .getByRole('button', { name: /^登记电话/ })
        .first()
        .waitFor();
      workbench.push(Date.now() - started);
    }

    // A woman of the call list, seen on past days she has no visit on yet.
    await page.locator('#overdue .ant-table-row a').first().click();
    await page.getByTestId('ga').waitFor();
    const saves: number[] = [];
    for (let day = 1; saves.length < runs && day < 120; day += 1) {
      const date = new Date(Date.now() + 8 * 3600_000 - day * 86_400_000)
        .toISOString()
        .slice(0, 10);
      if ((await page.getByRole('cell', { name: date, exact: true }).count()) > 0) continue;
      await page.getByLabel('产检日期').fill(date);
      await page.getByLabel('体重 (kg)').fill('60');
      const started = Date.now();
      await page.getByLabel('体重 (kg)').press('Enter');
      const saved = await page
        .getByRole('cell', { name: date, exact: true })
        .waitFor({ timeout: 5000 })
        .then(() => true)
        .catch(() => false);
      if (saved) saves.push(Date.now() - started);
      else await page.reload();
    }

    const office = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
    });
    const desk = await office.newPage();
    await desk.goto(`${url}/app/login`);
    await desk.getByLabel('用户名').fill('mch.f1');
    await desk.getByLabel('密码').fill('Demo-Mch-2026');
    await desk.getByRole('button', { name: /登\s*录/ }).click();
    await desk.getByRole('heading', { name: '今日工作台' }).waitFor();
    const dashboard: number[] = [];
    let notComputed = 0;
    for (let i = 0; i < runs; i += 1) {
      const started = Date.now();
      await desk.goto(`${url}/app/indicators`);
      await desk.getByRole('link', { name: /^BF-01/ }).waitFor();
      await desk.locator('.ant-card [role="img"] svg').first().waitFor();
      dashboard.push(Date.now() - started);
      notComputed = await desk.getByText('未计算', { exact: true }).count();
    }

    console.log(
      `Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    );
    console.log(
      `indicator dashboard, last month, to its cards and charts  median ${median(dashboard)} ms  runs ${dashboard.join(' ')}  (${notComputed} values shown as not computed)`,
    );
    console.log(
      `workbench, navigation to a usable call list   median ${median(workbench)} ms  runs ${workbench.join(' ')}`,
    );
    console.log(
      `JavaScript of the login and the workbench    ${scripts.length} files, ${Math.round(gzipBytes / 1024)} KB gzip`,
    );
    if (saves.length > 0) {
      console.log(
        `visit saved, key press to its row            median ${median(saves)} ms  p95 ${percentile95(saves)} ms  (${saves.length} saves)`,
      );
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
