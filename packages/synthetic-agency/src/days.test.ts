import { ageOn, birthday, englandWorkingDayCalendar, type LocalDate } from '@fostering/core';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { ageOnDay, birthdayOf, dateOf, dayOf, workingDaysOf } from './days.js';

const day = fc.integer({ min: dayOf('2015-01-01'), max: dayOf('2030-12-01') });
const wd = workingDaysOf(englandWorkingDayCalendar);

describe('simulated days', () => {
  it('round-trip between day numbers and dates', () => {
    fc.assert(fc.property(day, (d) => dayOf(dateOf(d)) === d));
    expect(dateOf(dayOf('2024-02-29'))).toBe('2024-02-29');
  });

  it('agree with the England working-day calendar', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -30, max: 30 }), (d, n) => {
        const date = dateOf(d);
        expect(wd.isWorking(d)).toBe(E.getOrElse(() => false)(englandWorkingDayCalendar.isWorkingDay(date)));
        const added = englandWorkingDayCalendar.addWorkingDays(date, n);
        if (E.isRight(added) && n !== 0) expect(dateOf(wd.add(d, n))).toBe(added.right);
      }),
    );
  });

  it('count ages and birthdays as core does', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 8000 }),
        fc.integer({ min: 0, max: 21 }),
        (born, later, years) => {
          const b = dateOf(born) as LocalDate;
          expect(ageOnDay(born, born + later)).toBe(ageOn(b, dateOf(born + later)));
          expect(dateOf(birthdayOf(born, years))).toBe(birthday(b, years));
        },
      ),
    );
  });
});
