import { DomainError, ErrorDetail } from '../core/errors/domain.error';

export const catalogueNotFound = (version: string) =>
  new DomainError('RISK_CATALOGUE_NOT_FOUND', `Risk catalogue ${version} does not exist`, [
    { field: 'catalogueVersion', rule: 'exists', message: `no catalogue ${version}` },
  ]);

export const catalogueInvalid = (problems: ErrorDetail[]) =>
  new DomainError('RISK_CATALOGUE_INVALID', 'The risk catalogue is not valid', problems);

export const catalogueVersionTaken = (version: string) =>
  new DomainError('RISK_CATALOGUE_VERSION_TAKEN', `Catalogue version ${version} already exists`, [
    { field: 'version', rule: 'unique', message: 'version is already used' },
  ]);

export const factorUnknown = (problems: ErrorDetail[]) =>
  new DomainError('RISK_FACTOR_UNKNOWN', 'Some factor codes are not in the catalogue', problems);

export const factorDerived = (problems: ErrorDetail[]) =>
  new DomainError(
    'RISK_FACTOR_DERIVED',
    'Some factors are derived from recorded data and cannot be ticked; record the measurement instead',
    problems,
  );

export const caseNotFound = (id: number) =>
  new DomainError(
    'HIGH_RISK_CASE_NOT_FOUND',
    `High-risk case ${id} was not found in your facility`,
  );

export const caseClosed = (id: number) =>
  new DomainError('HIGH_RISK_CASE_CLOSED', `High-risk case ${id} is closed`);

export const referralNotFound = (id: number) =>
  new DomainError('REFERRAL_NOT_FOUND', `Referral ${id} was not found in your facility`);

/** Received or declined already: the receiver answers a referral once. */
export const referralAlreadyAnswered = (id: number) =>
  new DomainError('REFERRAL_ALREADY_ANSWERED', `Referral ${id} was already received or declined`);

export const referralAlreadyFollowedUp = (id: number) =>
  new DomainError(
    'REFERRAL_ALREADY_FOLLOWED_UP',
    `The result of referral ${id} was already followed up`,
  );

export const reportNotFound = (id: number) =>
  new DomainError('RISK_REPORT_NOT_FOUND', `Report ${id} was not found in your facility`);

export const reportAlreadySent = (id: number) =>
  new DomainError('RISK_REPORT_ALREADY_SENT', `Report ${id} was already recorded as sent`);

export const clinicianNotFound = (id: number) =>
  new DomainError('CLINICIAN_NOT_FOUND', `User ${id} is not a clinician of your facility`, [
    {
      field: 'responsibleClinicianId',
      rule: 'userOfFacility',
      message: 'no such user in your facility',
    },
  ]);

export const riskInputInvalid = (problems: ErrorDetail[]) =>
  new DomainError('VALIDATION_FAILED', 'The request has invalid values', problems);
