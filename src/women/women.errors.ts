import { DomainError, ErrorDetail, fieldError } from '../core/errors/domain.error';
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

/**
 * The document is known and the name or the birth date differs from its record. One answer for
 * both fields, whichever facility holds the record: it must not tell which field was wrong, nor
 * whether the caller's facility could see the record (issue 12).
 */
export const documentIdentityMismatch = (prefix: string) =>
  new DomainError(
    'DOCUMENT_NAME_MISMATCH',
    'This document is already registered with another name or birth date; check the document, the name and the birth date',
    [
      {
        field: `${prefix}name`,
        rule: 'matchesExistingRecord',
        message: 'name and birth date must match the record of this document',
      },
      {
        field: `${prefix}birthDate`,
        rule: 'matchesExistingRecord',
        message: 'name and birth date must match the record of this document',
      },
    ],
  );

export const birthDateMismatch = (message: string, problems: ErrorDetail[]) =>
  new DomainError('BIRTH_DATE_MISMATCH', message, problems);

/** Worded without her id or where the pregnancy is: the caller's facility may not hold it. */
export const pregnancyAlreadyOpen = () =>
  new DomainError(
    'PREGNANCY_ALREADY_OPEN',
    'She already has an open pregnancy; close, end or transfer it first',
  );

export const handbookNumberTaken = (field: string) =>
  fieldError(
    'HANDBOOK_NUMBER_TAKEN',
    field,
    'unique',
    'handbookNumber is already written on another pregnancy',
  );

export const transitionInvalid = (from: PregnancyStatus, to: PregnancyStatus) =>
  new DomainError(
    'PREGNANCY_STATUS_TRANSITION_INVALID',
    `A pregnancy cannot go from ${from} to ${to}`,
    [{ field: 'status', rule: 'allowedTransition', message: `${from} → ${to} is not allowed` }],
  );

export const pregnancyNotOpen = (status: PregnancyStatus, action = 'be re-dated') =>
  new DomainError(
    'PREGNANCY_NOT_OPEN',
    `Only an open pregnancy can ${action}; this one is ${status}`,
  );

/** Worded without the later pregnancy's dates or facility: the caller may not hold it. */
export const pregnancySuperseded = () =>
  new DomainError(
    'PREGNANCY_SUPERSEDED',
    'A later pregnancy of hers has been registered since; this episode cannot be reopened',
    [{ field: 'status', rule: 'noLaterPregnancy', message: 'a later pregnancy is registered' }],
  );

export const deliveryRequired = () =>
  new DomainError(
    'DELIVERY_REQUIRED',
    'A pregnancy becomes delivered by recording its delivery: POST /pregnancies/{id}/delivery',
    [{ field: 'status', rule: 'throughDelivery', message: 'record the delivery instead' }],
  );

export const possibleDuplicateNotFound = (id: number) =>
  new DomainError(
    'POSSIBLE_DUPLICATE_NOT_FOUND',
    `Possible duplicate ${id} was not found in your facility`,
  );

export const mergeReviewExists = (possibleDuplicateId: number) =>
  new DomainError(
    'MERGE_REVIEW_EXISTS',
    `A merge review of possible duplicate ${possibleDuplicateId} was already requested`,
  );

export const mergeReviewNotFound = (id: number) =>
  new DomainError('MERGE_REVIEW_NOT_FOUND', `Merge review ${id} was not found for your facility`);

export const notTheReviewer = (reviewingFacilityId: number) =>
  new DomainError(
    'MERGE_REVIEW_NOT_REVIEWER',
    `Only MCH staff of facility ${reviewingFacilityId}, which manages the matched record, decide this review`,
  );

export const mergeReviewDecided = (status: string, expected: string) =>
  new DomainError(
    'MERGE_REVIEW_DECIDED',
    `This review is ${status}; only a ${expected} review can take this step`,
    [{ field: 'status', rule: expected, message: `the review is ${status}` }],
  );

export const keptWomanNotInReview = (womanIds: readonly number[]) =>
  new DomainError('VALIDATION_FAILED', 'keepWomanId must be one of the two women of the review', [
    {
      field: 'keepWomanId',
      rule: 'isOneOf',
      message: `keepWomanId must be ${womanIds.join(' or ')}`,
    },
  ]);

export const womanAlreadyMerged = (womanId: number, mergedIntoId: number) =>
  new DomainError(
    'WOMAN_ALREADY_MERGED',
    `Woman ${womanId} was already merged into woman ${mergedIntoId}: review that record instead`,
  );

/** A record both copies hold once per pregnancy: someone must settle which is right first. */
export const mergeConflict = (rule: string, message: string) =>
  new DomainError('MERGE_CONFLICT', `The records cannot be joined: ${message}`, [
    { field: 'keepWomanId', rule, message },
  ]);

export const mergeNotLatest = (laterReviewIds: readonly number[]) =>
  new DomainError(
    'MERGE_NOT_LATEST',
    `A later merge of one of these women (review ${laterReviewIds.join(', ')}) must be undone first`,
  );

/** A corrected document number that is already another woman's record. */
export const documentTaken = () =>
  new DomainError(
    'DOCUMENT_TAKEN',
    "This document is already another woman's record: if they are one woman, ask MCH staff for a merge review",
    [
      {
        field: 'documentNumber',
        rule: 'onePersonPerDocument',
        message: 'documentNumber belongs to another record',
      },
    ],
  );
