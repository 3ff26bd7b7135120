import { NULL_REFUSED } from '../../http/corrections.dto';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { REGION_CODE, REGION_CODE_MESSAGE, ToNumber } from '../../http/validators';
import {
  Facility,
  FACILITY_KINDS,
  FACILITY_LEVEL_NAMES,
  FACILITY_LEVELS,
  type FacilityKind,
  type FacilityLevel,
} from '../facility.entity';

export class CreateFacilityDto {
  @ApiProperty({ example: 'F110105001' })
  @IsString()
  @Matches(/^[A-Za-z0-9-]{2,32}$/, { message: 'code must be 2–32 letters, digits or hyphens' })
  code: string;

  @ApiProperty({ example: '朝阳区妇幼保健院' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: FACILITY_LEVELS, description: '1 = 一级, 2 = 二级, 3 = 三级' })
  @ToNumber()
  @IsIn(FACILITY_LEVELS)
  level: FacilityLevel;

  @ApiProperty({ example: '110105', description: '6-digit administrative region code' })
  @Matches(/^\d{6}$/, { message: 'regionCode must be a 6-digit region code' })
  regionCode: string;

  @ApiPropertyOptional({
    enum: FACILITY_KINDS,
    default: 'hospital',
    description: 'hospital, community_centre (社区卫生服务中心/乡镇卫生院) or mch_institute',
  })
  @IsOptional()
  @IsIn(FACILITY_KINDS)
  kind?: FacilityKind;
}

/** The region codes a community centre serves, replacing those it served. */
export class ServiceAreasDto {
  @ApiProperty({
    example: ['330106007', '330106008001'],
    description:
      'Region codes (9-digit 街道/乡镇 or 12-digit 社区/村, or a 6-digit county) the centre serves; each served by one centre',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @Matches(REGION_CODE, { each: true, message: `each of serviceAreas ${REGION_CODE_MESSAGE}` })
  serviceAreas: string[];
}

export class UpdateFacilityDto extends PartialType(CreateFacilityDto, NULL_REFUSED) {
  @ApiProperty({ description: 'The version read; a stale one is refused with 409' })
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;
}

export class FacilityDto {
  @ApiProperty() id: number;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: FACILITY_LEVELS }) level: number;
  @ApiProperty({ example: '三级' }) levelName: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ enum: FACILITY_KINDS }) kind: string;
  @ApiProperty({ type: [String], description: 'The region codes a community centre serves' })
  serviceAreas: string[];
  @ApiPropertyOptional() version: number;
}

export function mapFacility(facility: Facility, serviceAreas: string[] = []): FacilityDto {
  return {
    id: facility.id,
    code: facility.code,
    name: facility.name,
    level: facility.level,
    levelName: FACILITY_LEVEL_NAMES[facility.level],
    regionCode: facility.regionCode,
    kind: facility.kind,
    serviceAreas,
    version: facility.version,
  };
}
