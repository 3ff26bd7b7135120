import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMetaDto } from '../../core/http/pagination';
import { DUPLICATE_REASONS } from '../possible-duplicate.entity';
import { EDD_SOURCES } from '../pregnancy.entity';
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
  @ApiProperty({ enum: HOUSEHOLD_TYPES }) householdType: string;
  @ApiPropertyOptional({ enum: EDUCATION_LEVELS, nullable: true }) education: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) occupation: string | null;
  @ApiProperty() oddSequenceConfirmed: boolean;
  @ApiProperty() version: number;
}

export class PregnancyDto {
  @ApiProperty() id: number;
  @ApiProperty() womanId: number;
  @ApiProperty() facilityId: number;
  @ApiProperty() registrationDate: string;
  @ApiPropertyOptional({ nullable: true, type: String }) lmp: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) ultrasoundScanDate: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) ultrasoundGaDays: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) ivfTransferDate: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) ivfEmbryoAgeDays: number | null;
  @ApiProperty({ example: '2026-12-20' }) edd: string;
  @ApiProperty({ enum: EDD_SOURCES }) eddSource: string;
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
  @ApiProperty() version: number;
}

export class PregnancyWithWomanDto extends PregnancyDto {
  @ApiProperty({ type: WomanDto }) woman: WomanDto;
}

export class PregnancyListItemDto {
  @ApiProperty() id: number;
  @ApiProperty() womanId: number;
  @ApiProperty() name: string;
  @ApiProperty({ enum: DOCUMENT_TYPES }) documentType: string;
  @ApiProperty({ example: '110105********002X' }) documentNumber: string;
  @ApiProperty({ example: '138****1234' }) phone: string;
  @ApiProperty() registrationDate: string;
  @ApiProperty() edd: string;
  @ApiProperty({ enum: EDD_SOURCES }) eddSource: string;
  @ApiPropertyOptional({ type: GestationalAgeDto, nullable: true })
  gestationalAge: GestationalAgeDto | null;
  @ApiProperty({ enum: PREGNANCY_STATUSES }) status: string;
  @ApiProperty() version: number;
}

export class PregnancyPageDto extends PageMetaDto {
  @ApiProperty({ type: [PregnancyListItemDto] }) items: PregnancyListItemDto[];
}

export class PossibleDuplicateDto {
  @ApiProperty() id: number;
  @ApiProperty() womanId: number;
  @ApiProperty() matchedWomanId: number;
  @ApiProperty({ enum: DUPLICATE_REASONS }) reason: string;
  @ApiProperty({ example: '李娜' }) matchedName: string;
  @ApiProperty({ example: '110105********002X' }) matchedDocumentNumber: string;
  @ApiProperty() detectedAt: string;
}

export class PossibleDuplicatePageDto extends PageMetaDto {
  @ApiProperty({ type: [PossibleDuplicateDto] }) items: PossibleDuplicateDto[];
}

export class WomanRegistrationResultDto {
  @ApiProperty({ type: WomanDto }) woman: WomanDto;
  @ApiProperty({ description: 'True when the document was already known and her record reused' })
  existingWoman: boolean;
  @ApiProperty({ type: [PossibleDuplicateDto] }) possibleDuplicates: PossibleDuplicateDto[];
}

export class RegistrationResultDto {
  @ApiProperty({ type: WomanDto }) woman: WomanDto;
  @ApiProperty({ type: PregnancyDto }) pregnancy: PregnancyDto;
  @ApiProperty({ description: 'True when the document was already known and her record reused' })
  existingWoman: boolean;
  @ApiProperty({ type: [PossibleDuplicateDto] }) possibleDuplicates: PossibleDuplicateDto[];
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
