/**
 * The tables the generator fills and the columns it writes, in the order it writes them. Ids are
 * given explicitly so children can point at parents without reading anything back. Columns left
 * out take their defaults (created_at, updated_at) or are generated (open_woman_id,
 * open_pregnancy_id).
 *
 * Not written: audit_entry (the generator writes history, not user actions: nobody did these
 * things through the API), possible_duplicate (generated people are distinct), and the catalogue,
 * topic and schedule tables the migrations seed.
 */
export const TABLE_COLUMNS = {
  facility: ['id', 'code', 'name', 'level', 'region_code', 'version'],
  app_user: [
    'id',
    'facility_id',
    'username',
    'display_name',
    'role',
    'password_hash',
    'active',
    'version',
  ],
  class_session: [
    'id',
    'facility_id',
    'topic_id',
    'starts_at',
    'session_date',
    'duration_minutes',
    'instructor',
    'place',
    'capacity',
    'created_by',
    'version',
  ],
  woman: [
    'id',
    'document_type',
    'document_number',
    'name',
    'birth_date',
    'phone',
    'residence_region_code',
    'household_type',
    'education',
    'occupation',
    'registered_facility_id',
    'odd_sequence_confirmed',
    'version',
    // The generator writes the two identifiers above in plaintext and these as null;
    // SealingSink encrypts them and fills the blind indexes on the way to the database.
    'document_index',
    'phone_index',
  ],
  pregnancy: [
    'id',
    'woman_id',
    'facility_id',
    'registering_facility_id',
    'registration_date',
    'lmp',
    'ultrasound_scan_date',
    'ultrasound_ga_days',
    'ivf_transfer_date',
    'ivf_embryo_age_days',
    'edd',
    'edd_source',
    'gravidity',
    'parity',
    'previous_caesareans',
    'fetus_count',
    'pre_pregnancy_weight_kg',
    'status',
    'status_date',
    'status_reason',
    'end_outcome',
    'outcome_date',
    'risk_colour',
    'risk_purple',
    'last_visit_date',
    'overdue_from',
    'created_by',
    'version',
  ],
  episode_participant: [
    'id',
    'pregnancy_id',
    'facility_id',
    'role',
    'status',
    'started_via',
    'started_on',
    'legal_basis',
    'woman_informed',
    'created_by',
    'version',
  ],
  edd_change: [
    'id',
    'pregnancy_id',
    'old_edd',
    'new_edd',
    'old_source',
    'new_source',
    'reason',
    'changed_by',
    'changed_at',
  ],
  dating_scan: [
    'id',
    'pregnancy_id',
    'facility_id',
    'scan_date',
    'method',
    'ga_days',
    'used_for_dating',
    'not_used_reason',
    'note',
    'created_by',
    'created_at',
  ],
  antenatal_visit: [
    'id',
    'pregnancy_id',
    'facility_id',
    'visit_date',
    'same_day_repeat',
    'weight_kg',
    'height_cm',
    'systolic_mm_hg',
    'diastolic_mm_hg',
    'fundal_height_cm',
    'fetal_heart_rate',
    'fetal_position',
    'oedema',
    'haemoglobin_gl',
    'platelets_e9_l',
    'urine_protein',
    'urine_glucose',
    'findings',
    'next_appointment_date',
    'recorded_by',
    'version',
  ],
  contact_attempt: [
    'id',
    'pregnancy_id',
    'facility_id',
    'attempted_at',
    'outcome',
    'note',
    'user_id',
  ],
  risk_assessment: [
    'id',
    'pregnancy_id',
    'facility_id',
    'kind',
    'assessed_at',
    'assessed_on',
    'ga_days',
    'colour',
    'purple',
    'catalogue_id',
    'assessor_id',
    'source_visit_id',
  ],
  risk_assessment_factor: [
    'id',
    'assessment_id',
    'code',
    'colour',
    'purple',
    'origin',
    'evidence',
    'source_record',
  ],
  risk_report: [
    'id',
    'assessment_id',
    'pregnancy_id',
    'facility_id',
    'colour',
    'graded_at',
    'due_at',
    'reported_at',
    'reported_to',
    'reported_by',
  ],
  high_risk_case: [
    'id',
    'pregnancy_id',
    'facility_id',
    'status',
    'opened_by_assessment_id',
    'opened_at',
    'responsible_clinician_id',
    'plan',
    'closed_at',
    'close_reason',
    'version',
  ],
  high_risk_case_note: ['id', 'case_id', 'noted_at', 'author_id', 'text'],
  referral: [
    'id',
    'case_id',
    'pregnancy_id',
    'facility_id',
    'referred_on',
    'to_facility_name',
    'reason',
    'follow_up_due_on',
    'result_followed_up_on',
    'result',
    'created_by',
    'version',
    'colour_at_referral',
    'purple_at_referral',
  ],
  pmtct_counselling: [
    'id',
    'pregnancy_id',
    'facility_id',
    'stage',
    'counselled_on',
    'accepted',
    'test_id',
    'counsellor_id',
    'note',
  ],
  pmtct_test: [
    'id',
    'pregnancy_id',
    'facility_id',
    'subject',
    'disease',
    'kind',
    'method',
    'sample_date',
    'setting',
    'result',
    'result_date',
    'titre',
    'laboratory',
    'hbv_dna_iu_per_ml',
    'hbeag',
    'recorded_by',
    'version',
  ],
  maternal_treatment: [
    'id',
    'pregnancy_id',
    'facility_id',
    'disease',
    'kind',
    'started_on',
    'regimen',
    'on_art_at_conception',
    'recorded_by',
  ],
  treatment_dose: ['id', 'treatment_id', 'given_on', 'drug', 'dose', 'recorded_by'],
  exposed_infant: [
    'id',
    'pregnancy_id',
    'facility_id',
    'birth_order',
    'newborn_id',
    'born_at',
    'hiv_prophylaxis_started_at',
    'hiv_prophylaxis_regimen',
    'hbig_at',
    'hep_bvaccine1_at',
    'syphilis_prophylaxis_at',
    'feeding_choice',
    'version',
  ],
  infant_follow_up: ['id', 'infant_id', 'code', 'done_on', 'result', 'recorded_by'],
  delivery: [
    'id',
    'pregnancy_id',
    'facility_id',
    'delivered_at',
    'place',
    'mode',
    'caesarean_indication',
    'isolation_room',
    'complications',
    'blood_loss_ml',
    'maternal_outcome',
    'mother_discharged_at',
    'recorded_by',
    'version',
  ],
  newborn: [
    'id',
    'delivery_id',
    'pregnancy_id',
    'facility_id',
    'birth_order',
    'born_at',
    'sex',
    'birth_weight_g',
    'length_cm',
    'apgar1',
    'apgar5',
    'vital_status',
    'stillbirth_timing',
    'nicu_admitted_at',
    'nicu_reason',
    'died_at',
    'death_cause',
    'hep_b_birth_dose_at',
    'hep_b_birth_dose_batch',
    'hep_b_birth_dose_given_by',
    'bcg_at',
    'bcg_batch',
    'bcg_given_by',
    'version',
  ],
  maternal_death: [
    'id',
    'pregnancy_id',
    'facility_id',
    'died_at',
    'cause',
    'cause_detail',
    'recorded_by',
  ],
  feeding_event: [
    'id',
    'newborn_id',
    'facility_id',
    'kind',
    'start_at',
    'end_at',
    'detail',
    'medical_reason',
    'discharge_feeding',
    'recorded_by',
    'version',
  ],
  feeding_contraindication: [
    'id',
    'newborn_id',
    'kind',
    'decided_by',
    'decided_on',
    'note',
    'recorded_by',
  ],
  postpartum_contact: [
    'id',
    'pregnancy_id',
    'facility_id',
    'kind',
    'contact_date',
    'findings',
    'classification',
    'disposition',
    'assessment_id',
    'recorded_by',
  ],
  breastfeeding_follow_up: [
    'id',
    'newborn_id',
    'pregnancy_id',
    'facility_id',
    'contact',
    'followed_up_on',
    'breast_milk',
    'water',
    'formula_or_other_milk',
    'other_liquids',
    'solids',
    'ors_drops_medicine',
    'classification',
    'problems',
    'guidance',
    'referral',
    'referral_outcome',
    'recorded_by',
  ],
  folic_acid_dispensing: [
    'id',
    'woman_id',
    'facility_id',
    'dispensed_on',
    'dose_mg',
    'bottles',
    'tablets_per_bottle',
    'batch_number',
    'dispensed_by',
  ],
  folic_acid_intake_report: [
    'id',
    'woman_id',
    'facility_id',
    'reported_on',
    'started_on',
    'stopped_on',
    'missed_days',
    'estimated_days_taken',
    'recorded_by',
  ],
  folic_acid_survey: [
    'id',
    'woman_id',
    'facility_id',
    'asked_on',
    'knows_prevents_neural_tube_defects',
    'knows_when_to_take',
    'asked_by',
  ],
  class_attendance: [
    'id',
    'session_id',
    'woman_id',
    'pregnancy_id',
    'companion',
    'checked_in_by',
    'checked_in_at',
  ],
} as const satisfies Record<string, readonly string[]>;

export type TableName = keyof typeof TABLE_COLUMNS;
export const TABLE_NAMES = Object.keys(TABLE_COLUMNS) as TableName[];

/** One value of a row: text, a number, or SQL NULL. Dates and instants arrive formatted. */
export type Cell = string | number | null;

/** Where generated rows go: the bulk loader, or memory in the specs. */
export interface RowSink {
  add(table: TableName, row: Cell[]): void;
}

/** Next id per table; starts after the current maximum so an appended cohort continues. */
export class IdSequences {
  private readonly next: Record<TableName, number>;

  constructor(currentMax: Partial<Record<TableName, number>> = {}) {
    this.next = Object.fromEntries(
      TABLE_NAMES.map((table) => [table, (currentMax[table] ?? 0) + 1]),
    ) as Record<TableName, number>;
  }

  take(table: TableName): number {
    return this.next[table]++;
  }

  peek(table: TableName): number {
    return this.next[table];
  }
}

/** Keeps rows in memory, for specs and small checks. */
export class MemorySink implements RowSink {
  readonly rows = new Map<TableName, Cell[][]>();

  add(table: TableName, row: Cell[]): void {
    if (row.length !== TABLE_COLUMNS[table].length) {
      throw new RangeError(`${table}: ${row.length} values for ${TABLE_COLUMNS[table].length}`);
    }
    let list = this.rows.get(table);
    if (!list) this.rows.set(table, (list = []));
    list.push(row);
  }

  count(table: TableName): number {
    return this.rows.get(table)?.length ?? 0;
  }

  /** The rows of a table as objects keyed by column name. */
  records(table: TableName): Record<string, Cell>[] {
    const columns = TABLE_COLUMNS[table];
    return (this.rows.get(table) ?? []).map((row) =>
      Object.fromEntries(columns.map((column, i) => [column, row[i]])),
    );
  }
}
