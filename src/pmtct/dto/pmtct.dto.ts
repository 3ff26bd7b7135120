import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../core/http/pagination';
import { EXPOSURE_BASES } from '../rules/pmtct-rules';
import { PHONE_ON_LISTS } from '../../core/privacy/masking';
import { IsCalendarDate, IsInstant, ToNumber } from '../../core/http/validators';
import {
  COUNSELLING_STAGES,
  DISEASE_CODES,
  type DiseaseCode,
  FEEDING_CHOICES,
  HBEAG_RESULTS,
  TEST_KINDS,
  TEST_METHODS,
  TEST_RESULTS,
  TEST_SETTINGS,
  TEST_SUBJECTS,
  TREATMENT_KINDS,
  type TreatmentKind,
} from '../pmtct.entities';

export class CounsellingDto {
  @ApiProperty({ enum: COUNSELLING_STAGES })
  @IsIn(COUNSELLING_STAGES)
  stage: (typeof COUNSELLING_STAGES)[number];

  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  counselledOn: string;

  @ApiProperty({ description: 'Before a test: she accepted testing (false: declined)' })
  @IsBoolean()
  accepted: boolean;

  @ApiPropertyOptional({
    description: 'After a test: the test whose result was given (null or absent: none)',
    nullable: true,
    type: Number,
  })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  testId?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

/** On an HBsAg test, at recording or with the result: what decides an antiviral. */
export class HbvMarkersDto {
  @ApiPropertyOptional({
    example: 250000,
    description: 'HBsAg tests: HBV DNA, IU/mL (an antiviral from 2×10^5)',
  })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(1_000_000_000_000)
  hbvDnaIuPerMl?: number;

  @ApiPropertyOptional({
    enum: HBEAG_RESULTS,
    description: 'HBsAg tests: HBeAg (an antiviral when positive)',
  })
  @IsOptional()
  @IsIn(HBEAG_RESULTS)
  hbeag?: (typeof HBEAG_RESULTS)[number];
}

export class RecordTestDto extends HbvMarkersDto {
  @ApiPropertyOptional({ enum: TEST_SUBJECTS, default: 'woman' })
  @IsOptional()
  @IsIn(TEST_SUBJECTS)
  subject?: (typeof TEST_SUBJECTS)[number];

  @ApiProperty({ enum: DISEASE_CODES })
  @IsIn(DISEASE_CODES)
  disease: DiseaseCode;

  @ApiProperty({ enum: TEST_KINDS })
  @IsIn(TEST_KINDS)
  kind: (typeof TEST_KINDS)[number];

  @ApiPropertyOptional({
    enum: TEST_METHODS,
    description: 'For syphilis: treponemal or non_treponemal',
  })
  @IsOptional()
  @IsIn(TEST_METHODS)
  method?: (typeof TEST_METHODS)[number];

  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  sampleDate: string;

  @ApiProperty({ enum: TEST_SETTINGS })
  @IsIn(TEST_SETTINGS)
  setting: (typeof TEST_SETTINGS)[number];

  @ApiPropertyOptional({ enum: TEST_RESULTS, description: 'Omitted while the result is pending' })
  @IsOptional()
  @IsIn(TEST_RESULTS)
  result?: (typeof TEST_RESULTS)[number];

  @ApiPropertyOptional({ example: '2026-11-21', description: 'Required with a result' })
  @ValidateIf((test: RecordTestDto) => test.result !== undefined || test.resultDate !== undefined)
  @IsCalendarDate()
  resultDate?: string;

  @ApiPropertyOptional({ example: '1:8' })
  @IsOptional()
  @Matches(/^1:\d{1,5}$/, { message: 'titre must be written 1:N' })
  titre?: string;

  @ApiPropertyOptional({ example: '检验科' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  laboratory?: string;
}

export class RecordResultDto extends HbvMarkersDto {
  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ enum: TEST_RESULTS })
  @IsIn(TEST_RESULTS)
  result: (typeof TEST_RESULTS)[number];

  @ApiProperty({ example: '2026-11-21' })
  @IsCalendarDate()
  resultDate: string;

  @ApiPropertyOptional({ example: '1:8' })
  @IsOptional()
  @Matches(/^1:\d{1,5}$/, { message: 'titre must be written 1:N' })
  titre?: string;
}

export class DoseDto {
  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  givenOn: string;

  @ApiProperty({ example: '苄星青霉素' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  drug: string;

  @ApiProperty({ example: '240万U' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  dose: string;
}

export class RecordTreatmentDto {
  @ApiProperty({
    enum: TREATMENT_KINDS,
    description: 'art (HIV), syphilis_course, hbv_antiviral (HBsAg)',
  })
  @IsIn(TREATMENT_KINDS)
  kind: TreatmentKind;

  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  startedOn: string;

  @ApiProperty({ example: 'TDF+3TC+EFV' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  regimen: string;

  @ApiPropertyOptional({
    default: false,
    description:
      'ART: she was on it when she conceived; then startedOn is its true start, before the LMP',
  })
  @IsOptional()
  @IsBoolean()
  onArtAtConception?: boolean;

  @ApiPropertyOptional({
    type: [DoseDto],
    description: 'For a syphilis course: the doses given so far',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => DoseDto)
  doses?: DoseDto[];
}

export class CreateInfantDto {
  @ApiProperty({ example: 1, description: '1, or 2 for the second twin' })
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(6)
  birthOrder: number;

  @ApiPropertyOptional({ description: 'Birth time (ISO 8601); omitted while the baby is planned' })
  @IsOptional()
  @IsInstant()
  bornAt?: Date;
}

export class UpdateInfantDto {
  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInstant()
  bornAt?: Date;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInstant()
  hivProphylaxisStartedAt?: Date;

  @ApiPropertyOptional({ example: 'NVP 4周' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  hivProphylaxisRegimen?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInstant()
  hbigAt?: Date;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInstant()
  hepBVaccine1At?: Date;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInstant()
  syphilisProphylaxisAt?: Date;

  @ApiPropertyOptional({ enum: FEEDING_CHOICES })
  @IsOptional()
  @IsIn(FEEDING_CHOICES)
  feedingChoice?: (typeof FEEDING_CHOICES)[number];
}

export class FollowUpDto {
  @ApiProperty({ example: 'HIV_6W' })
  @IsString()
  @MaxLength(24)
  code: string;

  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  doneOn: string;

  @ApiProperty({ example: 'HIV DNA 阴性' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  result: string;
}

export class TestDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: TEST_SUBJECTS }) subject: string;
  @ApiProperty({ enum: DISEASE_CODES }) disease: string;
  @ApiProperty({ enum: TEST_KINDS }) kind: string;
  @ApiPropertyOptional({ enum: TEST_METHODS, nullable: true }) method: string | null;
  @ApiProperty() sampleDate: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'GA at sample, days' })
  gaDaysAtSample: number | null;
  @ApiProperty() early: boolean;
  @ApiProperty({ enum: TEST_SETTINGS }) setting: string;
  @ApiPropertyOptional({ enum: TEST_RESULTS, nullable: true }) result: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) resultDate: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) titre: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) laboratory: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) hbvDnaIuPerMl: number | null;
  @ApiPropertyOptional({ enum: HBEAG_RESULTS, nullable: true }) hbeag: string | null;
  @ApiProperty() version: number;
}

export class TreatmentDto {
  @ApiProperty() id: number;
  @ApiProperty({ enum: DISEASE_CODES }) disease: string;
  @ApiProperty({ enum: TREATMENT_KINDS }) kind: string;
  @ApiProperty() startedOn: string;
  @ApiProperty() regimen: string;
  @ApiProperty({ description: 'ART: on it at conception (started before the LMP)' })
  onArtAtConception: boolean;
  @ApiProperty({ type: [DoseDto] }) doses: DoseDto[];
  @ApiPropertyOptional({
    nullable: true,
    type: Boolean,
    description: 'Syphilis course: 3 weekly doses',
  })
  complete: boolean | null;
}

export class TimelinessDto {
  @ApiProperty({ enum: ['on_time', 'late', 'not_given', 'due'] }) state: string;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Minutes left while due; negative once missed: late by so much',
  })
  minutesLeft: number | null;
}

export class ExposureDto {
  @ApiProperty({ enum: DISEASE_CODES }) disease: string;
  @ApiPropertyOptional({
    enum: EXPOSURE_BASES,
    nullable: true,
    description: 'Null once excluded',
  })
  basis: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The day a negative confirmation stopped further doses',
  })
  excludedOn: string | null;
}

/** One step of an exposed baby's follow-up schedule. */
export class InfantFollowUpStateDto {
  @ApiProperty() code: string;
  @ApiProperty() label: string;
  @ApiPropertyOptional({ nullable: true, type: String }) dueOn: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) doneOn: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) result: string | null;
  @ApiProperty() state: string;
}

@ApiExtraModels(TimelinessDto)
export class InfantDto {
  @ApiProperty() id: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty() birthOrder: number;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'The newborn record, once born',
  })
  newbornId: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) bornAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) hivProphylaxisStartedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) hivProphylaxisRegimen: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) hbigAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) hepBVaccine1At: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) syphilisProphylaxisAt: string | null;
  @ApiPropertyOptional({ enum: FEEDING_CHOICES, nullable: true }) feedingChoice: string | null;
  @ApiProperty({
    type: [ExposureDto],
    description:
      'Why the baby is exposed (confirmed, or a reactive screening awaiting confirmation), or since when a negative confirmation excluded it',
  })
  exposures: ExposureDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(TimelinessDto) },
    description:
      'What was due, and whether on time; keys hivProphylaxis, syphilisProphylaxis (no window: due until given), hbig, hepBVaccine1',
  })
  timeliness: Record<string, TimelinessDto>;
  @ApiProperty({ type: [InfantFollowUpStateDto], description: 'Follow-up schedule with state' })
  followUps: InfantFollowUpStateDto[];
  @ApiProperty() version: number;
}

export class DiseaseStatusDto {
  @ApiProperty({ enum: DISEASE_CODES }) disease: string;
  @ApiProperty({
    enum: [
      'untested',
      'pending',
      'negative',
      'awaiting_confirmation',
      'confirmed_positive',
      'indeterminate',
    ],
  })
  status: string;
  @ApiProperty({ description: 'Tested (sample) at GA ≤ 12+6' }) testedEarly: boolean;
  @ApiProperty({ description: 'Tested in pregnancy or at delivery' }) tested: boolean;
  @ApiPropertyOptional({
    nullable: true,
    type: Boolean,
    description: 'Syphilis: at least one dose by the delivery (PM-08)',
  })
  treated: boolean | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Boolean,
    description:
      'Syphilis: complete weekly courses as required, apart as required, ending 4 weeks before the delivery (PM-08b)',
  })
  treatmentAdequate: boolean | null;
  @ApiPropertyOptional({
    enum: EXPOSURE_BASES,
    nullable: true,
    description: "The baby's doses are indicated on this ground",
  })
  exposure: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'A negative confirmation after a reactive screening: further doses stopped',
  })
  exposureExcludedOn: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: Boolean,
    description:
      'HBsAg positive: an antiviral is indicated (HBV DNA ≥ 2×10^5 IU/mL or HBeAg positive)',
  })
  antiviralIndicated: boolean | null;
}

export class PmtctStatusDto {
  @ApiProperty() pregnancyId: number;
  @ApiProperty({ type: [DiseaseStatusDto] }) diseases: DiseaseStatusDto[];
  @ApiProperty({ description: 'Diseases with no result: a rapid test at labour admission' })
  rapidTestAtAdmission: string[];
  @ApiProperty({ description: 'A confirmed positive: isolation delivery room (隔离产房)' })
  isolationDeliveryRoom: boolean;
  @ApiProperty({ type: [TestDto] }) tests: TestDto[];
  @ApiProperty({ type: [TreatmentDto] }) treatments: TreatmentDto[];
  @ApiProperty({ type: [InfantDto] }) infants: InfantDto[];
}

export const PMTCT_WORKLISTS = [
  'untested_by_13_weeks',
  'untested_at_delivery',
  'awaiting_confirmation',
  'no_result_in_labour',
  'untreated',
  'infant_doses',
  'infant_follow_ups',
] as const;

export class PmtctWorklistQueryDto extends PageQueryDto {
  @ApiProperty({ enum: PMTCT_WORKLISTS })
  @IsIn(PMTCT_WORKLISTS)
  list: (typeof PMTCT_WORKLISTS)[number];
}

export class PmtctWorklistItemDto {
  @ApiProperty() pregnancyId: number;
  @ApiProperty() womanId: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: '138****1234', description: PHONE_ON_LISTS }) phone: string;
  @ApiPropertyOptional({ enum: DISEASE_CODES, nullable: true }) disease: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) infantId: number | null;
  @ApiProperty({ description: 'What is missing, e.g. "no result", "HBIG due", "HIV_6W overdue"' })
  what: string;
  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Minutes left (negative: late by)',
  })
  minutesLeft: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) since: string | null;
}

export class PmtctWorklistPageDto extends PageMetaDto {
  @ApiProperty({ enum: PMTCT_WORKLISTS }) list: string;
  @ApiProperty({ type: [PmtctWorklistItemDto] }) items: PmtctWorklistItemDto[];
}
