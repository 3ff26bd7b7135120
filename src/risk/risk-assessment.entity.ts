import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { RISK_COLOURS, type RiskColour } from './rules/risk-colour';
import type { FactorOrigin } from './rules/national-catalogue';
import { FACTOR_ORIGINS } from './risk-catalogue.entity';

export const ASSESSMENT_KINDS = [
  'registration_screening',
  'visit',
  'postpartum_visit',
  'day42_check',
  'automatic',
] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** One grading (评估分级) of a pregnancy; the pregnancy shows the latest. */
@Entity('risk_assessment')
@Index('idx_risk_assessment_pregnancy', ['pregnancyId', 'assessedAt'])
@Index('idx_risk_assessment_facility', ['facilityId', 'assessedAt'])
export class RiskAssessment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pregnancyId: number;

  @Column({ type: 'int' })
  facilityId: number;

  @Column({ type: 'enum', enum: ASSESSMENT_KINDS })
  kind: AssessmentKind;

  @Column({ type: 'datetime', precision: 3 })
  assessedAt: Date;

  @Column({ type: 'date' })
  assessedOn: string;

  /** Gestational age on the assessment date; null after the pregnancy ended. */
  @Column({ type: 'smallint', nullable: true })
  gaDays: number | null;

  @Column({ type: 'enum', enum: RISK_COLOURS })
  colour: RiskColour;

  @Column({ type: 'boolean' })
  purple: boolean;

  @Column({ type: 'int' })
  catalogueId: number;

  @Column({ type: 'int' })
  assessorId: number;

  /** The visit whose measurements triggered an automatic re-grading. */
  @Column({ type: 'int', nullable: true })
  sourceVisitId: number | null;
}

@Entity('risk_assessment_factor')
@Index('idx_assessment_factor', ['assessmentId'])
export class RiskAssessmentFactor {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  assessmentId: number;

  @Column({ type: 'varchar', length: 48 })
  code: string;

  @Column({ type: 'enum', enum: RISK_COLOURS, nullable: true })
  colour: RiskColour | null;

  @Column({ type: 'boolean' })
  purple: boolean;

  @Column({ type: 'enum', enum: FACTOR_ORIGINS })
  origin: FactorOrigin;

  /** For a derived factor: the value that decided it, e.g. "Hb 95 g/L". */
  @Column({ type: 'varchar', length: 200, nullable: true })
  evidence: string | null;

  /** For a derived factor: the record it came from, e.g. "visit:12". */
  @Column({ type: 'varchar', length: 40, nullable: true })
  sourceRecord: string | null;

  /** For a ticked "other" item: what the clinician found. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;
}
