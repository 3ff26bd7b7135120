import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'status_change',
  'delete',
  'view_unmasked',
  'override',
  /** The cases behind an indicator value were listed. */
  'view_cases',
  /** A PMTCT test result, treatment or exposed-baby record was read. */
  'view_sensitive',
  /** One woman's full phone was revealed to call her. */
  'view_contact',
  'login',
  'login_failed',
  /** A username was locked after too many wrong passwords. */
  'login_locked',
  'logout',
  /** Sessions ended by someone else or by a change to the user (deactivation, role, password). */
  'session_revoked',
  /** A clinical record was voided: it stays, flagged, and leaves every count. */
  'void',
  /** A record of a shared episode was read by a participant that does not manage her. */
  'view_shared',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditValues = Record<string, unknown>;

/** One row per change of clinical data, written in the same transaction as the change. */
@Entity('audit_entry')
@Index('idx_audit_entity', ['entity', 'entityId', 'occurredAt'])
@Index('idx_audit_user', ['userId', 'occurredAt'])
@Index('idx_audit_facility_time', ['facilityId', 'occurredAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'datetime', precision: 3 })
  occurredAt: Date;

  @Column({ type: 'int', nullable: true })
  userId: number | null;

  @Column({ type: 'int', nullable: true })
  facilityId: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 40 })
  entity: string;

  @Column({ type: 'varchar', length: 40 })
  entityId: string;

  @Column({ type: 'enum', enum: AUDIT_ACTIONS })
  action: AuditAction;

  @Column({ type: 'json', nullable: true })
  before: AuditValues | null;

  @Column({ type: 'json', nullable: true })
  after: AuditValues | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  /**
   * The full values `before`/`after` hold masked (document numbers, phones, addresses), encrypted
   * as identifiers are: only the audited reveal reads them. Null when nothing was masked.
   */
  @Column({ type: 'text', nullable: true, select: false })
  sealed: string | null;
}
