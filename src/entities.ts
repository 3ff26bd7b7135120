import { AuditEntry } from './core/audit/audit-entry.entity';
import { AuthSession } from './core/auth/auth-session.entity';
import { Facility, FacilityServiceArea } from './core/facilities/facility.entity';
import { User } from './core/users/user.entity';
import { DatingScan } from './women/dating-scan.entity';
import { EddChange } from './women/edd-change.entity';
import { MaternalDeath } from './women/maternal-death.entity';
import { MergeChange, MergeReview } from './women/merge-review.entity';
import { PossibleDuplicate } from './women/possible-duplicate.entity';
import { Pregnancy } from './women/pregnancy.entity';
import { Woman } from './women/woman.entity';
import { EpisodeNotice, EpisodeParticipant } from './episodes/episode-participant.entity';
import { EpisodeTransfer } from './episodes/episode-transfer.entity';
import { DeliveryNotice } from './episodes/delivery-notice.entity';
import { AntenatalVisit } from './antenatal/antenatal-visit.entity';
import { ContactAttempt } from './antenatal/contact-attempt.entity';
import { ScheduleWindowRow } from './antenatal/schedule-window.entity';
import { CaseNote, HighRiskCase, Referral } from './risk/high-risk-case.entity';
import { RiskAssessment, RiskAssessmentFactor } from './risk/risk-assessment.entity';
import { RiskCatalogue, RiskFactor } from './risk/risk-catalogue.entity';
import { RiskReport } from './risk/risk-report.entity';
import { ClassAttendance, ClassSession, ClassTopic } from './classes/class.entities';
import {
  FolicAcidDispensing,
  FolicAcidIntakeReport,
  FolicAcidSurvey,
} from './folic-acid/folic-acid.entities';
import {
  ExposedInfant,
  InfantFollowUp,
  MaternalTreatment,
  PmtctCounselling,
  PmtctTest,
  TreatmentDose,
} from './pmtct/pmtct.entities';
import {
  Delivery,
  FeedingContraindication,
  FeedingEvent,
  Newborn,
} from './delivery/delivery.entities';
import { BreastfeedingFollowUp, PostpartumContact } from './breastfeeding/breastfeeding.entities';
import { FailureReview } from './breastfeeding/audit/failure-review.entity';
import {
  IndicatorTargetOverride,
  IndicatorValue,
  IndicatorValueShare,
  IndicatorWatermark,
} from './indicators/indicator.entities';
import {
  ClosedIndicatorValue,
  IndicatorPeriodVersion,
} from './indicators/closing/indicator-period.entities';
import { IndicatorExportRecord } from './indicators/exports/indicator-export.entity';

/** Every entity, for the data source shared by the app and the migration CLI. */
export const ENTITIES = [
  AuditEntry,
  Facility,
  FacilityServiceArea,
  User,
  AuthSession,
  Woman,
  Pregnancy,
  EpisodeParticipant,
  EpisodeNotice,
  EpisodeTransfer,
  DeliveryNotice,
  MaternalDeath,
  EddChange,
  DatingScan,
  PossibleDuplicate,
  MergeReview,
  MergeChange,
  AntenatalVisit,
  ContactAttempt,
  ScheduleWindowRow,
  RiskCatalogue,
  RiskFactor,
  RiskAssessment,
  RiskAssessmentFactor,
  HighRiskCase,
  CaseNote,
  Referral,
  RiskReport,
  ClassTopic,
  ClassSession,
  ClassAttendance,
  FolicAcidDispensing,
  FolicAcidIntakeReport,
  FolicAcidSurvey,
  PmtctCounselling,
  PmtctTest,
  MaternalTreatment,
  TreatmentDose,
  ExposedInfant,
  InfantFollowUp,
  Delivery,
  Newborn,
  FeedingEvent,
  FeedingContraindication,
  PostpartumContact,
  BreastfeedingFollowUp,
  FailureReview,
  IndicatorValue,
  IndicatorValueShare,
  IndicatorTargetOverride,
  IndicatorWatermark,
  IndicatorPeriodVersion,
  ClosedIndicatorValue,
  IndicatorExportRecord,
];
