import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../core/http/pagination';
import { NOTICE_KINDS } from '../episode-participant.entity';
import { IsCalendarDate, QueryBoolean } from '../../core/http/validators';
import { DOCUMENT_TYPES, type DocumentType } from '../../women/woman.entity';
import {
  JOINABLE_ROLES,
  PARTICIPANT_ROLES,
  PARTICIPANT_STATUSES,
  PARTICIPATION_STARTS,
  SHARE_LEGAL_BASES,
  type JoinableRole,
  type ShareLegalBasis,
} from '../rules/participation';

/** She is found by her document with her name and birth date together, never by one alone. */
export class EpisodeIdentityDto {
  @ApiProperty({ enum: DOCUMENT_TYPES, example: 'resident_id' })
  @IsIn(DOCUMENT_TYPES)
  documentType: DocumentType;

  @ApiProperty({ example: '110105199003070025' })
  @IsString()
  @Matches(/^[A-Za-z0-9()-]{4,32}$/, {
    message: 'documentNumber must be 4–32 letters, digits, hyphens or brackets',
  })
  documentNumber: string;

  @ApiProperty({ example: '李娜', description: 'As on her document' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  name: string;

  @ApiProperty({ example: '1990-03-07' })
  @IsCalendarDate()
  birthDate: string;
}

/**
 * She presents herself at another facility (her handbook, or in labour): found by her document
 * with her name and birth date, the facility joins her running episode in a role.
 */
export class JoinEpisodeDto extends EpisodeIdentityDto {
  @ApiProperty({ enum: JOINABLE_ROLES, description: 'The part this facility takes in her care' })
  @IsIn(JOINABLE_ROLES)
  role: JoinableRole;

  @ApiProperty({
    enum: SHARE_LEGAL_BASES,
    description:
      'Why her record is shared with this facility (PIPL art. 13): statutory_duty (13(3), the maternal health service) or consent (13(1))',
  })
  @IsIn(SHARE_LEGAL_BASES)
  legalBasis: ShareLegalBasis;

  @ApiProperty({ description: 'She was told her record is shared with this facility' })
  @IsBoolean()
  womanInformed: boolean;

  @ApiPropertyOptional({ example: '孕妇持保健手册来院产检' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ParticipantDto {
  @ApiProperty() id: number;
  @ApiProperty() facilityId: number;
  @ApiProperty({ example: '城东社区卫生服务中心' }) facilityName: string;
  @ApiProperty({ enum: PARTICIPANT_ROLES }) role: string;
  @ApiProperty({ enum: PARTICIPANT_STATUSES }) status: string;
  @ApiProperty({ enum: PARTICIPATION_STARTS }) startedVia: string;
  @ApiProperty() startedOn: string;
  @ApiPropertyOptional({ nullable: true, type: String }) endedOn: string | null;
  @ApiProperty({ enum: SHARE_LEGAL_BASES }) legalBasis: string;
  @ApiProperty() womanInformed: boolean;
  @ApiPropertyOptional({ nullable: true, type: Number }) responsibleClinicianId: number | null;
}

export class EpisodeDto {
  @ApiProperty() pregnancyId: number;
  @ApiProperty({ description: 'The facility that manages her (管理单位)' })
  managingFacilityId: number;
  @ApiProperty({ type: [ParticipantDto] }) participants: ParticipantDto[];
}

export class NoticeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only notices not yet read' })
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  unread?: boolean;
}

export class NoticeDto {
  @ApiProperty() id: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty({ enum: NOTICE_KINDS }) kind: string;
  @ApiProperty() aboutFacilityId: number;
  @ApiProperty() aboutFacilityName: string;
  @ApiProperty({ enum: PARTICIPANT_ROLES }) role: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) readAt: string | null;
}

export class NoticePageDto extends PageMetaDto {
  @ApiProperty({ type: [NoticeDto] }) items: NoticeDto[];
}
