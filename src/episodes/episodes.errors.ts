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
