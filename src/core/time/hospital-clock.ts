import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../../../config';
import { type IsoDate, startOfDayIn, todayIn } from './calendar-date';

/** Calendar days as the hospital counts them, in its configured time zone. */
@Injectable()
export class HospitalClock {
  constructor(@Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>) {}

  today(): IsoDate {
    return todayIn(this.app.timeZone);
  }

  /** The hospital's calendar day of an instant. */
  dateOf(instant: Date): IsoDate {
    return todayIn(this.app.timeZone, instant);
  }

  startOfDay(date: IsoDate): Date {
    return startOfDayIn(date, this.app.timeZone);
  }
}
