import { AuditEntry } from './core/audit/audit-entry.entity';
import { Facility } from './core/facilities/facility.entity';
import { User } from './core/users/user.entity';
import { EddChange } from './women/edd-change.entity';
import { PossibleDuplicate } from './women/possible-duplicate.entity';
import { Pregnancy } from './women/pregnancy.entity';
import { Woman } from './women/woman.entity';

/** Every entity, for the data source shared by the app and the migration CLI. */
export const ENTITIES = [
  AuditEntry,
  Facility,
  User,
  Woman,
  Pregnancy,
  EddChange,
  PossibleDuplicate,
];
