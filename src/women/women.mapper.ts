import { ageInYears } from './rules/registration-checks';
import type { Role } from '../core/auth/actor';
import { maskAddress, maskDocumentNumber, maskPhone } from '../core/privacy/masking';
import type { WomanInputDto } from './dto/registration.dto';
import {
  DatingScanDto,
  DuplicateSideDto,
  EddChangeDto,
  GestationalAgeDto,
  PossibleDuplicateDto,
  PregnancyDto,
  PregnancyListItemDto,
  WomanDto,
} from './dto/women-responses.dto';
import { DatingScan } from './dating-scan.entity';
import { EddChange } from './edd-change.entity';
import { PossibleDuplicate } from './possible-duplicate.entity';
import { Pregnancy } from './pregnancy.entity';
import { isSuboptimallyDated, SCAN_NOT_USED_TEXT } from './rules/dating-scans';
import { formatGestationalAge, gestationalAgeDays, trimesterOf } from './rules/gestational-age';
import { Woman } from './woman.entity';
import type { PregnancyListRow } from './pregnancies.service';
import { maskStoredDocumentNumber, maskStoredPhone } from '../core/privacy/identifier-cipher';

/** Roles that see a woman's full ID number and phone on her own record (each view is audited). */
export const FULL_IDENTITY_ROLES: readonly Role[] = ['nurse', 'mch_staff'];

export function gestationalAgeOn(edd: string, asOf: string): GestationalAgeDto | null {
  const days = gestationalAgeDays(edd, asOf);
  if (days < 0) return null;
  return { asOf, days, display: formatGestationalAge(days), trimester: trimesterOf(days) };
}

export function mapWoman(woman: Woman, unmasked: boolean): WomanDto {
  return {
    id: woman.id,
    documentType: woman.documentType,
    documentNumber: unmasked ? woman.documentNumber : maskDocumentNumber(woman.documentNumber),
    documentNumberMasked: !unmasked,
    name: woman.name,
    birthDate: woman.birthDate,
    phone: unmasked ? woman.phone : maskPhone(woman.phone),
    residenceRegionCode: woman.residenceRegionCode,
    residenceAddress: maskedAddress(woman.residenceAddress),
    residenceSince: woman.residenceSince,
    hukouRegionCode: woman.hukouRegionCode,
    hukouAddress: maskedAddress(woman.hukouAddress),
    householdType: woman.householdType,
    education: woman.education,
    occupation: woman.occupation,
    oddSequenceConfirmed: woman.oddSequenceConfirmed,
    mergedIntoId: woman.mergedIntoId,
    version: woman.version,
  };
}

export function mapPregnancy(pregnancy: Pregnancy, asOf: string): PregnancyDto {
  return {
    id: pregnancy.id,
    womanId: pregnancy.womanId,
    facilityId: pregnancy.facilityId,
    registrationDate: pregnancy.registrationDate,
    lmp: pregnancy.lmp,
    ultrasoundScanDate: pregnancy.ultrasoundScanDate,
    ultrasoundGaDays: pregnancy.ultrasoundGaDays,
    ivfTransferDate: pregnancy.ivfTransferDate,
    ivfEmbryoAgeDays: pregnancy.ivfEmbryoAgeDays,
    edd: pregnancy.edd,
    eddSource: pregnancy.eddSource,
    suboptimallyDated: isSuboptimallyDated({
      edd: pregnancy.edd,
      firstScanDate: pregnancy.ultrasoundScanDate,
      datedByIvf: pregnancy.eddSource === 'ivf',
    }),
    gestationalAgeAtRegistration: gestationalAgeOn(pregnancy.edd, pregnancy.registrationDate)!,
    gestationalAge: pregnancy.status === 'open' ? gestationalAgeOn(pregnancy.edd, asOf) : null,
    gravidity: pregnancy.gravidity,
    parity: pregnancy.parity,
    previousCaesareans: pregnancy.previousCaesareans,
    fetusCount: pregnancy.fetusCount,
    multiplePregnancy: pregnancy.fetusCount > 1,
    prePregnancyWeightKg: pregnancy.prePregnancyWeightKg,
    postpartumRegionCode: pregnancy.postpartumRegionCode,
    postpartumAddress: maskedAddress(pregnancy.postpartumAddress),
    handbookNumber: pregnancy.handbookNumber,
    status: pregnancy.status,
    statusDate: pregnancy.statusDate,
    statusReason: pregnancy.statusReason,
    endOutcome: pregnancy.endOutcome,
    outcomeDate: pregnancy.outcomeDate,
    riskColour: pregnancy.riskColour,
    riskPurple: pregnancy.riskPurple,
    lastVisitDate: pregnancy.lastVisitDate,
    mergedIntoId: pregnancy.mergedIntoId,
    version: pregnancy.version,
  };
}

export function mapPregnancyListItem(row: PregnancyListRow, asOf: string): PregnancyListItemDto {
  return {
    id: row.id,
    womanId: row.woman_id,
    name: row.name,
    age: ageInYears(row.birth_date, asOf),
    documentType: row.document_type,
    documentNumber: maskStoredDocumentNumber(row.document_number),
    phone: maskStoredPhone(row.phone),
    registrationDate: row.registration_date,
    handbookNumber: row.handbook_number,
    edd: row.edd,
    eddSource: row.edd_source,
    gestationalAge: row.status === 'open' ? gestationalAgeOn(row.edd, asOf) : null,
    status: row.status,
    riskColour: row.risk_colour,
    riskPurple: Boolean(row.risk_purple),
    facilityId: row.facility_id,
    facilityName: row.facility_name,
    version: row.version,
  };
}

/** `matched` is null when her record is held by other facilities only: nothing of it is shown. */
export function mapPossibleDuplicate(
  duplicate: PossibleDuplicate,
  matched: Pick<Woman, 'name' | 'documentNumber'> | null,
): PossibleDuplicateDto {
  return {
    id: duplicate.id,
    womanId: duplicate.womanId,
    matchedWomanId: matched ? duplicate.matchedWomanId : null,
    reason: duplicate.reason,
    matchedAtOtherFacility: matched === null,
    matchedName: matched?.name ?? null,
    matchedDocumentNumber: matched ? maskDocumentNumber(matched.documentNumber) : null,
    detectedAt: duplicate.detectedAt.toISOString(),
  };
}

/** One side of a possible duplicate; null when the caller's facility may not see her. */
export function mapDuplicateSide(
  womanId: number,
  woman: Pick<Woman, 'name' | 'documentNumber'> | null,
): DuplicateSideDto {
  return woman
    ? {
        womanId,
        name: woman.name,
        documentNumber: maskDocumentNumber(woman.documentNumber),
        atOtherFacility: false,
      }
    : { womanId: null, name: null, documentNumber: null, atOtherFacility: true };
}

/** Her details as the nurse typed them, the document number as stored (checked, normalised). */
export function typedDetails(typed: WomanInputDto, documentNumber: string) {
  return {
    documentType: typed.documentType,
    documentNumber,
    name: typed.name.trim(),
    birthDate: typed.birthDate,
    phone: typed.phone,
    residenceRegionCode: typed.residenceRegionCode,
    residenceAddress: typed.residenceAddress ?? null,
    residenceSince: typed.residenceSince ?? null,
    hukouRegionCode: typed.hukouRegionCode ?? null,
    hukouAddress: typed.hukouAddress ?? null,
    householdType: typed.householdType,
    education: typed.education ?? null,
    occupation: typed.occupation ?? null,
  };
}

/**
 * Her record as answered to a facility that registers her while it holds none of it: what its
 * nurse typed, with her record's id and version, and nothing else of the stored record.
 */
export function mapWomanAsTyped(
  woman: Pick<Woman, 'id' | 'version'>,
  typed: WomanInputDto,
  documentNumber: string,
  oddSequence: boolean,
): WomanDto {
  return {
    id: woman.id,
    ...typedDetails(typed, documentNumber),
    documentNumberMasked: false,
    oddSequenceConfirmed: oddSequence,
    mergedIntoId: null,
    version: woman.version,
  };
}

export function mapEddChange(change: EddChange): EddChangeDto {
  return {
    id: change.id,
    oldEdd: change.oldEdd,
    newEdd: change.newEdd,
    oldSource: change.oldSource,
    newSource: change.newSource,
    reason: change.reason,
    changedBy: change.changedBy,
    changedAt: change.changedAt.toISOString(),
  };
}

export function mapDatingScan(scan: DatingScan): DatingScanDto {
  return {
    id: scan.id,
    pregnancyId: scan.pregnancyId,
    scanDate: scan.scanDate,
    method: scan.method,
    gaDays: scan.gaDays,
    gaDisplay: formatGestationalAge(scan.gaDays),
    usedForDating: scan.usedForDating,
    notUsedReason: scan.notUsedReason,
    notUsedReasonText: scan.notUsedReason && SCAN_NOT_USED_TEXT[scan.notUsedReason],
    note: scan.note,
    facilityId: scan.facilityId,
    createdBy: scan.createdBy,
    createdAt: scan.createdAt.toISOString(),
  };
}

const maskedAddress = (address: string | null): string | null =>
  address === null ? null : maskAddress(address);
