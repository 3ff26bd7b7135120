import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CONTACT_OUTCOMES = [
  'called',
  'no_answer',
  'will_come',
  'moved_away',
  'refused',
] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** A call to a woman who missed a visit (defaulter tracing). */
@Entity('contact_attempt')
@Index('idx_contact_pregnancy_time', ['pregnancyId', 'attemptedAt'])
export class ContactAttempt {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'datetime', precision: 3 })
  attemptedAt: Date;

  @Column({ type: 'enum', enum: CONTACT_OUTCOMES })
  outcome: ContactOutcome;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'int' })
  userId: number;
}
