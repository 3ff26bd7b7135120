import { DomainError, ErrorDetail } from '../core/errors/domain.error';
import type { PregnancyStatus } from './rules/pregnancy-status';

export const womanNotFound = (id: number) =>
  new DomainError('WOMAN_NOT_FOUND', `Woman ${id} was not found in your facility`);

export const pregnancyNotFound = (id: number) =>
  new DomainError('PREGNANCY_NOT_FOUND', `Pregnancy ${id} was not found in your facility`);

export const registrationInvalid = (problems: ErrorDetail[]) =>
  new DomainError('VALIDATION_FAILED', 'The registration has invalid values', problems);

export const residentIdInvalid = (problems: ErrorDetail[]) =>
  new DomainError('RESIDENT_ID_INVALID', 'The resident ID number is not valid', problems);

export const datingEvidenceMissing = (problems: ErrorDetail[]) =>
  new DomainError('DATING_EVIDENCE_MISSING', 'The pregnancy cannot be dated', problems);

export const datingInconsistent = (problems: ErrorDetail[]) =>
  new DomainError('DATING_INCONSISTENT', 'The dates of the pregnancy do not agree', problems);

export const oddSequenceNeedsOverride = (field: string) =>
  new DomainError(
    'RESIDENT_ID_MALE_SEQUENCE',
    "The ID's sequence digit is odd, which marks a man's ID: often the husband's typed by mistake. Check the card; to accept it, send confirmOddSequence with overrideReason",
    [
      {
        field,
        rule: 'oddSequenceOverride',
        message: 'confirmOddSequence and overrideReason are required for an odd sequence digit',
      },
    ],
  );

export const documentNameMismatch = (field: string) =>
  new DomainError(
    'DOCUMENT_NAME_MISMATCH',
    'This document is already registered under another name; check the document or correct the name on her record',
    [
      {
        field,
        rule: 'matchesExistingRecord',
        message: 'name differs from the record of this document',
      },
    ],
  );

export const birthDateMismatch = (message: string, problems: ErrorDetail[]) =>
  new DomainError('BIRTH_DATE_MISMATCH', message, problems);

export const pregnancyAlreadyOpen = (womanId: number) =>
  new DomainError(
    'PREGNANCY_ALREADY_OPEN',
    `Woman ${womanId} already has an open pregnancy; close, end or transfer it first`,
  );

export const transitionInvalid = (from: PregnancyStatus, to: PregnancyStatus) =>
  new DomainError(
    'PREGNANCY_STATUS_TRANSITION_INVALID',
    `A pregnancy cannot go from ${from} to ${to}`,
    [{ field: 'status', rule: 'allowedTransition', message: `${from} → ${to} is not allowed` }],
  );

export const pregnancyNotOpen = (status: PregnancyStatus) =>
  new DomainError(
    'PREGNANCY_NOT_OPEN',
    `Only an open pregnancy can be re-dated; this one is ${status}`,
  );

export const deliveryRequired = () =>
  new DomainError(
    'DELIVERY_REQUIRED',
    'A pregnancy becomes delivered by recording its delivery: POST /pregnancies/{id}/delivery',
    [{ field: 'status', rule: 'throughDelivery', message: 'record the delivery instead' }],
  );
