import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/timestamp-columns';
import { User } from '../users/user.entity';
import { ROLES, type Role } from './actor';

/** Why a session ended before it expired. */
export const SESSION_END_REASONS = [
  'logout',
  'logout_all',
  'ended_by_admin',
  'deactivated',
  'password_changed',
  'role_changed',
  'facility_changed',
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * One login. Its token carries the id (`sid`); the session, not the token, decides whether the
 * caller is still let in, so it can be ended before the token expires.
 */
@Entity('auth_session')
@Index('idx_auth_session_user', ['userId', 'revokedAt'])
export class AuthSession {
  /** 128 random bits, in lower-case hex. */
  @PrimaryColumn({ type: 'char', length: 32 })
  id: string;

  @Column({ type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_auth_session_user' })
  user?: User;

  /** The user's facility and role when the session began; a change to either ends it. */
  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'enum', enum: ROLES })
  role: Role;

  @CreatedAtColumn()
  createdAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  expiresAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  revokedReason: SessionEndReason | null;
}
