import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Matches, MaxLength, Min } from 'class-validator';
import {
  Facility,
  FACILITY_LEVEL_NAMES,
  FACILITY_LEVELS,
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
  @Type(() => Number)
  @IsIn(FACILITY_LEVELS)
  level: FacilityLevel;

  @ApiProperty({ example: '110105', description: '6-digit administrative region code' })
  @Matches(/^\d{6}$/, { message: 'regionCode must be a 6-digit region code' })
  regionCode: string;
}

export class UpdateFacilityDto extends PartialType(CreateFacilityDto) {
  @ApiProperty({ description: 'The version read; a stale one is refused with 409' })
  @Type(() => Number)
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
  @ApiPropertyOptional() version: number;
}

export function mapFacility(facility: Facility): FacilityDto {
  return {
    id: facility.id,
    code: facility.code,
    name: facility.name,
    level: facility.level,
    levelName: FACILITY_LEVEL_NAMES[facility.level],
    regionCode: facility.regionCode,
    version: facility.version,
  };
}
