import { DomainError, ErrorDetail } from '../core/errors/domain.error';

export const testNotFound = (id: number) =>
  new DomainError('PMTCT_TEST_NOT_FOUND', `Test ${id} was not found in your facility`);

export const treatmentNotFound = (id: number) =>
  new DomainError('PMTCT_TREATMENT_NOT_FOUND', `Treatment ${id} was not found in your facility`);

export const infantNotFound = (id: number) =>
  new DomainError(
    'EXPOSED_INFANT_NOT_FOUND',
    `Exposed infant ${id} was not found in your facility`,
  );

export const infantExists = (birthOrder: number) =>
  new DomainError(
    'EXPOSED_INFANT_EXISTS',
    `Baby ${birthOrder} of this pregnancy is already recorded`,
    [{ field: 'birthOrder', rule: 'unique', message: 'this baby is already recorded' }],
  );

export const notConfirmedPositive = (field: string, disease: string) =>
  new DomainError(
    'NOT_CONFIRMED_POSITIVE',
    `The mother has no confirmed positive ${disease} result; this intervention is not for her`,
    [{ field, rule: 'confirmedPositive', message: `needs a confirmed positive ${disease} result` }],
  );

export const pmtctInvalid = (problems: ErrorDetail[]) =>
  new DomainError('PMTCT_RECORD_INVALID', 'The record has invalid values', problems);

export const followUpUnknown = (code: string) =>
  new DomainError('FOLLOW_UP_UNKNOWN', `${code} is not in this child's follow-up schedule`, [
    { field: 'code', rule: 'inSchedule', message: `${code} is not due for this child` },
  ]);

export const exposureExcluded = (field: string, disease: string, excludedOn: string) =>
  new DomainError(
    'EXPOSURE_EXCLUDED',
    `A negative confirmatory ${disease} result on ${excludedOn} stopped this baby's ${disease} doses`,
    [
      {
        field,
        rule: 'notExcluded',
        message: `${disease} exposure excluded on ${excludedOn}: no further doses`,
      },
    ],
  );
