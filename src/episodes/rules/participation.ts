/**
 * 两个系统管理: one pregnancy, several record holders. Each facility that cares for her takes
 * part in her episode with one or more roles (基本公卫规范 第三版 2017; 孕产期保健工作规范 2011).
 */
export const PARTICIPANT_ROLES = [
  /** 建册: registered her. */
  'registering',
  /** 管理: manages her (the 妇保 doctor responsible); one managing facility at a time. */
  'managing',
  /** 产检: examines her. */
  'examining',
  /** 评估分级: grades her risk (level 2 or above). */
  'grading',
  /** 专案: manages her high-risk case. */
  'high_risk_case',
  /** 分娩: delivers her. */
  'delivering',
  /** 产后访视: visits her at home after discharge. */
  'postpartum_visiting',
  /** 产后42天检查. */
  'day42_check',
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

export const PARTICIPANT_STATUSES = ['proposed', 'active', 'ended', 'declined'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/** How a facility came to take part. */
export const PARTICIPATION_STARTS = [
  'registration',
  'referral',
  'transfer',
  'delivery_notice',
  /** She presented herself: showed her handbook, or came in labour. */
  'self_presented',
] as const;
export type ParticipationStart = (typeof PARTICIPATION_STARTS)[number];

/** The roles a facility that finds her by her document may take on joining. */
export const JOINABLE_ROLES = [
  'examining',
  'grading',
  'delivering',
  'postpartum_visiting',
  'day42_check',
] as const satisfies readonly ParticipantRole[];
export type JoinableRole = (typeof JOINABLE_ROLES)[number];

/**
 * The legal basis of a share to another facility (个人信息保护法 art. 13): a statutory duty of
 * care (13(3), the national maternal health service), or her consent (13(1)).
 */
export const SHARE_LEGAL_BASES = ['statutory_duty', 'consent'] as const;
export type ShareLegalBasis = (typeof SHARE_LEGAL_BASES)[number];

/** Pregnancy statuses in which another facility may still join: the episode is running. */
export const JOINABLE_PREGNANCY_STATUSES = ['open', 'delivered'] as const;

/** Who asked for a transfer of her management: the manager (迁出) or the facility taking her (迁入). */
export const TRANSFER_DIRECTIONS = ['hand_over', 'take_in'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];

export const TRANSFER_STATUSES = ['pending', 'confirmed', 'returned', 'withdrawn'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** The roles a managing facility holds by managing her, which end when it hands her over. */
export const MANAGEMENT_ROLES = [
  'registering',
  'managing',
] as const satisfies readonly ParticipantRole[];

/**
 * What each role needs to see and write beyond her pregnancy record, her gradings and her PMTCT
 * status, which every participant needs: antenatal care (visits, schedule, calls, folic acid)
 * for those caring for her in pregnancy, and the birth (delivery, newborns, feeding, postpartum
 * contacts and follow-ups) for those caring for her and her babies after it. The facility that
 * registers and manages her sees everything.
 */
export const RECORD_AREAS = {
  antenatal: ['registering', 'managing', 'examining', 'grading', 'high_risk_case', 'delivering'],
  after_birth: ['registering', 'managing', 'delivering', 'postpartum_visiting', 'day42_check'],
} as const satisfies Record<string, readonly ParticipantRole[]>;
export type RecordArea = keyof typeof RECORD_AREAS;

/** Whether roles held include one that needs the area (any role when no area is named). */
export function rolesReach(roles: readonly ParticipantRole[], area?: RecordArea): boolean {
  if (area === undefined) return roles.length > 0;
  return roles.some((role) => (RECORD_AREAS[area] as readonly string[]).includes(role));
}
