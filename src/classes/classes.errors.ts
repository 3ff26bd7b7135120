import { DomainError, ErrorDetail } from '../core/errors/domain.error';

export const topicNotFound = (code: string) =>
  new DomainError('CLASS_TOPIC_NOT_FOUND', `No class topic ${code}`, [
    {
      field: 'topicCode',
      rule: 'exists',
      message: `topicCode ${code} is not in the topic catalogue`,
    },
  ]);

export const topicTaken = (code: string) =>
  new DomainError('CLASS_TOPIC_TAKEN', `Topic ${code} already exists`, [
    { field: 'code', rule: 'unique', message: 'code is already used' },
  ]);

export const sessionNotFound = (id: number) =>
  new DomainError('CLASS_SESSION_NOT_FOUND', `Class session ${id} was not found in your facility`);

export const checkInBeforeSession = (sessionDate: string) =>
  new DomainError(
    'CHECK_IN_BEFORE_SESSION',
    `The session is on ${sessionDate}; check-in opens that day`,
    [
      {
        field: 'sessionId',
        rule: 'notBeforeSessionDate',
        message: `check-in opens on ${sessionDate}`,
      },
    ],
  );

export const attendanceDuplicate = (problems: ErrorDetail[]) =>
  new DomainError(
    'ATTENDANCE_DUPLICATE',
    'A woman is already on the register of this session',
    problems,
  );

export const sessionFull = (capacity: number, taken: number, asked: number) =>
  new DomainError(
    'SESSION_FULL',
    `The session has ${capacity} seats, ${taken} taken; ${asked} more do not fit`,
    [
      {
        field: 'attendees',
        rule: 'withinCapacity',
        message: `only ${capacity - taken} seats left`,
      },
    ],
  );

export const attendeeNotFound = (problems: ErrorDetail[]) =>
  new DomainError('ATTENDEE_NOT_FOUND', "Some women are not in your facility's records", problems);

export const checkInTimeInvalid = (field: string, sessionDate: string) =>
  new DomainError('VALIDATION_FAILED', 'The check-in time is not plausible', [
    {
      field,
      rule: 'sessionDayToNow',
      message: `checkedInAt must be between ${sessionDate} and now`,
    },
  ]);
