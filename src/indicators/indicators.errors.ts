import { DomainError } from '../core/errors/domain.error';

export const indicatorNotFound = (code: string) =>
  new DomainError('INDICATOR_NOT_FOUND', `No indicator ${code}`, [
    {
      field: 'code',
      rule: 'exists',
      message: `${code} is not an indicator code (GET /indicators)`,
    },
  ]);

export const noFailedCases = (code: string) =>
  new DomainError('VALIDATION_FAILED', `${code} has no failed cases to list`, [
    {
      field: 'role',
      rule: 'hasFailedCases',
      message: `role failed does not apply to ${code}: its numerator does not count cases of its denominator one each`,
    },
  ]);

export const computationNotFound = (jobId: string) =>
  new DomainError('COMPUTATION_NOT_FOUND', `No indicator computation ${jobId}`);

export const exportNotFound = (jobId: string) =>
  new DomainError('EXPORT_NOT_FOUND', `No indicator export ${jobId}, or its file has expired`);

export const exportNotReady = (jobId: string, state: string) =>
  new DomainError('EXPORT_NOT_READY', `Export ${jobId} is ${state}; the file is not ready yet`);

export const regionNotFound = (regionCode: string) =>
  new DomainError('REGION_NOT_FOUND', `No facility has region code ${regionCode}`, [
    { field: 'regionCode', rule: 'exists', message: `no facility is in region ${regionCode}` },
  ]);
