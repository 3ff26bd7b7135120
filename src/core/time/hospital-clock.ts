import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../../../config';
import { addDays, type IsoDate, startOfDayIn, todayIn } from './calendar-date';

/** Calendar days as the hospital counts them, in its configured time zone. */
@Injectable()
export class HospitalClock {
  // Most requests ask for today; the zone conversion is done once a day, not each time.
  private current: { day: IsoDate; startsAt: number; endsAt: number } | null = null;

  constructor(@Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>) {}

  today(): IsoDate {
    const now = Date.now();
    if (this.current === null || now >= this.current.endsAt || now < this.current.startsAt) {
      const day = todayIn(this.app.timeZone, new Date(now));
      this.current = {
        day,
        startsAt: this.startOfDay(day).getTime(),
        endsAt: this.startOfDay(addDays(day, 1)).getTime(),
      };
    }
    return this.current.day;
  }

  /** The hospital's calendar day of an instant. */
  dateOf(instant: Date): IsoDate {
    return todayIn(this.app.timeZone, instant);
  }

  timeZone(): string {
    return this.app.timeZone;
  }

  startOfDay(date: IsoDate): Date {
    return startOfDayIn(date, this.app.timeZone);
  }
}
