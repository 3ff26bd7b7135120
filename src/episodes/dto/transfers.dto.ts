import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
} from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../core/http/pagination';
import {
  SHARE_LEGAL_BASES,
  TRANSFER_DIRECTIONS,
  TRANSFER_STATUSES,
  type ShareLegalBasis,
  type TransferStatus,
} from '../rules/participation';
import { EpisodeIdentityDto } from './episodes.dto';

/** Why her management moves, and on what footing her record goes with it. */
class TransferGroundsDto {
  @ApiProperty({ example: '孕妇迁居至城西街道，转由城西社区管理' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ApiProperty({
    enum: SHARE_LEGAL_BASES,
    description:
      'Why her record goes to the new manager (PIPL art. 13): statutory_duty (13(3)) or consent (13(1))',
  })
  @IsIn(SHARE_LEGAL_BASES)
  legalBasis: ShareLegalBasis;

  @ApiProperty({ description: 'She was told her record goes to the new manager' })
  @IsBoolean()
  womanInformed: boolean;
}

/**
 * 迁出: the managing facility hands her over to another facility; 迁入 by a participant: a facility
 * already caring for her asks to manage her.
 */
export class RequestTransferDto extends TransferGroundsDto {
  @ApiProperty({
    enum: TRANSFER_DIRECTIONS,
    description:
      'hand_over: the managing facility hands her to toFacilityId; take_in: the caller, a participant, asks to manage her',
  })
  @IsIn(TRANSFER_DIRECTIONS)
  direction: 'hand_over' | 'take_in';

  @ApiPropertyOptional({ description: 'The facility that is to manage her; required to hand over' })
  @IsOptional()
  @IsInt()
  @Min(1)
  toFacilityId?: number;
}

/** 迁入 of a woman who shows her handbook at a facility not yet caring for her. */
export class TakeInByIdentityDto extends IntersectionType(EpisodeIdentityDto, TransferGroundsDto) {}

export class ConfirmTransferDto {
  @ApiPropertyOptional({ example: '已接收，安排本周上门随访' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ReturnTransferDto {
  @ApiProperty({ example: '该地址不属本中心辖区，请转城北社区' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  note: string;
}

export class TransferQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TRANSFER_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(TRANSFER_STATUSES)
  status?: TransferStatus;
}

export class TransferDto {
  @ApiProperty() id: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty({ enum: TRANSFER_DIRECTIONS }) direction: string;
  @ApiProperty() fromFacilityId: number;
  @ApiProperty({ example: '城东社区卫生服务中心' }) fromFacilityName: string;
  @ApiProperty() toFacilityId: number;
  @ApiProperty({ example: '城西社区卫生服务中心' }) toFacilityName: string;
  @ApiProperty({ description: 'The side that must confirm or return it' })
  answeringFacilityId: number;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: SHARE_LEGAL_BASES }) legalBasis: string;
  @ApiProperty() womanInformed: boolean;
  @ApiProperty({ enum: TRANSFER_STATUSES }) status: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ description: 'Whole days since the request, in hospital time' })
  ageDays: number;
  @ApiPropertyOptional({ nullable: true, type: String }) answeredAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) answerNote: string | null;
  @ApiProperty() version: number;
}

export class TransferListItemDto extends TransferDto {
  @ApiProperty({ example: '李娜', description: 'So the other side knows whom it is asked about' })
  name: string;
}

export class TransferPageDto extends PageMetaDto {
  @ApiProperty({ type: [TransferListItemDto] }) items: TransferListItemDto[];
}
