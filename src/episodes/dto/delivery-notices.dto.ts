import { ToNumber } from '../../core/http/validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../core/http/pagination';
import { DELIVERY_NOTICE_STATUSES, type DeliveryNoticeStatus } from '../delivery-notice.entity';
import { HIGH_RISK_NEWBORN_REASONS } from '../rules/delivery-notices';

export class DeliveryNoticeQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['incoming', 'outgoing'],
    default: 'incoming',
    description: 'incoming: sent to this facility; outgoing: sent by it',
  })
  @IsOptional()
  @IsIn(['incoming', 'outgoing'])
  box?: 'incoming' | 'outgoing';

  @ApiPropertyOptional({ enum: DELIVERY_NOTICE_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_NOTICE_STATUSES)
  status?: DeliveryNoticeStatus;
}

export class RouteDeliveryNoticeDto {
  @ApiProperty({ description: 'The community centre that is to visit her' })
  @ToNumber()
  @IsInt()
  @Min(1)
  facilityId: number;
}

export class ReturnDeliveryNoticeDto {
  @ApiProperty({ example: '该地址不属本中心辖区' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  note: string;
}

export class NoticeBabyDto {
  @ApiProperty() birthOrder: number;
  @ApiProperty() sex: string;
  @ApiProperty() birthWeightG: number;
  @ApiProperty() vitalStatus: string;
}

export class DeliveryNoticeDto {
  @ApiProperty() id: number;
  @ApiProperty() pregnancyId: number;
  @ApiProperty() deliveryId: number;
  @ApiProperty({ example: '李娜' }) name: string;
  @ApiProperty() fromFacilityId: number;
  @ApiProperty() fromFacilityName: string;
  @ApiProperty({ description: 'The 产休地 region code it was routed by' }) regionCode: string;
  @ApiPropertyOptional({ nullable: true, type: Number }) targetFacilityId: number | null;
  @ApiPropertyOptional({ nullable: true, type: String }) targetFacilityName: string | null;
  @ApiProperty({ description: 'Routed by hand rather than by the service areas' })
  routedByHand: boolean;
  @ApiProperty({ enum: DELIVERY_NOTICE_STATUSES }) status: string;
  @ApiProperty() highRiskNewborn: boolean;
  @ApiProperty({ enum: HIGH_RISK_NEWBORN_REASONS, isArray: true }) highRiskReasons: string[];
  @ApiProperty() deliveredAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) motherDischargedAt: string | null;
  @ApiProperty({ type: [NoticeBabyDto] }) babies: NoticeBabyDto[];
  @ApiPropertyOptional({ nullable: true, type: String }) sentAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) acknowledgedAt: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: '7 days after discharge; 3 days after acknowledgement for a high-risk newborn',
  })
  visitDueOn: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) returnNote: string | null;
  @ApiProperty() version: number;
}

export class DeliveryNoticePageDto extends PageMetaDto {
  @ApiProperty({ type: [DeliveryNoticeDto] }) items: DeliveryNoticeDto[];
}

export class VisitDueDto extends DeliveryNoticeDto {
  @ApiProperty({ description: 'Past its due day with no postpartum visit recorded' })
  overdue: boolean;
  @ApiProperty() daysOverdue: number;
}

export class VisitDuePageDto extends PageMetaDto {
  @ApiProperty({ type: [VisitDueDto] }) items: VisitDueDto[];
}
