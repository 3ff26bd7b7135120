import { Init1795349318242 } from './1795349318242-Init';
import { RiskAndAntenatal1795350623335 } from './1795350623335-RiskAndAntenatal';

/** Every migration, in order. A generated migration is added here by hand after reading it. */
export const MIGRATIONS = [Init1795349318242, RiskAndAntenatal1795350623335];
