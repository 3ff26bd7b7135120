import { gestationalAgeOn } from '../women/women.mapper';
import type { AntenatalVisit } from './antenatal-visit.entity';
import type { RegradingDto, VisitDto } from './dto/visit.dto';

export function mapVisit(
  visit: AntenatalVisit,
  edd: string,
  ordinal: number | null,
  regrading?: RegradingDto | null,
): VisitDto {
  return {
    id: visit.id,
    pregnancyId: visit.pregnancyId,
    visitDate: visit.visitDate,
    ordinal,
    gestationalAge: gestationalAgeOn(edd, visit.visitDate)!,
    sameDayRepeat: visit.sameDayRepeat,
    weightKg: visit.weightKg,
    heightCm: visit.heightCm,
    systolicMmHg: visit.systolicMmHg,
    diastolicMmHg: visit.diastolicMmHg,
    fundalHeightCm: visit.fundalHeightCm,
    fetalHeartRate: visit.fetalHeartRate,
    fetalPosition: visit.fetalPosition,
    oedema: visit.oedema,
    haemoglobinGL: visit.haemoglobinGL,
    plateletsE9L: visit.plateletsE9L,
    urineProtein: visit.urineProtein,
    urineGlucose: visit.urineGlucose,
    findings: visit.findings,
    nextAppointmentDate: visit.nextAppointmentDate,
    recordedBy: visit.recordedBy,
    version: visit.version,
    voidedAt: visit.voidedAt?.toISOString() ?? null,
    voidReason: visit.voidReason,
    ...(regrading !== undefined ? { regrading } : {}),
  };
}
