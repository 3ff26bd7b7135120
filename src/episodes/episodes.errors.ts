import { DomainError } from '../core/errors/domain.error';

/**
 * No running episode for this document, name and birth date: the same answer whether the
 * document is unknown, the name or birth date differ, or her pregnancy has ended, so the search
 * tells nothing about who is registered where.
 */
export const episodeNotFound = () =>
  new DomainError(
    'EPISODE_NOT_FOUND',
    'No running pregnancy matches this document, name and birth date',
  );

export const alreadyParticipant = (role: string) =>
  new DomainError('ALREADY_PARTICIPANT', `Your facility already takes part in her care as ${role}`);

export const noticeNotFound = (id: number) =>
  new DomainError('NOTICE_NOT_FOUND', `Notice ${id} was not found for your facility`);

export const transferNotFound = (id: number) =>
  new DomainError('TRANSFER_NOT_FOUND', `Transfer ${id} was not found for your facility`);

/** Only the managing facility hands her over; only another participant asks to take her in. */
export const notManaging = () =>
  new DomainError(
    'NOT_MANAGING',
    'Only the facility that manages her hands her over; another facility asks to take her in',
  );

export const transferPending = () =>
  new DomainError(
    'TRANSFER_PENDING',
    'A transfer of her management is already pending: it is confirmed, returned or withdrawn first',
  );

/** Confirmed, returned or withdrawn already; or the side that asked tries to answer. */
export const transferNotAnswerable = (id: number, why: string) =>
  new DomainError('TRANSFER_NOT_ANSWERABLE', `Transfer ${id} cannot be answered: ${why}`);

/** Her pregnancy ended, closed or left the system: its episode changes manager no more. */
export const episodeNotRunning = (status: string) =>
  new DomainError(
    'EPISODE_NOT_RUNNING',
    `Her pregnancy is ${status}: only a running episode (open or delivered) changes manager`,
  );
