import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../core/database/timestamp-columns';
import type { FactorOrigin } from './rules/national-catalogue';
import { RISK_COLOURS, type RiskColour } from './rules/risk-colour';

export const FACTOR_ORIGINS: readonly FactorOrigin[] = ['derived', 'ticked'];

/** A published list of risk factors: the national one, or a province's own version. */
@Entity('risk_catalogue')
export class RiskCatalogue {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32, unique: true })
  version: string;

  /** Province code (2 digits) for a provincial catalogue; null for the national one. */
  @Column({ type: 'char', length: 2, nullable: true })
  province: string | null;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @CreatedAtColumn()
  createdAt: Date;
}

@Entity('risk_factor')
@Index('uq_risk_factor_code', ['catalogueId', 'code'], { unique: true })
export class RiskFactor {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  catalogueId: number;

  @Column({ type: 'varchar', length: 48 })
  code: string;

  /** Null for a factor that only sets the PURPLE flag. */
  @Column({ type: 'enum', enum: RISK_COLOURS, nullable: true })
  colour: RiskColour | null;

  @Column({ type: 'boolean', default: false })
  purple: boolean;

  @Column({ type: 'enum', enum: FACTOR_ORIGINS })
  origin: FactorOrigin;

  @Column({ type: 'varchar', length: 200 })
  descriptionZh: string;

  @Column({ type: 'varchar', length: 200 })
  descriptionEn: string;

  /** An "other" item: a grading that ticks it must say what in a note. */
  @Column({ type: 'boolean', default: false })
  requiresNote: boolean;
}
