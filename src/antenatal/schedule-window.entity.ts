import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One window of a visit schedule. Rows without a facility are the national minimum schedule; a
 * facility that has rows of its own uses those instead.
 */
@Entity('schedule_window')
@Index('idx_schedule_window_facility', ['facilityId', 'ordinal'])
export class ScheduleWindowRow {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', nullable: true })
  facilityId: number | null;

  @Column({ type: 'tinyint', unsigned: true })
  ordinal: number;

  @Column({ type: 'varchar', length: 16 })
  code: string;

  @Column({ type: 'varchar', length: 50 })
  label: string;

  @Column({ type: 'smallint', unsigned: true })
  startDay: number;

  @Column({ type: 'smallint', unsigned: true })
  endDay: number;
}
