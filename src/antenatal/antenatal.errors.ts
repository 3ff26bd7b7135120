import { DomainError, ErrorDetail } from '../core/errors/domain.error';
import type { ScheduleProblem } from './rules/visit-schedule';

export const visitNotFound = (id: number) =>
  new DomainError('VISIT_NOT_FOUND', `Visit ${id} was not found in your facility`);

export const visitInvalid = (problems: ErrorDetail[]) =>
  new DomainError('VALIDATION_FAILED', 'The visit has invalid values', problems);

export const visitBeforeLmp = (visitDate: string, start: string) =>
  new DomainError(
    'VISIT_BEFORE_LMP',
    `A visit on ${visitDate} would be before the LMP (${start})`,
    [
      {
        field: 'visitDate',
        rule: 'notBeforeLmp',
        message: `visitDate must be on or after ${start}`,
      },
    ],
  );

export const visitAfterPregnancyEnd = (visitDate: string, end: string, status: string) =>
  new DomainError(
    'VISIT_AFTER_PREGNANCY_END',
    `The pregnancy is ${status} since ${end}; an antenatal visit on ${visitDate} cannot be recorded`,
    [
      {
        field: 'visitDate',
        rule: 'notAfterPregnancyEnd',
        message: `visitDate must be on or before ${end}`,
      },
    ],
  );

export const visitSameDay = (visitDate: string) =>
  new DomainError(
    'VISIT_SAME_DAY',
    `A visit on ${visitDate} is already recorded; set sameDayRepeat to record a second one`,
    [{ field: 'visitDate', rule: 'oneVisitPerDay', message: 'a visit on this day already exists' }],
  );

/** Each problem on the field of the window to correct (`windows[2].startDay`). */
export const scheduleInvalid = (problems: ScheduleProblem[]) =>
  new DomainError(
    'SCHEDULE_INVALID',
    'The visit schedule is not valid',
    problems.map(({ index, field, rule, message }) => ({
      field: index === null ? 'windows' : `windows[${index}]${field ? `.${field}` : ''}`,
      rule,
      message,
    })),
  );
