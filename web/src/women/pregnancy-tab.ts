import type { Schemas } from '../core/api';

/** What a tab of the pregnancy record is given: the pregnancy, and whether she may record care. */
export interface PregnancyTabProps {
  pregnancy: Schemas['PregnancyWithWomanDto'];
  canRecord: boolean;
}
