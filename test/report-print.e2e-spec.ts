import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getQueueToken } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { QUEUES } from '../src/core/queue/queue.constants';
import { addDays } from '../src/core/time/calendar-date';
import { periodContaining, previousPeriod } from '../src/indicators/periods';
import { deliveryPayload, tenOClockOn } from './factories/delivery.factory';
import { createStaffedFacility, Staff } from './factories/people.factory';
import { registrationPayload, today } from './factories/registration.factory';
import { bearer, loginWith } from './utils/auth';
import { createTestApp, TestApp } from './utils/test-app';

const run = promisify(execFile);

/** A4 in PostScript points, as pdfinfo prints a page size. */
const A4_LONG = 841.89;
const A4_SHORT = 595.276;

/**
 * The bureau's xlsx as it prints (issue 17): converted to PDF by LibreOffice (Debian's
 * libreoffice-calc-nogui), every sheet is one A4 landscape page wide, its Chinese is in the PDF's
 * text layer (pdftotext), with the 填报单位 / 负责人 / 填表人 / 报出日期 block.
 */
// LibreOffice starts in a few seconds on this machine; the first start builds its profile.
jest.setTimeout(180_000);

describe('the bureau report printed', () => {
  let t: TestApp;
  let queue: Queue;
  let staff: Staff;
  let work: string;
  const month = previousPeriod(periodContaining('month', today()));

  beforeAll(async () => {
    t = await createTestApp();
    queue = t.app.get<Queue>(getQueueToken(QUEUES.indicators));
    staff = await createStaffedFacility(t.dataSource, loginWith(t));
    work = mkdtempSync(join(tmpdir(), 'mch-report-'));
    const day = addDays(month.from, 9);
    const registered = await t
      .http()
      .post('/registrations')
      .set(bearer(staff.tokens.nurse))
      .send(
        registrationPayload({
          pregnancy: { lmp: addDays(day, -275), registrationDate: addDays(day, -200) },
        }),
      )
      .expect(201);
    await t
      .http()
      .post(`/pregnancies/${registered.body.pregnancy.id}/delivery`)
      .set(bearer(staff.tokens.nurse))
      .send(deliveryPayload(tenOClockOn(day)))
      .expect(201);
    const computing = await t
      .http()
      .post('/indicator-computations')
      .set(bearer(staff.tokens.statistician))
      .send({ period: month.key })
      .expect(202);
    await ((await queue.getJob(computing.body.jobId as string)) as Job).finished();
  });

  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    await t.close();
  });

  it('prints each sheet on A4 landscape, one page wide, with its Chinese and the sign-off block', async () => {
    const { body } = await t
      .http()
      .get('/indicator-exports')
      .query({ period: month.key, format: 'xlsx' })
      .set(bearer(staff.tokens.statistician))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const xlsx = join(work, 'report.xlsx');
    writeFileSync(xlsx, body as Buffer);

    await run('soffice', [
      `-env:UserInstallation=file://${join(work, 'profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      work,
      xlsx,
    ]);
    expect(readdirSync(work)).toContain('report.pdf');
    const pdf = join(work, 'report.pdf');

    const { stdout: info } = await run('pdfinfo', ['-l', '100', pdf]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    // One page per sheet: six indicator groups and the versions sheet, none wider than a page.
    expect(pages).toBe(7);
    const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    expect(sizes).toHaveLength(pages);
    for (const [width, height] of sizes) {
      expect(width).toBeCloseTo(A4_LONG, 0);
      expect(height).toBeCloseTo(A4_SHORT, 0);
    }

    const { stdout: text } = await run('pdftotext', ['-layout', pdf, '-']);
    expect(text).toContain('早吸吮率');
    expect(text).toContain(`填报单位：${staff.facility.name}`);
    expect(text).toContain('负责人：');
    expect(text).toContain(`填表人：${staff.users.statistician.displayName}`);
    expect(text).toContain(`报出日期：${today()}`);
  });
});
