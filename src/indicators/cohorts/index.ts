import type { CohortDefinition } from './cohort-definition';
import { CLASS_SESSIONS_COHORT } from './class-sessions.cohort';
import { DELIVERIES_COHORT } from './deliveries.cohort';
import { EXPOSED_BABIES_COHORT } from './exposed-babies.cohort';
import { FEEDING_RECALLS_COHORT } from './feeding-recalls.cohort';
import { FOLIC_ACID_SURVEYS_COHORT } from './folic-acid-surveys.cohort';
import { LIVE_BIRTHS_COHORT } from './live-births.cohort';
import { MATERNAL_MORTALITY_COHORT } from './maternal-mortality.cohort';
import { OPEN_PREGNANCIES_COHORT } from './open-pregnancies.cohort';
import { ORANGE_RED_GRADINGS_COHORT } from './orange-red-gradings.cohort';
import { PERINATAL_BIRTHS_COHORT } from './perinatal-births.cohort';
import { PMTCT_MOTHERS_COHORT } from './pmtct-mothers.cohort';
import { REGISTRATIONS_COHORT } from './registrations.cohort';

export const COHORTS: readonly CohortDefinition[] = [
  LIVE_BIRTHS_COHORT,
  DELIVERIES_COHORT,
  FEEDING_RECALLS_COHORT,
  PERINATAL_BIRTHS_COHORT,
  MATERNAL_MORTALITY_COHORT,
  PMTCT_MOTHERS_COHORT,
  EXPOSED_BABIES_COHORT,
  REGISTRATIONS_COHORT,
  FOLIC_ACID_SURVEYS_COHORT,
  CLASS_SESSIONS_COHORT,
  OPEN_PREGNANCIES_COHORT,
  ORANGE_RED_GRADINGS_COHORT,
];
