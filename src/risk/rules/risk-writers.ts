import type { Role } from '../../core/auth/actor';

/**
 * Who grades her and writes her high-risk case (plan, clinician, notes, referrals and their
 * results), and who may be named a case's responsible clinician: the facility's nurses and MCH
 * doctors.
 */
export const RISK_WRITERS = ['nurse', 'mch_staff'] as const satisfies readonly Role[];
