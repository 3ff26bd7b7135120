import type { Staff } from '../factories/people.factory';
import { bearer } from './auth';
import type { TestApp } from './test-app';

/**
 * `POST /episodes/join` by a nurse of `staff`'s facility: she presents herself with her document,
 * name and birth date (from `woman`, as registered), and the facility takes `role`, by statutory
 * duty, she told. `overrides` change any field of the body.
 */
export function joinEpisode(
  t: TestApp,
  staff: Staff,
  woman: Record<string, unknown>,
  role = 'examining',
  overrides: Record<string, unknown> = {},
) {
  return t
    .http()
    .post('/episodes/join')
    .set(bearer(staff.tokens.nurse))
    .send({
      documentType: woman.documentType,
      documentNumber: woman.documentNumber,
      name: woman.name,
      birthDate: woman.birthDate,
      role,
      legalBasis: 'statutory_duty',
      womanInformed: true,
      ...overrides,
    });
}
