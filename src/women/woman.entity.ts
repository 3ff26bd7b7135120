import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CreatedAtColumn, UpdatedAtColumn } from '../core/database/timestamp-columns';
import { encryptedIdentifier, identifierCipher } from '../core/privacy/identifier-cipher';

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

/** Encrypted identifiers: ASCII text, compared byte for byte. */
const CIPHERTEXT = {
  type: 'varchar',
  length: 160,
  charset: 'ascii',
  collation: 'ascii_bin',
} as const;
const BLIND_INDEX = { type: 'char', length: 64, charset: 'ascii', collation: 'ascii_bin' } as const;

/** The blind index of a document number as stored (trimmed, upper case). */
export const documentIndexOf = (documentNumber: string): string =>
  identifierCipher().blindIndex('document', documentNumber);

export const phoneIndexOf = (phone: string): string =>
  identifierCipher().blindIndex('phone', phone);

/** Changes to her record with the blind indexes of the identifiers they set. */
export function withBlindIndexes<T extends Partial<Pick<Woman, 'documentNumber' | 'phone'>>>(
  changes: T,
): T & Partial<Pick<Woman, 'documentIndex' | 'phoneIndex'>> {
  return {
    ...changes,
    ...(changes.documentNumber === undefined
      ? {}
      : { documentIndex: documentIndexOf(changes.documentNumber) }),
    ...(changes.phone === undefined ? {} : { phoneIndex: phoneIndexOf(changes.phone) }),
  };
}

/**
 * One person, reused across her pregnancies; identified by document type and number. The number
 * and the phone are encrypted in the row (plaintext in memory, see encryptedIdentifier); exact
 * search uses their blind indexes, which every write of them must set too.
 */
@Entity('woman')
// Number first: search by exact number uses it whatever the document type.
@Index('uq_woman_document', ['documentIndex', 'documentType'], { unique: true })
@Index('idx_woman_name_birth', ['name', 'birthDate'])
@Index('idx_woman_phone', ['phoneIndex'])
@Index('idx_woman_registered_facility', ['registeredFacilityId'])
@Index('idx_woman_merged_into', ['mergedIntoId'])
export class Woman {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'enum', enum: DOCUMENT_TYPES })
  documentType: DocumentType;

  @Column({ ...CIPHERTEXT, transformer: encryptedIdentifier })
  documentNumber: string;

  @Column(BLIND_INDEX)
  documentIndex: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ type: 'date' })
  birthDate: string;

  @Column({ ...CIPHERTEXT, transformer: encryptedIdentifier })
  phone: string;

  @Column(BLIND_INDEX)
  phoneIndex: string;

  /** Where she lives (现住址): 6, 9 or 12 digits (县, 乡镇/街道, 村/社区). */
  @Column({ type: 'varchar', length: 12 })
  residenceRegionCode: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  residenceAddress: string | null;

  /** Living there since: a 常住 rule counts her where she lives after enough months. */
  @Column({ type: 'date', nullable: true })
  residenceSince: string | null;

  /** 户籍地: her registered household; null when not recorded (or none on the mainland). */
  @Column({ type: 'varchar', length: 12, nullable: true })
  hukouRegionCode: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  hukouAddress: string | null;

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

  /** Set when a merge review found her to be another record's woman: that record is kept. */
  @Column({ type: 'int', nullable: true })
  mergedIntoId: number | null;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;
}
