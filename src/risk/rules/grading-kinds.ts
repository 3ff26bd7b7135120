/** The gradings a clinician makes while she is pregnant (建册筛查, 产检评估). */
export const PREGNANCY_KINDS = ['registration_screening', 'visit'] as const;
/** The gradings after the birth (产后访视, 产后42天检查). */
export const POSTPARTUM_KINDS = ['postpartum_visit', 'day42_check'] as const;
export type ClinicianGradingKind =
  (typeof PREGNANCY_KINDS)[number] | (typeof POSTPARTUM_KINDS)[number];

/** Pregnancy statuses in which each group of gradings may be made. */
const STATUSES_FOR_PREGNANCY_KINDS: readonly string[] = ['open'];
const STATUSES_FOR_POSTPARTUM_KINDS: readonly string[] = ['delivered', 'closed'];

/** The gradings a clinician may make of a pregnancy in `status`: none once it ended otherwise. */
export function gradingKindsFor(status: string): readonly ClinicianGradingKind[] {
  if (STATUSES_FOR_PREGNANCY_KINDS.includes(status)) return PREGNANCY_KINDS;
  if (STATUSES_FOR_POSTPARTUM_KINDS.includes(status)) return POSTPARTUM_KINDS;
  return [];
}

/**
 * Why a grading of `kind` does not fit a pregnancy in `status` (it needs an open, or a delivered,
 * pregnancy), or null when it does. Kinds of neither group (the automatic re-grading) fit any.
 */
export function gradingKindMismatch(kind: string, status: string): 'open' | 'delivered' | null {
  if ((PREGNANCY_KINDS as readonly string[]).includes(kind)) {
    return STATUSES_FOR_PREGNANCY_KINDS.includes(status) ? null : 'open';
  }
  if ((POSTPARTUM_KINDS as readonly string[]).includes(kind)) {
    return STATUSES_FOR_POSTPARTUM_KINDS.includes(status) ? null : 'delivered';
  }
  return null;
}
