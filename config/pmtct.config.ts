import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { readEnv, toInteger } from './validate-env';

class PmtctEnv {
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(3)
  PMTCT_SYPHILIS_DOSE_GRACE_DAYS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(7)
  @Max(60)
  PMTCT_SYPHILIS_COURSE_GAP_MIN_DAYS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(60)
  PMTCT_SYPHILIS_ENDS_BEFORE_DELIVERY_DAYS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(60)
  PMTCT_FOLLOW_UP_GRACE_DAYS?: number;
}

/**
 * The local-policy days of the PMTCT rules (src/pmtct/rules/pmtct-rules.ts). The defaults are the
 * rules' own; the national text fixes the weekly dose and leaves the grace around it to the province.
 */
export const pmtctConfig = registerAs('pmtct', () => {
  const env = readEnv(PmtctEnv);
  return {
    syphilis: {
      doseIntervalDays: 7,
      /** Days either side of "weekly" a dose still counts: 7 ± 2 by default. */
      doseGraceDays: env.PMTCT_SYPHILIS_DOSE_GRACE_DAYS ?? 2,
      /** From the last dose of the first course to the first of the second. */
      courseGapMinDays: env.PMTCT_SYPHILIS_COURSE_GAP_MIN_DAYS ?? 14,
      /** The last dose of adequate treatment this many days before the delivery day, or earlier. */
      endsBeforeDeliveryDays: env.PMTCT_SYPHILIS_ENDS_BEFORE_DELIVERY_DAYS ?? 28,
    },
    /** Days a child's follow-up visit stays due before it is overdue. */
    followUpGraceDays: env.PMTCT_FOLLOW_UP_GRACE_DAYS ?? 14,
  };
});

export type PmtctConfig = ReturnType<typeof pmtctConfig>;
