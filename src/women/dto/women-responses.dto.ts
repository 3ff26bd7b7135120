import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMetaDto } from '../../core/http/pagination';
import { MERGE_REVIEW_STATUSES } from '../merge-review.entity';
import { DUPLICATE_REASONS } from '../possible-duplicate.entity';
import { EDD_SOURCES } from '../pregnancy.entity';
import { SCAN_METHODS, SCAN_NOT_USED_REASONS } from '../rules/dating-scans';
import { TRIMESTERS } from '../rules/gestational-age';
import { END_OUTCOMES, PREGNANCY_STATUSES } from '../rules/pregnancy-status';
import { DOCUMENT_TYPES, EDUCATION_LEVELS, HOUSEHOLD_TYPES } from '../woman.entity';

export class GestationalAgeDto {
  @ApiProperty({ example: '2026-11-22' }) asOf: string;
  @ApiProperty({ example: 252 }) days: number;
  @ApiProperty({ example: '36+0' }) display: string;
  @ApiProperty({ enum: TRIMESTERS, description: '孕早期 / 孕中期 / 孕晚期' })
  trimester: string;
}

const ADDRESS_MASKED =
  'Masked (its first six characters); GET /women/{id}/contact shows it in full (audited)';

export class WomanDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: DOCUMENT_TYPES }) documentType: string;
  @ApiProperty({ description: 'Masked unless the caller may see it in full' })
  documentNumber: string;
  @ApiProperty() documentNumberMasked: boolean;
  @ApiProperty() name: string;
  @ApiProperty() birthDate: string;
  @ApiProperty({ description: 'Masked unless the caller may see it in full' }) phone: string;
  @ApiProperty() residenceRegionCode: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: ADDRESS_MASKED })
  residenceAddress: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) residenceSince: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) hukouRegionCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: ADDRESS_MASKED })
  hukouAddress: string | null;
  @ApiProperty({ enum: HOUSEHOLD_TYPES }) householdType: string;
  @ApiPropertyOptional({ enum: EDUCATION_LEVELS, nullable: true }) education: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) occupation: string | null;
  @ApiProperty() oddSequenceConfirmed: boolean;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Set when a merge review found this record to be that woman: go there',
  })
  mergedIntoId: number | null;
  @ApiProperty() version: number;
}

export class PregnancyDto {
  @ApiProperty() id: number;
  @ApiProperty() womanId: number;
  @ApiProperty() facilityId: number;
  @ApiProperty() registrationDate: string;
  @ApiPropertyOptional({ nullable: true, type: String }) lmp: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Her earliest scan, the one that takes part in the dating',
  })
  ultrasoundScanDate: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) ultrasoundGaDays: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) ivfTransferDate: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) ivfEmbryoAgeDays: number | null;
  @ApiProperty({ example: '2026-12-20' }) edd: string;
  @ApiProperty({ enum: EDD_SOURCES }) eddSource: string;
  @ApiProperty({
    description:
      'First scanned at 22+0 or later (ACOG CO 700): the EDD rests on a late scan or the LMP alone',
  })
  suboptimallyDated: boolean;
  @ApiProperty({ type: GestationalAgeDto, description: 'Gestational age at registration' })
  gestationalAgeAtRegistration: GestationalAgeDto;
  @ApiPropertyOptional({
    type: GestationalAgeDto,
    nullable: true,
    description: 'As of the requested date, while open',
  })
  gestationalAge: GestationalAgeDto | null;
  @ApiProperty() gravidity: number;
  @ApiProperty() parity: number;
  @ApiProperty() previousCaesareans: number;
  @ApiProperty() fetusCount: number;
  @ApiProperty() multiplePregnancy: boolean;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'kg, as given at registration',
  })
  prePregnancyWeightKg: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: '产休地 region code' })
  postpartumRegionCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: ADDRESS_MASKED })
  postpartumAddress: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: '母子健康手册 number' })
  handbookNumber: string | null;
  @ApiProperty({ enum: PREGNANCY_STATUSES }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) statusDate: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) statusReason: string | null;
  @ApiPropertyOptional({ enum: END_OUTCOMES, nullable: true }) endOutcome: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Delivery, end or death date' })
  outcomeDate: string | null;
  @ApiPropertyOptional({
    enum: ['green', 'yellow', 'orange', 'red'],
    nullable: true,
    description: 'Latest risk grading; null until screened',
  })
  riskColour: string | null;
  @ApiProperty({ description: 'PURPLE (infectious disease) flag of the latest grading' })
  riskPurple: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) lastVisitDate: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'With status merged: the pregnancy that carries her records now',
  })
  mergedIntoId: number | null;
  @ApiProperty() version: number;
}

export class PregnancyWithWomanDto extends PregnancyDto {
  @ApiProperty({ type: WomanDto }) woman: WomanDto;
}

export class PregnancyListItemDto {
  @ApiProperty() id: number;
  @ApiProperty() womanId: number;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Completed years today' }) age: number;
  @ApiProperty({ enum: DOCUMENT_TYPES }) documentType: string;
  @ApiProperty({ example: '110105********002X' }) documentNumber: string;
  @ApiProperty({ example: '138****1234' }) phone: string;
  @ApiProperty() registrationDate: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: '母子健康手册 number' })
  handbookNumber: string | null;
  @ApiProperty() edd: string;
  @ApiProperty({ enum: EDD_SOURCES }) eddSource: string;
  @ApiPropertyOptional({ type: GestationalAgeDto, nullable: true })
  gestationalAge: GestationalAgeDto | null;
  @ApiProperty({ enum: PREGNANCY_STATUSES }) status: string;
  @ApiPropertyOptional({
    enum: ['green', 'yellow', 'orange', 'red'],
    nullable: true,
    description: 'Latest risk grading; null until screened',
  })
  riskColour: string | null;
  @ApiProperty() riskPurple: boolean;
  @ApiProperty({ description: 'The managing facility' }) facilityId: number;
  @ApiPropertyOptional({ nullable: true, type: String }) facilityName: string | null;
  @ApiProperty() version: number;
}

export class PregnancyPageDto extends PageMetaDto {
  @ApiProperty({ type: [PregnancyListItemDto] }) items: PregnancyListItemDto[];
}

export class PossibleDuplicateDto {
  @ApiProperty() id: number;
  @ApiProperty() womanId: number;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Null when the matching record is at another facility',
  })
  matchedWomanId: number | null;
  @ApiProperty({ enum: DUPLICATE_REASONS }) reason: string;
  @ApiProperty({
    description:
      'A record at another facility matches: its name and document are not shown; mch_staff may ask for a merge review',
  })
  matchedAtOtherFacility: boolean;
  @ApiPropertyOptional({ example: '李娜', nullable: true, type: String })
  matchedName: string | null;
  @ApiPropertyOptional({ example: '110105********002X', nullable: true, type: String })
  matchedDocumentNumber: string | null;
  @ApiProperty() detectedAt: string;
}

export class PossibleDuplicatePageDto extends PageMetaDto {
  @ApiProperty({ type: [PossibleDuplicateDto] }) items: PossibleDuplicateDto[];
}

export class WomanRegistrationResultDto {
  @ApiProperty({ type: WomanDto }) woman: WomanDto;
  @ApiProperty({ description: 'True when the document was already known and her record reused' })
  existingWoman: boolean;
  @ApiProperty({
    description:
      'False when her record is held by other facilities only: it is left unchanged, and `woman` shows only what was typed',
  })
  contactDetailsApplied: boolean;
  @ApiProperty({ type: [PossibleDuplicateDto] }) possibleDuplicates: PossibleDuplicateDto[];
}

export class DocumentCorrectionResultDto {
  @ApiProperty({ type: WomanDto }) woman: WomanDto;
  @ApiProperty({
    type: [PossibleDuplicateDto],
    description: 'Other women with her name and birth date, or her phone, flagged again',
  })
  possibleDuplicates: PossibleDuplicateDto[];
}

export class RegistrationResultDto {
  @ApiProperty({ type: WomanDto }) woman: WomanDto;
  @ApiProperty({ type: PregnancyDto }) pregnancy: PregnancyDto;
  @ApiProperty({ description: 'True when the document was already known and her record reused' })
  existingWoman: boolean;
  @ApiProperty({
    description:
      'False when her record is held by other facilities only: it is left unchanged, and `woman` shows only what was typed',
  })
  contactDetailsApplied: boolean;
  @ApiProperty({ type: [PossibleDuplicateDto] }) possibleDuplicates: PossibleDuplicateDto[];
}

export class WomanContactDto {
  @ApiProperty() womanId: number;
  @ApiProperty({ example: '13812341234', description: 'In full; every reveal is audited' })
  phone: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'In full' })
  residenceAddress: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'In full' })
  hukouAddress: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: '产休地 of her running pregnancy, in full, for the postpartum home visit',
  })
  postpartumAddress: string | null;
}

/** One side of a possible duplicate, as the caller's facility may see it. */
export class DuplicateSideDto {
  @ApiPropertyOptional({ nullable: true, type: Number }) womanId: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) name: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '110105********002X' })
  documentNumber: string | null;
  @ApiProperty({ description: 'Held by another facility: nothing of it is shown' })
  atOtherFacility: boolean;
}

export class MergeReviewDto {
  @ApiProperty() id: number;
  @ApiProperty() possibleDuplicateId: number;
  @ApiProperty({ enum: DUPLICATE_REASONS }) reason: string;
  @ApiProperty({ enum: MERGE_REVIEW_STATUSES }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) note: string | null;
  @ApiProperty() requestingFacilityId: number;
  @ApiProperty() matchedFacilityId: number;
  @ApiProperty() requestedBy: number;
  @ApiProperty() requestedAt: string;
  @ApiProperty({
    type: DuplicateSideDto,
    description: 'The woman whose registration raised the flag',
  })
  woman: DuplicateSideDto;
  @ApiProperty({ type: DuplicateSideDto, description: 'The record she matched' })
  matched: DuplicateSideDto;
  @ApiProperty({ description: 'Manages the matched record: its mch_staff decide' })
  reviewingFacilityId: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) keptWomanId: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) decidedBy: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) decisionNote: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) undoneBy: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) undoneAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) undoNote: string | null;
}

/** One of her pregnancies as the reviewer compares them. */
export class MergeSidePregnancyDto {
  @ApiProperty() id: number;
  @ApiProperty({ description: 'Managing facility' }) facilityId: number;
  @ApiProperty() registeringFacilityId: number;
  @ApiProperty() registrationDate: string;
  @ApiProperty() edd: string;
  @ApiProperty({ enum: PREGNANCY_STATUSES }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) outcomeDate: string | null;
}

/** One record of the pair, in full enough to decide and masked where it can be. */
export class MergeSideDto {
  @ApiProperty() womanId: number;
  @ApiProperty() name: string;
  @ApiProperty() birthDate: string;
  @ApiProperty({ enum: DOCUMENT_TYPES }) documentType: string;
  @ApiProperty({ example: '110105********002X' }) documentNumber: string;
  @ApiProperty({ example: '138****5678' }) phone: string;
  @ApiProperty() residenceRegionCode: string;
  @ApiProperty() registeredFacilityId: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) mergedIntoId: number | null;
  @ApiProperty({ type: [MergeSidePregnancyDto] }) pregnancies: MergeSidePregnancyDto[];
}

export class MergeComparisonDto {
  @ApiProperty({ type: MergeReviewDto }) review: MergeReviewDto;
  @ApiProperty({ type: MergeSideDto, description: 'The woman whose registration raised the flag' })
  woman: MergeSideDto;
  @ApiProperty({ type: MergeSideDto, description: 'The record she matched' })
  matched: MergeSideDto;
}

export class JoinedPregnancyDto {
  @ApiProperty({ description: 'Carries the records of both now' }) keptPregnancyId: number;
  @ApiProperty({ description: 'Now `merged`, pointing at the kept one' }) mergedPregnancyId: number;
}

export class MergeResultDto {
  @ApiProperty({ type: MergeReviewDto }) review: MergeReviewDto;
  @ApiProperty({ type: [JoinedPregnancyDto] }) joined: JoinedPregnancyDto[];
  @ApiProperty({ type: [Number], description: 'Her other pregnancies, moved to the kept woman' })
  movedPregnancyIds: number[];
  @ApiProperty({ description: 'Values the merge changed (or the unmerge put back)' })
  valuesChanged: number;
  @ApiProperty({
    description: 'Unmerge only: values changed again since the merge, left as they are now',
  })
  valuesNotRestored: number;
}

export class MergeReviewPageDto extends PageMetaDto {
  @ApiProperty({ type: [MergeReviewDto] }) items: MergeReviewDto[];
}

export class EddChangeDto {
  @ApiProperty() id: number;
  @ApiPropertyOptional({ nullable: true, type: String }) oldEdd: string | null;
  @ApiProperty() newEdd: string;
  @ApiPropertyOptional({ enum: EDD_SOURCES, nullable: true }) oldSource: string | null;
  @ApiProperty({ enum: EDD_SOURCES }) newSource: string;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() changedBy: number;
  @ApiProperty() changedAt: string;
}

export class DatingScanDto {
  @ApiProperty() id: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty({ example: '2026-05-20' }) scanDate: string;
  @ApiProperty({ enum: SCAN_METHODS }) method: string;
  @ApiProperty({ example: 80, description: 'GA the scan measured, in days' }) gaDays: number;
  @ApiProperty({ example: '11+3' }) gaDisplay: string;
  @ApiProperty({ description: 'The earliest scan, compared with the LMP by the ACOG thresholds' })
  usedForDating: boolean;
  @ApiPropertyOptional({ enum: SCAN_NOT_USED_REASONS, nullable: true })
  notUsedReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) notUsedReasonText: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) note: string | null;
  @ApiProperty() facilityId: number;
  @ApiProperty() createdBy: number;
  @ApiProperty() createdAt: string;
}

export class AddScanResultDto {
  @ApiProperty({ type: DatingScanDto }) scan: DatingScanDto;
  @ApiProperty({ type: PregnancyDto, description: 'The pregnancy after the scan (EDD, source)' })
  pregnancy: PregnancyDto;
}
