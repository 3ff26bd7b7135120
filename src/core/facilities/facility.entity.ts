import {
  Column,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  VersionColumn,
} from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../database/timestamp-columns';

export const FACILITY_LEVELS = [1, 2, 3] as const;
export type FacilityLevel = (typeof FACILITY_LEVELS)[number];
export const FACILITY_LEVEL_NAMES: Record<FacilityLevel, string> = {
  1: '一级',
  2: '二级',
  3: '三级',
};

/** 医院 (hospital), 社区卫生服务中心/乡镇卫生院 (community centre), 妇幼保健院/所 (MCH institute). */
export const FACILITY_KINDS = ['hospital', 'community_centre', 'mch_institute'] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

@Entity('facility')
export class Facility {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'tinyint', unsigned: true })
  level: FacilityLevel;

  @Column({ type: 'enum', enum: FACILITY_KINDS, default: 'hospital' })
  kind: FacilityKind;

  @Column({ type: 'char', length: 6 })
  regionCode: string;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}

/**
 * A region code a community centre serves (its 辖区): delivery notices for a 产休地 there go to
 * it. Each code is served by one centre; the longest code matching an address wins.
 */
@Entity('facility_service_area')
export class FacilityServiceArea {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  regionCode: string;

  @Index('idx_facility_service_area_facility')
  @Column({ type: 'int' })
  facilityId: number;
}
