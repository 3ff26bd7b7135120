import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../core/database/timestamp-columns';

export const DOCUMENT_TYPES = [
  'resident_id',
  'passport',
  'hk_macau_permit',
  'taiwan_permit',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** 户籍: registered in the district, or a migrant (流动人口). */
export const HOUSEHOLD_TYPES = ['local', 'migrant'] as const;
export type HouseholdType = (typeof HOUSEHOLD_TYPES)[number];

export const EDUCATION_LEVELS = [
  'none',
  'primary',
  'junior_secondary',
  'senior_secondary',
  'vocational',
  'college',
  'bachelor',
  'postgraduate',
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** One person, reused across her pregnancies; identified by document type and number. */
@Entity('woman')
// Number first: search by exact number uses it whatever the document type.
@Index('uq_woman_document', ['documentNumber', 'documentType'], { unique: true })
@Index('idx_woman_name_birth', ['name', 'birthDate'])
@Index('idx_woman_phone', ['phone'])
@Index('idx_woman_registered_facility', ['registeredFacilityId'])
export class Woman {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'enum', enum: DOCUMENT_TYPES })
  documentType: DocumentType;

  @Column({ type: 'varchar', length: 32 })
  documentNumber: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'date' })
  birthDate: string;

  @Column({ type: 'varchar', length: 20 })
  phone: string;

  @Column({ type: 'char', length: 6 })
  residenceRegionCode: string;

  @Column({ type: 'enum', enum: HOUSEHOLD_TYPES })
  householdType: HouseholdType;

  @Column({ type: 'enum', enum: EDUCATION_LEVELS, nullable: true })
  education: EducationLevel | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  occupation: string | null;

  /** The facility that first registered her. */
  @Column({ type: 'int' })
  registeredFacilityId: number;

  /** A resident ID with an odd (male) sequence digit, accepted by an explicit, audited override. */
  @Column({ type: 'boolean', default: false })
  oddSequenceConfirmed: boolean;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
