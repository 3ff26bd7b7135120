import { Init1795349318242 } from './1795349318242-Init';
import { RiskAndAntenatal1795350623335 } from './1795350623335-RiskAndAntenatal';
import { ClassesAndFolicAcid1795351149387 } from './1795351149387-ClassesAndFolicAcid';
import { Pmtct1795352203241 } from './1795352203241-Pmtct';
import { DeliveryAndBreastfeeding1795352585424 } from './1795352585424-DeliveryAndBreastfeeding';
import { Indicators1795356953186 } from './1795356953186-Indicators';
import { PregnancyOverdueFrom1795357168398 } from './1795357168398-PregnancyOverdueFrom';
import { IndicatorIndexes1795359225920 } from './1795359225920-IndicatorIndexes';
import { AuditActions1795359900000 } from './1795359900000-AuditActions';
import { SessionsAndSystemAdmin1795360100000 } from './1795360100000-SessionsAndSystemAdmin';
import { EncryptIdentifiers1795361000000 } from './1795361000000-EncryptIdentifiers';
import { MergeReviews1795361100000 } from './1795361100000-MergeReviews';
import { MaskAuditSecrets1795362000000 } from './1795362000000-MaskAuditSecrets';
import { PmtctLabourTestsAndMarkers1795370000000 } from './1795370000000-PmtctLabourTestsAndMarkers';
import { BirthDosesAndMaternalDeaths1795371000000 } from './1795371000000-BirthDosesAndMaternalDeaths';
import { NationalRiskForm1795372000000 } from './1795372000000-NationalRiskForm';
import { PrePregnancyWeight1795372100000 } from './1795372100000-PrePregnancyWeight';
import { DatingScans1795373000000 } from './1795373000000-DatingScans';
import { IncompleteCasesAndComplementaryFeeding1795380000000 } from './1795380000000-IncompleteCasesAndComplementaryFeeding';
import { CorrectionsAndVoids1795381000000 } from './1795381000000-CorrectionsAndVoids';
import { IndicatorPeriodClose1795382000000 } from './1795382000000-IndicatorPeriodClose';
import { VisitIndexCoversVoids1795383000000 } from './1795383000000-VisitIndexCoversVoids';
import { DeliveryAndNewbornVoids1795384000000 } from './1795384000000-DeliveryAndNewbornVoids';
import { EpisodeParticipants1795390000000 } from './1795390000000-EpisodeParticipants';
import { ReferralsAcrossFacilities1795391000000 } from './1795391000000-ReferralsAcrossFacilities';
import { ManagementTransfers1795392000000 } from './1795392000000-ManagementTransfers';
import { AddressesAndResidence1795393000000 } from './1795393000000-AddressesAndResidence';
import { DeliveryNotices1795394000000 } from './1795394000000-DeliveryNotices';
import { RegisteringFacility1795395000000 } from './1795395000000-RegisteringFacility';
import { DistrictCounting1795396000000 } from './1795396000000-DistrictCounting';
import { CasesByPregnancy1795397000000 } from './1795397000000-CasesByPregnancy';
import { WomanMerges1795398000000 } from './1795398000000-WomanMerges';
import { HandbookNumber1795399000000 } from './1795399000000-HandbookNumber';
import { BreastfeedingFailureReviews1795400000000 } from './1795400000000-BreastfeedingFailureReviews';
import { IndicatorExportHistory1795401000000 } from './1795401000000-IndicatorExportHistory';
import { SealedAuditValues1795402000000 } from './1795402000000-SealedAuditValues';
import { PendingAuditIds1795403000000 } from './1795403000000-PendingAuditIds';

/** Every migration, in order. A generated migration is added here by hand after reading it. */
export const MIGRATIONS = [
  Init1795349318242,
  RiskAndAntenatal1795350623335,
  ClassesAndFolicAcid1795351149387,
  Pmtct1795352203241,
  DeliveryAndBreastfeeding1795352585424,
  Indicators1795356953186,
  PregnancyOverdueFrom1795357168398,
  IndicatorIndexes1795359225920,
  AuditActions1795359900000,
  SessionsAndSystemAdmin1795360100000,
  EncryptIdentifiers1795361000000,
  MergeReviews1795361100000,
  MaskAuditSecrets1795362000000,
  PmtctLabourTestsAndMarkers1795370000000,
  BirthDosesAndMaternalDeaths1795371000000,
  NationalRiskForm1795372000000,
  PrePregnancyWeight1795372100000,
  DatingScans1795373000000,
  IncompleteCasesAndComplementaryFeeding1795380000000,
  CorrectionsAndVoids1795381000000,
  IndicatorPeriodClose1795382000000,
  VisitIndexCoversVoids1795383000000,
  DeliveryAndNewbornVoids1795384000000,
  EpisodeParticipants1795390000000,
  ReferralsAcrossFacilities1795391000000,
  ManagementTransfers1795392000000,
  AddressesAndResidence1795393000000,
  DeliveryNotices1795394000000,
  RegisteringFacility1795395000000,
  DistrictCounting1795396000000,
  CasesByPregnancy1795397000000,
  WomanMerges1795398000000,
  HandbookNumber1795399000000,
  BreastfeedingFailureReviews1795400000000,
  IndicatorExportHistory1795401000000,
  SealedAuditValues1795402000000,
  PendingAuditIds1795403000000,
];
