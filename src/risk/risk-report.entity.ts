import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const REPORTABLE_COLOURS = ['orange', 'red'] as const;
export type ReportableColour = (typeof REPORTABLE_COLOURS)[number];

/** The report of an ORANGE (3 days) or RED (24 hours) grading to the district MCH institute. */
@Entity('risk_report')
@Index('idx_risk_report_facility_due', ['facilityId', 'reportedAt', 'dueAt'])
export class RiskReport {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  assessmentId: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'enum', enum: REPORTABLE_COLOURS })
  colour: ReportableColour;

  @Column({ type: 'datetime', precision: 3 })
  gradedAt: Date;

  @Column({ type: 'datetime', precision: 3 })
  dueAt: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  reportedAt: Date | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reportedTo: string | null;

  @Column({ type: 'int', nullable: true })
  reportedBy: number | null;
}
