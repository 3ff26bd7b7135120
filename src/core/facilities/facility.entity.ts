import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

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

  @CreateDateColumn({ type: 'datetime', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 3 })
  updatedAt: Date;
}
