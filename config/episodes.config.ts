import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { readEnv, toInteger } from './validate-env';

class EpisodesEnv {
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(90)
  REFERRAL_FEEDBACK_DAYS?: number;
}

/** Care across facilities: the days a referral's result may take to come back (default 2 weeks). */
export const episodesConfig = registerAs('episodes', () => {
  const env = readEnv(EpisodesEnv);
  return {
    /** A referral with no result this many days after it was made is on the feedback worklist. */
    referralFeedbackDays: env.REFERRAL_FEEDBACK_DAYS ?? 14,
  };
});

export type EpisodesConfig = ReturnType<typeof episodesConfig>;
