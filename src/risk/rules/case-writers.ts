import type { Role } from '../../core/auth/actor';

/**
 * Who writes a high-risk case (plan, clinician, notes, referrals and their results) and who may
 * be named its responsible clinician: the facility's nurses and MCH doctors.
 */
export const CASE_WRITERS = ['nurse', 'mch_staff'] as const satisfies readonly Role[];
