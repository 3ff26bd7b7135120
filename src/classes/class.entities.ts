import { Column, Entity, Index, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import { CreatedAtColumn } from '../core/database/timestamp-columns';

/** A class topic (课程主题); breastfeeding topics count towards BFHI step 3. */
@Entity('class_topic')
export class ClassTopic {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32, unique: true })
  code: string;

  @Column({ type: 'varchar', length: 50 })
  nameZh: string;

  @Column({ type: 'varchar', length: 80 })
  nameEn: string;

  @Column({ type: 'boolean', default: false })
  breastfeeding: boolean;
}

/** One session of the prenatal school (孕妇学校). */
@Entity('class_session')
@Index('idx_class_session_facility_time', ['facilityId', 'startsAt'])
export class ClassSession {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'int' })
  topicId: number;

  @Column({ type: 'datetime', precision: 3 })
  startsAt: Date;

  /** The hospital's calendar day of the session. */
  @Column({ type: 'date' })
  sessionDate: string;

  @Column({ type: 'smallint', unsigned: true })
  durationMinutes: number;

  @Column({ type: 'varchar', length: 50 })
  instructor: string;

  @Column({ type: 'varchar', length: 100 })
  place: string;

  /** Seats; a companion takes one too. */
  @Column({ type: 'smallint', unsigned: true })
  capacity: number;

  @Column({ type: 'int' })
  createdBy: number;

  @VersionColumn()
  version: number;

  @CreatedAtColumn()
  createdAt: Date;
}

export const COMPANION_TYPES = ['partner', 'family_member', 'other'] as const;
export type CompanionType = (typeof COMPANION_TYPES)[number];

/** One line of the attendance register (登记). */
@Entity('class_attendance')
@Index('uq_class_attendance', ['sessionId', 'womanId'], { unique: true })
@Index('idx_class_attendance_woman', ['womanId'])
export class ClassAttendance {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  sessionId: number;

  @Column({ type: 'int' })
  womanId: number;

  /** Her open pregnancy at check-in, if she had one. */
  @Column({ type: 'int', nullable: true })
  pregnancyId: number | null;

  @Column({ type: 'enum', enum: COMPANION_TYPES, nullable: true })
  companion: CompanionType | null;

  @Column({ type: 'int' })
  checkedInBy: number;

  @Column({ type: 'datetime', precision: 3 })
  checkedInAt: Date;
}
