import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { QueryFailedError } from 'typeorm';
import type { IndicatorExports } from './exports/indicator-exports.service';
import type { IndicatorEngine } from './indicator-engine.service';
import { ReplicaUnavailableError } from '../core/database/replica-reads';
import { IndicatorJobsProcessor, isTransient } from './indicator-jobs.processor';
import type { IndicatorPlanner } from './indicator-planner.service';

/** The Bull handlers @nestjs/bull registers for the class: one per decorated method. */
function registeredHandlers(): Array<{ name?: string; concurrency?: number }> {
  const prototype = IndicatorJobsProcessor.prototype as unknown as Record<string, unknown>;
  return Object.getOwnPropertyNames(prototype)
    .map((key) => Reflect.getMetadata('bull:module_queue_process', prototype[key] as object))
    .filter((options): options is { name?: string; concurrency?: number } => options !== undefined);
}

function job(name: string, data: object = {}): Job {
  return {
    id: `${name}:1`,
    name,
    data,
    progress: jest.fn(),
    discard: jest.fn(),
  } as unknown as Job;
}

describe('IndicatorJobsProcessor', () => {
  const engine = { compute: jest.fn() };
  const planner = { planDay: jest.fn() };
  const exports = { build: jest.fn(), fetch: jest.fn() };
  const processor = new IndicatorJobsProcessor(
    engine as unknown as IndicatorEngine,
    planner as unknown as IndicatorPlanner,
    exports as unknown as IndicatorExports,
  );

  beforeEach(() => {
    jest.resetAllMocks();
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  it('registers one handler at concurrency 1: Bull adds up the concurrency of every handler', () => {
    expect(registeredHandlers()).toEqual([{ name: '*', concurrency: 1 }]);
  });

  it('dispatches each job by its name', async () => {
    engine.compute.mockResolvedValue({ values: 3 });
    planner.planDay.mockResolvedValue({ day: '2026-12-04', enqueued: 2 });
    await expect(processor.handle(job('compute'))).resolves.toEqual({ values: 3 });
    await expect(processor.handle(job('plan', { day: '2026-12-04' }))).resolves.toMatchObject({
      enqueued: 2,
    });
    const unknown = job('recompute');
    await expect(processor.handle(unknown)).rejects.toThrow(/Unknown job recompute/);
    expect(unknown.discard).toHaveBeenCalled();
  });

  it('keeps the export another worker stored for the same job rather than failing', async () => {
    const stored = { filename: 'a.csv', contentType: 'text/csv', bytes: 10, content: 'x' };
    exports.fetch.mockRejectedValueOnce(new Error('not found')).mockResolvedValueOnce(stored);
    const duplicate = new QueryFailedError('INSERT', [], {
      code: 'ER_DUP_ENTRY',
      message: "Duplicate entry 'export:1' for key 'uq_indicator_export_job'",
    } as unknown as Error);
    exports.build.mockRejectedValue(duplicate);
    const exportJob = job('export', { scope: { facilityId: 1 }, period: '2026-01', format: 'csv' });
    await expect(processor.handle(exportJob)).resolves.toEqual({
      filename: 'a.csv',
      contentType: 'text/csv',
      bytes: 10,
    });
    expect(exportJob.discard).not.toHaveBeenCalled();
  });

  it.each([
    ['a replica behind the primary', new ReplicaUnavailableError('behind', 'behind'), true],
    ['a replica away', new ReplicaUnavailableError('unreachable', 'away'), true],
    [
      'the primary set aside',
      Object.assign(new Error('no node'), { code: 'POOL_NONEONLINE' }),
      true,
    ],
    ['a bad request', new Error('Facility 9 does not exist'), false],
  ])('retries a computation failed by %s: %s', async (_, error, retried) => {
    expect(isTransient(error)).toBe(retried);
    engine.compute.mockRejectedValue(error);
    const computeJob = job('compute', { scope: { facilityId: 1 }, period: '2026-01' });
    await expect(processor.handle(computeJob)).rejects.toBe(error);
    expect(computeJob.discard).toHaveBeenCalledTimes(retried ? 0 : 1);
  });
});
