import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../core/http/pagination';
import { PERIOD_KEY_PATTERN } from '../periods';

export class DataQualityQueryDto extends PageQueryDto {
  @ApiProperty({ example: '2026-03', description: 'The period whose babies are checked' })
  @Matches(PERIOD_KEY_PATTERN, {
    message:
      'period must be a month (2026-03), a quarter (2026-Q1), a year (2026) or a statistical year (SY2026)',
  })
  period: string;
}

export class DataQualityCheckDto {
  @ApiProperty({ example: 'DISCHARGE_OTHER_MILK_WITHOUT_SUPPLEMENT' }) code: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'The same in Chinese' }) descriptionZh: string;
  @ApiProperty({ type: [String], description: 'The indicators whose value it touches' })
  indicators: string[];
}

export class DataQualityItemDto {
  @ApiProperty() newbornId: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty() womanId: number;
  @ApiPropertyOptional({ nullable: true, type: String }) name: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Masked' })
  phone: string | null;
  @ApiProperty({ description: 'Birth day, hospital calendar' }) bornOn: string;
  @ApiProperty({ type: [String], description: 'Codes of the checks it fails' }) problems: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The recorded facts the checks read',
  })
  fields: Record<string, unknown>;
}

export class DataQualityPageDto extends PageMetaDto {
  @ApiProperty() period: string;
  @ApiProperty({ type: [DataQualityCheckDto] }) checks: DataQualityCheckDto[];
  @ApiProperty({ type: [DataQualityItemDto] }) items: DataQualityItemDto[];
}
