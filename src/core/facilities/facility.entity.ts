import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../database/timestamp-columns';

export const FACILITY_LEVELS = [1, 2, 3] as const;
export type FacilityLevel = (typeof FACILITY_LEVELS)[number];
export const FACILITY_LEVEL_NAMES: Record<FacilityLevel, string> = {
  1: '一级',
  2: '二级',
  3: '三级',
};

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

  @Column({ type: 'char', length: 6 })
  regionCode: string;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
