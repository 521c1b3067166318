import * as E from 'fp-ts/lib/Either.js';
import { householdStreamId } from '../../approvals/decider.js';
import * as hh from '../../approvals/events/index.js';
import { addDays, unsafeLocalDate as d, type LocalDate } from '../../calendar/index.js';
import { childStreamId } from '../../children/decider.js';
import * as ch from '../../children/events/index.js';
import { clinicStreamId } from '../../clinics/decider.js';
import * as cl from '../../clinics/events/index.js';
import {
  type Clock,
  type DomainEvent,
  type EventRegistry,
  type EventStore,
  eventStamper,
  inMemoryEventStore,
  manualClock,
} from '../../eventsourcing/index.js';
import { approvedHouseholdEvents, startCommand } from '../../placements/__fixtures__/agency.js';
import { childStreamReader } from '../../placements/child-reader.js';
import { placementStreamId } from '../../placements/decider.js';
import * as pl from '../../placements/events.js';
import { placementProcess } from '../../placements/process.js';

const actor = { id: 'ssw-amina', role: 'supervising-social-worker' };
const nine = (day: LocalDate) => new Date(`${day}T09:00:00Z`);

/**
 * A store whose clock says when each thing was written down, apart from when it happened; `wrap` puts a layer
 * over it (sealing personal data, say).
 */
const agencyOnRecord = (wrap: (store: EventStore, clock: Clock) => EventStore) => {
  const clock = manualClock(nine(d('2024-06-01')));
  const store = wrap(inMemoryEventStore({ clock }), clock);
  const record = async <Ev extends DomainEvent>(
    registry: EventRegistry<Ev>,
    streamId: string,
    events: ReadonlyArray<Ev>,
    happened: LocalDate,
    recorded: LocalDate = happened,
  ) => {
    clock.set(nine(recorded));
    const stamp = eventStamper({ actor, occurredAt: nine(happened) }, clock)(registry);
    const appended = await store.append(streamId, events.map(stamp), { expectedRevision: 'any' });
    if (E.isLeft(appended)) throw new Error(appended.left.message);
  };
  return { clock, store, record };
};

/**
 * Riley Morgan-Price, placed with household h1 on 3 March 2025 with an allergy the safe-care plan leaves out;
 * fortnightly clinics from 10 March, one session's notes written twelve days late, a visit written up eighteen days late; three days' respite in May.
 */
export const rileysPlacement = async (
  wrap: (store: EventStore, clock: Clock) => EventStore = (store) => store,
) => {
  const { clock, store, record } = agencyOnRecord(wrap);
  const household = approvedHouseholdEvents('h1');
  await record(hh.householdEvents, householdStreamId('h1'), household.slice(0, 1), d('2024-06-03'));
  await record(hh.householdEvents, householdStreamId('h1'), household.slice(1), d('2025-01-06'));
  await record(
    hh.householdEvents,
    householdStreamId('h1'),
    [hh.SafeCarePlanRecorded.create({ recordedOn: d('2025-02-20'), covers: [] })],
    d('2025-02-20'),
  );
  await record(
    ch.childEvents,
    childStreamId('c1'),
    [
      ch.ChildRegistered.create({
        childId: 'c1',
        name: 'Riley Morgan-Price',
        dateOfBirth: d('2014-05-01'),
        legalStatus: 'care-order',
        placingAuthority: 'Shropshire',
        registeredOn: d('2025-02-24'),
      }),
      ch.HealthNeedRecorded.create({
        needId: 'n1',
        kind: 'allergy',
        description: 'peanuts',
        recordedOn: d('2025-02-24'),
      }),
    ],
    d('2025-02-24'),
  );
  clock.set(nine(d('2025-03-03')));
  const process = placementProcess({ store, children: childStreamReader });
  const started = await process.start(startCommand('p1', 'c1', 'h1'), {
    actor,
    occurredAt: nine(d('2025-03-03')),
  });
  if (E.isLeft(started)) throw new Error(started.left.message);

  const series = clinicStreamId('s-h1');
  await record(
    cl.clinicEvents,
    series,
    [
      cl.ClinicSeriesOpened.create({
        seriesId: 's-h1',
        clinicianId: 'dr-barbara',
        householdId: 'h1',
        youngPeople: ['c1'],
        openedOn: d('2025-03-10'),
      }),
    ],
    d('2025-03-10'),
  );
  const sessions = Array.from({ length: 8 }, (_, i) => addDays(d('2025-03-10'), 14 * i));
  for (const [i, on] of sessions.entries()) {
    await record(
      cl.clinicEvents,
      series,
      [
        cl.SessionScheduled.create({ sessionId: `s${i}`, scheduledFor: on, mode: 'online' }),
        cl.SessionHeld.create({
          sessionId: `s${i}`,
          heldOn: on,
          mode: 'online',
          minutes: 60,
          youngPeopleDiscussed: ['c1'],
        }),
      ],
      on,
    );
    // Session s3's notes are written twelve days after it: late against the notes deadline.
    const writtenOn = i === 3 ? addDays(on, 12) : on;
    await record(
      cl.clinicEvents,
      series,
      [cl.SessionNotesRecorded.create({ sessionId: `s${i}`, writtenOn, notes: 'Discussed the fortnight.' })],
      writtenOn,
    );
  }
  await record(
    pl.placementEvents,
    placementStreamId('p1'),
    [pl.RespiteTaken.create({ startsOn: d('2025-05-10'), days: 3 })],
    d('2025-05-10'),
  );
  await record(
    ch.childEvents,
    childStreamId('c1'),
    [ch.SocialWorkerVisitRecorded.create({ visitedOn: d('2025-03-09'), seenAlone: true })],
    d('2025-03-09'),
  );
  // A visit on 7 April that the social worker only wrote up on 25 April.
  await record(
    ch.childEvents,
    childStreamId('c1'),
    [ch.SocialWorkerVisitRecorded.create({ visitedOn: d('2025-04-07'), seenAlone: false })],
    d('2025-04-07'),
    d('2025-04-25'),
  );
  // Another household's history, which a review of Riley's placement must never read.
  await record(hh.householdEvents, householdStreamId('h2'), approvedHouseholdEvents('h2'), d('2025-01-06'));
  return { store, sessions };
};
