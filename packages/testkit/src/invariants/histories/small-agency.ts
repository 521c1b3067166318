import { addDays, type LocalDate, unsafeLocalDate } from '@fostering/core';
import fc from 'fast-check';
import { approvalJourney, end, registration, start } from '../journeys.js';
import { type Script, type ScriptStep, script } from '../script.js';

/**
 * A small agency's first years, for rules about every record rather than one area: one to three households
 * approved from staggered applications, two to four children registered, placements started and sometimes
 * ended, some of them sent at the same moment by different officers. Many starts are refused (a household not
 * yet approved, a child already placed); the rules under test must hold whatever is accepted.
 */
export const smallAgencyHistories = (): fc.Arbitrary<Script> =>
  fc
    .record({
      applications: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 3 }),
      children: fc.array(fc.integer({ min: 0, max: 6_000 }), { minLength: 1, maxLength: 4 }),
      placements: fc.array(
        fc.record({
          child: fc.nat(),
          household: fc.nat(),
          startsAfter: fc.integer({ min: 100, max: 500 }),
          lasts: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
          concurrent: fc.boolean(),
        }),
        { maxLength: 5 },
      ),
    })
    .map(({ applications, children, placements }) => {
      const base = unsafeLocalDate('2025-01-06');
      const households = applications.map((days, i) => ({ name: `h${i + 1}`, from: addDays(base, days) }));
      const kids = children.map((age, i) => ({
        name: `c${i + 1}`,
        dateOfBirth: addDays(unsafeLocalDate('2008-01-01'), age),
      }));
      const steps: ScriptStep[] = [
        ...households.flatMap((h) => approvalJourney(h.name, { from: h.from })),
        ...kids.flatMap((c) => registration(c.name, { on: addDays(base, 90), dateOfBirth: c.dateOfBirth })),
      ];
      // A placement marked concurrent starts the same day as the one before and is sent at the same moment.
      const starts = new Set<ScriptStep>();
      let previous: LocalDate | undefined;
      placements.forEach((p, i) => {
        const name = `p${i + 1}`;
        const on = p.concurrent && previous !== undefined ? previous : addDays(base, p.startsAfter);
        previous = on;
        const s = start(name, {
          child: kids[p.child % kids.length]?.name ?? 'c1',
          household: households[p.household % households.length]?.name ?? 'h1',
          on,
        });
        steps.push(s);
        if (p.concurrent) starts.add(s);
        if (p.lasts !== undefined) steps.push(end(name, addDays(on, p.lasts)));
      });
      // A stable sort: each record's own steps stay in order.
      const sorted = [...steps].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
      const all = sorted.map((step, i) =>
        starts.has(step) && i > 0 && sorted[i - 1]?.on === step.on
          ? { ...step, concurrent: true as const }
          : step,
      );
      return script(all);
    });
