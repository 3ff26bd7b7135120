import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  IsCalendarDate,
  IsNumberWithDecimals,
  REGION_CODE,
  REGION_CODE_MESSAGE,
  ToNumber,
} from '../../core/http/validators';
import { SCAN_METHODS, type ScanMethod } from '../rules/dating-scans';
import { HANDBOOK_NUMBER, HANDBOOK_NUMBER_RULE } from '../rules/handbook-number';
import {
  DOCUMENT_TYPES,
  type DocumentType,
  EDUCATION_LEVELS,
  type EducationLevel,
  HOUSEHOLD_TYPES,
  type HouseholdType,
} from '../woman.entity';

export class WomanInputDto {
  @ApiProperty({ enum: DOCUMENT_TYPES, example: 'resident_id' })
  @IsIn(DOCUMENT_TYPES)
  documentType: DocumentType;

  @ApiProperty({
    example: '110105199003070025',
    description: 'Checked per GB 11643 for resident IDs',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9()-]{4,32}$/, {
    message: 'documentNumber must be 4–32 letters, digits, hyphens or brackets',
  })
  documentNumber: string;

  @ApiProperty({ example: '李娜' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name: string;

  @ApiProperty({ example: '1990-03-07' })
  @IsCalendarDate()
  birthDate: string;

  @ApiProperty({ example: '13812341234' })
  @Matches(/^(1\d{10}|0\d{9,11})$/, {
    message: 'phone must be an 11-digit mobile number or a landline with area code',
  })
  phone: string;

  @ApiProperty({
    example: '330106007',
    description:
      'Where she lives (现住址): region code of 6, 9 or 12 digits (县, 乡镇/街道, 村/社区)',
  })
  @Matches(REGION_CODE, { message: `residenceRegionCode ${REGION_CODE_MESSAGE}` })
  residenceRegionCode: string;

  @ApiPropertyOptional({ example: '文三路 90 号 3 幢 201 室', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  residenceAddress?: string | null;

  @ApiPropertyOptional({
    example: '2025-09-01',
    nullable: true,
    description: 'Living at this residence since: a 常住 rule counts her here after enough months',
    type: String,
  })
  @IsOptional()
  @IsCalendarDate()
  residenceSince?: string | null;

  @ApiPropertyOptional({
    example: '510104',
    nullable: true,
    description: '户籍地 region code (6, 9 or 12 digits); leave out when not known',
    type: String,
  })
  @IsOptional()
  @Matches(REGION_CODE, { message: `hukouRegionCode ${REGION_CODE_MESSAGE}` })
  hukouRegionCode?: string | null;

  @ApiPropertyOptional({ example: '四川省成都市锦江区春熙路 1 号', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  hukouAddress?: string | null;

  @ApiProperty({ enum: HOUSEHOLD_TYPES, description: 'local, or migrant (流动人口)' })
  @IsIn(HOUSEHOLD_TYPES)
  householdType: HouseholdType;

  @ApiPropertyOptional({ enum: EDUCATION_LEVELS })
  @IsOptional()
  @IsIn(EDUCATION_LEVELS)
  education?: EducationLevel;

  @ApiPropertyOptional({ example: '教师' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  occupation?: string;

  @ApiPropertyOptional({
    description:
      'Confirms a resident ID whose sequence digit is odd (male) after checking the card in person',
  })
  @IsOptional()
  @IsBoolean()
  confirmOddSequence?: boolean;

  @ApiPropertyOptional({
    description: 'Why the odd sequence digit is accepted; required with the override',
  })
  @ValidateIf((woman: WomanInputDto) => woman.confirmOddSequence === true)
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  overrideReason?: string;
}

export class UltrasoundDatingDto {
  @ApiProperty({ example: '2026-05-20' })
  @IsCalendarDate()
  scanDate: string;

  @ApiProperty({ example: 70, description: 'Gestational age measured by the scan, in days' })
  @ToNumber()
  @IsInt()
  @Min(35)
  @Max(300)
  gaDays: number;

  @ApiPropertyOptional({
    enum: SCAN_METHODS,
    description: 'crl (up to 13+6) or biometry; defaults by the GA measured',
  })
  @IsOptional()
  @IsIn(SCAN_METHODS)
  method?: ScanMethod;
}

export class IvfDatingDto {
  @ApiProperty({ example: '2026-04-02' })
  @IsCalendarDate()
  transferDate: string;

  @ApiProperty({ example: 5, description: 'Embryo age at transfer in days (3 or 5 usually)' })
  @ToNumber()
  @IsInt()
  @Min(2)
  @Max(7)
  embryoAgeDays: number;
}

export class DatingInputDto {
  @ApiPropertyOptional({
    example: '2026-03-15',
    type: String,
    nullable: true,
    description: 'Last menstrual period',
  })
  @IsOptional()
  @IsCalendarDate()
  lmp?: string | null;

  @ApiPropertyOptional({ type: UltrasoundDatingDto, description: 'Dating ultrasound' })
  @IsOptional()
  @ValidateNested()
  @Type(() => UltrasoundDatingDto)
  ultrasound?: UltrasoundDatingDto | null;

  @ApiPropertyOptional({ type: IvfDatingDto, description: 'IVF embryo transfer' })
  @IsOptional()
  @ValidateNested()
  @Type(() => IvfDatingDto)
  ivf?: IvfDatingDto | null;
}

export class PregnancyInputDto extends DatingInputDto {
  @ApiProperty({ example: '2026-05-20', description: 'Date of registration (建册)' })
  @IsCalendarDate()
  registrationDate: string;

  @ApiProperty({ example: 1, description: 'Pregnancies including this one (孕次)' })
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(30)
  gravidity: number;

  @ApiProperty({ example: 0, description: 'Previous births (产次)' })
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(20)
  parity: number;

  @ApiPropertyOptional({ example: 0, default: 0 })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(0)
  @Max(10)
  previousCaesareans?: number;

  @ApiPropertyOptional({ example: 1, default: 1, description: 'Number of fetuses; 2+ is multiple' })
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  @Max(6)
  fetusCount?: number;

  @ApiPropertyOptional({
    example: 52.5,
    type: Number,
    minimum: 30,
    maximum: 200,
    nullable: true,
    description: 'Pre-pregnancy weight (孕前体重), kg: the BMI factor is computed from it',
  })
  @IsOptional()
  @ToNumber()
  @IsNumberWithDecimals(1)
  @Min(30, { message: 'prePregnancyWeightKg must be between 30 and 200 kg' })
  @Max(200, { message: 'prePregnancyWeightKg must be between 30 and 200 kg' })
  prePregnancyWeightKg?: number | null;

  @ApiPropertyOptional({
    example: '330106007',
    nullable: true,
    description:
      '产休地: where she spends the month after the birth (6, 9 or 12 digits); her delivery notice goes to its community centre. Where she lives when left out',
    type: String,
  })
  @IsOptional()
  @Matches(REGION_CODE, { message: `postpartumRegionCode ${REGION_CODE_MESSAGE}` })
  postpartumRegionCode?: string | null;

  @ApiPropertyOptional({ example: '文三路 90 号 3 幢 201 室', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  postpartumAddress?: string | null;

  @ApiPropertyOptional({
    example: '3301062026000123',
    nullable: true,
    type: String,
    description: `母子健康手册 number, as printed on her handbook (${HANDBOOK_NUMBER_RULE})`,
  })
  @IsOptional()
  @Matches(HANDBOOK_NUMBER, { message: `handbookNumber ${HANDBOOK_NUMBER_RULE}` })
  handbookNumber?: string | null;
}

export class RegistrationDto {
  @ApiProperty({ type: WomanInputDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => WomanInputDto)
  woman: WomanInputDto;

  @ApiProperty({ type: PregnancyInputDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => PregnancyInputDto)
  pregnancy: PregnancyInputDto;
}
