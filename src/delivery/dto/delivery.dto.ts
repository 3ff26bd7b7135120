import { RESIDENCE_CATEGORIES } from '../../episodes/rules/residence';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  CorrectionReason,
  CorrectionReasonWhen,
  OptionalNotNull,
} from '../../core/http/corrections.dto';
import {
  IsCalendarDate,
  IsInstant,
  IsNumberWithDecimals,
  ToNumber,
} from '../../core/http/validators';
import {
  CAESAREAN_INDICATION_CODES,
  CAESAREAN_INDICATIONS,
  type CaesareanIndication,
} from '../rules/caesarean-indications';
import { PageMetaDto, PageQueryDto } from '../../core/http/pagination';
import {
  BIRTH_VACCINES,
  type BirthVaccine,
  CONTRAINDICATIONS,
  DELIVERY_MODES,
  DELIVERY_PLACES,
  FEEDING_EVENT_KINDS,
  type FeedingEventKind,
  MATERNAL_OUTCOMES,
  SEXES,
  STILLBIRTH_TIMINGS,
  VITAL_STATUSES,
} from '../delivery.entities';

export class NewbornInputDto {
  @ApiProperty({ example: 1 })
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(6)
  birthOrder: number;

  @ApiPropertyOptional({
    description: 'Defaults to the delivery time; the second twin is born later',
  })
  @IsOptional()
  @IsInstant()
  bornAt?: Date;

  @ApiProperty({ enum: SEXES })
  @IsIn(SEXES)
  sex: (typeof SEXES)[number];

  @ApiProperty({ example: 3250, minimum: 200, maximum: 6500 })
  @ToNumber()
  @IsInt()
  @Min(200, { message: 'birthWeightG must be between 200 and 6500 g' })
  @Max(6500, { message: 'birthWeightG must be between 200 and 6500 g' })
  birthWeightG: number;

  @ApiPropertyOptional({ example: 50 })
  @IsOptional()
  @ToNumber()
  @IsNumberWithDecimals(1)
  @Min(20)
  @Max(65)
  lengthCm?: number;

  @ApiPropertyOptional({ example: 9 })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(10)
  apgar1?: number;

  @ApiPropertyOptional({ example: 10 })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(10)
  apgar5?: number;

  @ApiProperty({ enum: VITAL_STATUSES })
  @IsIn(VITAL_STATUSES)
  vitalStatus: (typeof VITAL_STATUSES)[number];

  @ApiPropertyOptional({ enum: STILLBIRTH_TIMINGS, description: 'Required for a stillbirth' })
  @IsOptional()
  @IsIn(STILLBIRTH_TIMINGS)
  stillbirthTiming?: (typeof STILLBIRTH_TIMINGS)[number];
}

export class RecordDeliveryDto {
  @ApiProperty({ example: '2026-11-20T02:35:00Z' })
  @IsInstant()
  deliveredAt: Date;

  @ApiProperty({ enum: DELIVERY_PLACES })
  @IsIn(DELIVERY_PLACES)
  place: (typeof DELIVERY_PLACES)[number];

  @ApiProperty({ enum: DELIVERY_MODES })
  @IsIn(DELIVERY_MODES)
  mode: (typeof DELIVERY_MODES)[number];

  @ApiPropertyOptional({
    enum: CAESAREAN_INDICATION_CODES,
    example: 'fetal_distress',
    description: `Caesarean only, coded (剖宫产指征, 《剖宫产手术的专家共识（2014）》): ${CAESAREAN_INDICATION_CODES.map((code) => `${code} ${CAESAREAN_INDICATIONS[code].zh}`).join(', ')}. maternal_request is not a medical indication; omit when there was none`,
  })
  @IsOptional()
  @IsIn(CAESAREAN_INDICATION_CODES)
  caesareanIndication?: CaesareanIndication;

  @ApiPropertyOptional({
    example: '妊娠合并血小板减少',
    description: 'Required with caesareanIndication other (its text); a detail for another code',
  })
  @ValidateIf(
    (body: { caesareanIndication?: string; caesareanIndicationText?: string }) =>
      body.caesareanIndication === 'other' || body.caesareanIndicationText !== undefined,
  )
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  caesareanIndicationText?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  isolationRoom?: boolean;

  @ApiPropertyOptional({ example: '产后出血' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  complications?: string;

  @ApiPropertyOptional({ example: 300 })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(10000)
  bloodLossMl?: number;

  @ApiProperty({ enum: MATERNAL_OUTCOMES })
  @IsIn(MATERNAL_OUTCOMES)
  maternalOutcome: (typeof MATERNAL_OUTCOMES)[number];

  @ApiProperty({ type: [NewbornInputDto], description: 'Every baby, live or stillborn' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => NewbornInputDto)
  babies: NewbornInputDto[];
}

/** What was recorded at the birth: correcting any of it needs a reason. */
export const DELIVERY_CORRECTED_FIELDS = [
  'deliveredAt',
  'place',
  'mode',
  'caesareanIndication',
  'caesareanIndicationText',
  'maternalOutcome',
] as const;

export class UpdateDeliveryDto {
  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({
    description:
      'Correction; babies recorded at the delivery time move with it, the pregnancy outcome day follows',
  })
  @OptionalNotNull()
  @IsInstant()
  deliveredAt?: Date;

  @ApiPropertyOptional({ enum: DELIVERY_PLACES, description: 'Correction' })
  @OptionalNotNull()
  @IsIn(DELIVERY_PLACES)
  place?: (typeof DELIVERY_PLACES)[number];

  @ApiPropertyOptional({
    enum: DELIVERY_MODES,
    description: 'Correction; away from caesarean, the indication is cleared',
  })
  @OptionalNotNull()
  @IsIn(DELIVERY_MODES)
  mode?: (typeof DELIVERY_MODES)[number];

  @ApiPropertyOptional({
    enum: CAESAREAN_INDICATION_CODES,
    nullable: true,
    description: 'Correction; null: no indication',
  })
  @IsOptional()
  @IsIn(CAESAREAN_INDICATION_CODES)
  caesareanIndication?: CaesareanIndication | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Correction; required for other',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  caesareanIndicationText?: string | null;

  @ApiPropertyOptional({ enum: MATERNAL_OUTCOMES, description: 'Correction' })
  @OptionalNotNull()
  @IsIn(MATERNAL_OUTCOMES)
  maternalOutcome?: (typeof MATERNAL_OUTCOMES)[number];

  @CorrectionReasonWhen(DELIVERY_CORRECTED_FIELDS)
  reason?: string;

  @ApiPropertyOptional({
    description: "The mother's discharge; the postpartum visit is due within 7 days",
  })
  @IsOptional()
  @IsInstant()
  motherDischargedAt?: Date;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  complications?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(10000)
  bloodLossMl?: number;
}

/** What was recorded at the birth: correcting any of it needs a reason. */
export const NEWBORN_CORRECTED_FIELDS = [
  'birthOrder',
  'bornAt',
  'sex',
  'birthWeightG',
  'vitalStatus',
  'stillbirthTiming',
] as const;

export class UpdateNewbornDto {
  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ example: 2, description: 'Correction; unique within the delivery' })
  @OptionalNotNull()
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(6)
  birthOrder?: number;

  @ApiPropertyOptional({
    description:
      'Correction: not before the delivery, not after any event of the baby (feeding, doses, NICU, death)',
  })
  @OptionalNotNull()
  @IsInstant()
  bornAt?: Date;

  @ApiPropertyOptional({ enum: SEXES, description: 'Correction' })
  @OptionalNotNull()
  @IsIn(SEXES)
  sex?: (typeof SEXES)[number];

  @ApiPropertyOptional({ example: 3250, description: 'Correction' })
  @OptionalNotNull()
  @ToNumber()
  @IsInt()
  @Min(200, { message: 'birthWeightG must be between 200 and 6500 g' })
  @Max(6500, { message: 'birthWeightG must be between 200 and 6500 g' })
  birthWeightG?: number;

  @ApiPropertyOptional({
    enum: VITAL_STATUSES,
    description:
      'Correction; to stillbirth only with stillbirthTiming and once the stay records are voided',
  })
  @OptionalNotNull()
  @IsIn(VITAL_STATUSES)
  vitalStatus?: (typeof VITAL_STATUSES)[number];

  @ApiPropertyOptional({ enum: STILLBIRTH_TIMINGS, description: 'Correction; stillbirths only' })
  @OptionalNotNull()
  @IsIn(STILLBIRTH_TIMINGS)
  stillbirthTiming?: (typeof STILLBIRTH_TIMINGS)[number];

  @CorrectionReasonWhen(NEWBORN_CORRECTED_FIELDS)
  reason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInstant()
  nicuAdmittedAt?: Date;

  @ApiPropertyOptional({ example: '早产儿呼吸窘迫' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nicuReason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInstant()
  diedAt?: Date;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  deathCause?: string;
}

export class FeedingEventDto {
  @ApiProperty({ enum: FEEDING_EVENT_KINDS })
  @IsIn(FEEDING_EVENT_KINDS)
  kind: FeedingEventKind;

  @ApiProperty({ description: 'When it started (or happened), ISO 8601' })
  @IsInstant()
  startAt: Date;

  @ApiPropertyOptional({ description: 'Skin-to-skin or separation: when it ended' })
  @IsOptional()
  @IsInstant()
  endAt?: Date;

  @ApiPropertyOptional({
    example: '配方奶 20ml',
    description: 'Separation: the reason; supplement: what it was',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  detail?: string;

  @ApiPropertyOptional({
    example: '低血糖',
    description: 'Separation or supplement: the medical reason, if any',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  medicalReason?: string;

  @ApiPropertyOptional({
    enum: ['exclusive', 'mixed', 'formula_only', 'none'],
    description: 'Discharge: feeding at discharge',
  })
  @IsOptional()
  @IsIn(['exclusive', 'mixed', 'formula_only', 'none'])
  dischargeFeeding?: 'exclusive' | 'mixed' | 'formula_only' | 'none';
}

export class EndEventDto {
  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty()
  @IsInstant()
  endAt: Date;
}

/** A correction of a feeding event: every field it was recorded with may change. */
export class UpdateFeedingEventDto {
  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsInstant()
  startAt?: Date;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'null: still going',
  })
  @IsOptional()
  @IsInstant()
  endAt?: Date | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  detail?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'null: no medical reason' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  medicalReason?: string | null;

  @ApiPropertyOptional({ enum: ['exclusive', 'mixed', 'formula_only', 'none'] })
  @OptionalNotNull()
  @IsIn(['exclusive', 'mixed', 'formula_only', 'none'])
  dischargeFeeding?: 'exclusive' | 'mixed' | 'formula_only' | 'none';

  @CorrectionReason()
  reason: string;
}

export class ContraindicationDto {
  @ApiProperty({ enum: CONTRAINDICATIONS })
  @IsIn(CONTRAINDICATIONS)
  kind: (typeof CONTRAINDICATIONS)[number];

  @ApiProperty({ example: '王主任' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  decidedBy: string;

  @ApiProperty({ example: '2026-11-20' })
  @IsCalendarDate()
  decidedOn: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class UpdateContraindicationDto {
  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ enum: CONTRAINDICATIONS })
  @OptionalNotNull()
  @IsIn(CONTRAINDICATIONS)
  kind?: (typeof CONTRAINDICATIONS)[number];

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  decidedBy?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsCalendarDate()
  decidedOn?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string | null;

  @CorrectionReason()
  reason: string;
}

export class ContraindicationRecordDto {
  @ApiProperty() id: number;
  @ApiProperty({
    description:
      "'withheld' in place of one that states the mother's HIV result, for roles other than nurse and MCH staff",
  })
  kind: string;
  @ApiProperty() decidedBy: string;
  @ApiProperty() decidedOn: string;
  @ApiPropertyOptional({ nullable: true, type: String }) note: string | null;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Voided: counts nowhere' })
  voidedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) voidReason: string | null;
}

export class BirthDoseInputDto {
  @ApiProperty({ description: "The newborn's version (optimistic locking)" })
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ enum: BIRTH_VACCINES, description: 'hep_b: 乙肝疫苗首针; bcg: 卡介苗' })
  @IsIn(BIRTH_VACCINES)
  vaccine: BirthVaccine;

  @ApiProperty({ description: 'When it was given: not before the birth, not in the future' })
  @IsInstant()
  givenAt: Date;

  @ApiProperty({ example: '202611A017', description: 'Vaccine batch (lot) number' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  batchNumber: string;

  @ApiProperty({ example: '产房 李护士', description: 'Who gave it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  givenBy: string;
}

export class BirthDoseDto {
  @ApiProperty() givenAt: string;
  @ApiProperty() batchNumber: string;
  @ApiProperty() givenBy: string;
  @ApiProperty({ description: 'Whole minutes from birth' }) minutesAfterBirth: number;
}

export class HepBBirthDoseDto extends BirthDoseDto {
  @ApiProperty({ description: 'Within 24 h of birth (23 h 59 min counts, 24 h 01 min does not)' })
  within24Hours: boolean;
}

export class BirthDosesDto {
  @ApiPropertyOptional({ type: HepBBirthDoseDto, nullable: true }) hepB: HepBBirthDoseDto | null;
  @ApiPropertyOptional({ type: BirthDoseDto, nullable: true }) bcg: BirthDoseDto | null;
}

export class BirthDoseWorklistQueryDto extends PageQueryDto {}

export class BirthDoseWorklistItemDto {
  @ApiProperty() newbornId: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty() womanId: number;
  @ApiProperty() name: string;
  @ApiProperty({ example: '138****1234' }) phone: string;
  @ApiProperty() birthOrder: number;
  @ApiProperty() bornAt: string;
  @ApiProperty({
    description:
      'Start of the last minute of the window: 24 h after birth, 12 h when the mother has a positive HBsAg result',
  })
  deadline: string;
  @ApiProperty({ description: 'Whole minutes left; 0 in the last minute, negative once late' })
  minutesLeft: number;
  @ApiProperty({ enum: ['due', 'overdue'] }) state: 'due' | 'overdue';
}

export class BirthDoseWorklistPageDto extends PageMetaDto {
  @ApiProperty({ type: [BirthDoseWorklistItemDto] }) items: BirthDoseWorklistItemDto[];
}

export class FlagDto {
  @ApiProperty() met: boolean;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'first breastfeed 74 min after birth',
  })
  reason: string | null;
}

export class FeedingFlagsDto {
  @ApiProperty({ type: FlagDto, description: 'BF-01: started ≤ 5 min after birth, ≥ 60 min' })
  earlySkinToSkin: FlagDto;
  @ApiProperty({ type: FlagDto, description: 'BF-02: first breastfeed ≤ 60 min' })
  earlyInitiation: FlagDto;
  @ApiProperty({ type: FlagDto, description: 'BF-03: no separation > 1 h' }) roomingIn: FlagDto;
  @ApiProperty({ type: FlagDto, description: 'BF-04: nothing but breast milk' })
  exclusiveStrict: FlagDto;
  @ApiProperty({
    type: FlagDto,
    description: 'BF-04 counting medically indicated supplements as exclusive',
  })
  exclusiveExceptMedical: FlagDto;
  @ApiProperty({ type: FlagDto, description: 'BF-05: exclusive or mixed at discharge' })
  breastfeedingAtDischarge: FlagDto;
  @ApiProperty({
    description:
      "Medical contraindications recorded (excluded from BF-01..05); 'withheld' in place of one that states the mother's HIV result, for roles other than nurse and MCH staff",
  })
  contraindications: string[];
}

export class FeedingEventRecordDto extends FeedingEventDto {
  @ApiProperty() id: number;
  @ApiProperty() recordedBy: number;
  @ApiProperty() version: number;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Voided: shown, but counts in no flag or indicator',
  })
  voidedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) voidReason: string | null;
}

export class NewbornDto {
  @ApiProperty() id: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty() deliveryId: number;
  @ApiProperty() birthOrder: number;
  @ApiProperty() bornAt: string;
  @ApiProperty({ enum: SEXES }) sex: string;
  @ApiProperty() birthWeightG: number;
  @ApiPropertyOptional({ nullable: true, type: Number }) lengthCm: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) apgar1: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) apgar5: number | null;
  @ApiProperty({ enum: VITAL_STATUSES }) vitalStatus: string;
  @ApiPropertyOptional({ enum: STILLBIRTH_TIMINGS, nullable: true }) stillbirthTiming:
    string | null;
  @ApiProperty() lowBirthWeight: boolean;
  @ApiProperty() macrosomia: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) nicuAdmittedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) nicuReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) diedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) deathCause: string | null;
  @ApiProperty({ description: 'Died at 0–6 completed days (24-hour periods from the birth)' })
  earlyNeonatalDeath: boolean;
  @ApiProperty({ description: 'Died at 0–27 completed days' }) neonatalDeath: boolean;
  @ApiProperty({
    type: BirthDosesDto,
    description: 'Hepatitis B birth dose and BCG, for every live-born baby',
  })
  birthDoses: BirthDosesDto;
  @ApiProperty() version: number;
  @ApiPropertyOptional({ type: [FeedingEventRecordDto] }) feedingEvents?: FeedingEventRecordDto[];
  @ApiPropertyOptional({
    type: [ContraindicationRecordDto],
    description: 'Every contraindication recorded, voided ones flagged',
  })
  contraindicationRecords?: ContraindicationRecordDto[];
  @ApiPropertyOptional({ type: FeedingFlagsDto, nullable: true, description: 'Live births only' })
  feedingFlags?: FeedingFlagsDto | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Voided (entered in error): shown, but counts in no worklist or indicator',
  })
  voidedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) voidReason: string | null;
}

export class DeliveryDto {
  @ApiProperty() id: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty() deliveredAt: string;
  @ApiProperty({ enum: DELIVERY_PLACES }) place: string;
  @ApiProperty({ enum: DELIVERY_MODES }) mode: string;
  @ApiPropertyOptional({ enum: CAESAREAN_INDICATION_CODES, nullable: true })
  caesareanIndication: CaesareanIndication | null;
  @ApiPropertyOptional({ nullable: true, type: String }) caesareanIndicationText: string | null;
  @ApiProperty({
    description: 'Caesarean with no medical indication (BF-06): none, or maternal request',
  })
  caesareanWithoutIndication: boolean;
  @ApiPropertyOptional({ nullable: true, type: Number }) gaDays: number | null;
  @ApiProperty() preterm: boolean;
  @ApiProperty({
    description:
      'Born before 28+0: a pregnancy loss (流产), not a delivery, in the indicators; the record keeps what happened',
  })
  pregnancyLoss: boolean;
  @ApiProperty() isolationRoom: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) complications: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) bloodLossMl: number | null;
  @ApiProperty({ enum: MATERNAL_OUTCOMES }) maternalOutcome: string;
  @ApiPropertyOptional({ nullable: true, type: String }) motherDischargedAt: string | null;
  @ApiPropertyOptional({
    enum: RESIDENCE_CATEGORIES,
    nullable: true,
    description:
      'Her residence category when she delivered: local (本地户籍), same_city (本市外县), same_province (本省外市), other_province (外省), overseas, unknown',
  })
  residenceCategory: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The region district indicators count her in',
  })
  attributedRegionCode: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'The rule that decided, with its version (RESIDENCE_RULES)',
  })
  attributionRule: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ type: [NewbornDto], description: 'Every baby recorded, voided ones flagged' })
  newborns: NewbornDto[];
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'Voided (recorded in error): the pregnancy was opened again, nothing counts it',
  })
  voidedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) voidReason: string | null;
}
