import { registerAs } from '@nestjs/config';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { parseAttributionRules } from '../src/episodes/rules/residence';
import { readEnv, toInteger } from './validate-env';

class EpisodesEnv {
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(90)
  REFERRAL_FEEDBACK_DAYS?: number;

  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(168)
  DELIVERY_NOTICE_ACK_HOURS?: number;

  @IsOptional()
  @Matches(/^\s*(?:(?:\*|\d{2}):(?:hukou|resident:\d{1,2})\s*(?:,\s*|$))*$/, {
    message:
      'RESIDENCE_RULES must be entries <province|*>:hukou or <province|*>:resident:<months> separated by commas',
  })
  RESIDENCE_RULES?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  RESIDENCE_RULES_VERSION?: string;
}

/**
 * Care across facilities: the days a referral's result may take to come back (default 2 weeks),
 * and the rule by province for the region a woman is counted in (户籍 only unless configured).
 */
export const episodesConfig = registerAs('episodes', () => {
  const env = readEnv(EpisodesEnv);
  return {
    /** A referral with no result this many days after it was made is on the feedback worklist. */
    referralFeedbackDays: env.REFERRAL_FEEDBACK_DAYS ?? 14,
    /** A delivery notice not acknowledged this many hours after it was sent is on the worklist. */
    deliveryNoticeAckHours: env.DELIVERY_NOTICE_ACK_HOURS ?? 24,
    /** `*:hukou,33:resident:6`: Zhejiang counts 常住 residents of 6 months, others by 户籍. */
    attribution: parseAttributionRules(
      env.RESIDENCE_RULES ?? '*:hukou',
      env.RESIDENCE_RULES_VERSION ?? 'default',
    ),
  };
});

export type EpisodesConfig = ReturnType<typeof episodesConfig>;
