import {
  type EventStore,
  inMemoryEventStore,
  type ManualClock,
  manualClock,
  StoreFailure,
  storeUnavailable,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approveTheMorgans,
  household,
  placement,
  registerRiley,
  riley,
  startRiley,
  terms,
} from './__fixtures__/agency.js';
import { everything, recorder, type Service, ssw, startService, streamOf } from './__fixtures__/service.js';

const application = {
  kind: 'ReceiveApplication',
  householdId: 'h-lee',
  receivedOn: '2025-05-01',
  route: 'mainstream',
  applicants: [{ adultId: 'adult-jo', name: 'Jo Lee' }],
  previousServices: [],
};

const registration = {
  kind: 'RegisterChild',
  childId: 'c-1',
  name: 'A Child',
  dateOfBirth: '2015-01-01',
  legalStatus: 'section-20',
  placingAuthority: 'Shropshire',
  registeredOn: '2025-01-02',
};

const noStack = (text: string) => {
  expect(text).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  expect(text).not.toContain('"stack"');
};

describe('refusals and failures, as typed HTTP answers (in-memory store)', () => {
  let clock: ManualClock;
  let store: EventStore;
  let service: Service;
  const post = (path: string, body: unknown, headers: Record<string, string> = ssw) =>
    service.request('POST', path, { body, headers });

  /** Sends the request and checks that the store holds exactly what it held before. */
  const refusedWithoutWriting = async (send: () => ReturnType<Service['request']>) => {
    const before = await everything(store);
    const answer = await send();
    expect(await everything(store)).toEqual(before);
    noStack(answer.text);
    return answer;
  };

  beforeAll(async () => {
    clock = manualClock(new Date('2024-06-01T12:00:00Z'));
    store = inMemoryEventStore({ clock });
    service = await startService({ store, clock });
    const record = recorder(service, clock);
    await approveTheMorgans(record);
    await registerRiley(record);
  });

  afterAll(async () => {
    await service?.close();
    await store?.close();
  });

  describe('400: the request or the command is malformed, the field named', () => {
    it('a command missing a field', async () => {
      const { receivedOn: _, ...missing } = application;
      const answer = await refusedWithoutWriting(() => post('/households/h-lee/commands', missing));
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({
        error: 'InvalidCommand',
        field: 'receivedOn',
        reason: expect.any(String),
      });
    });

    it('a field of the wrong shape, deep in the command', async () => {
      const answer = await refusedWithoutWriting(() =>
        post('/households/h-lee/commands', { ...application, applicants: [{ adultId: 7, name: 'Jo Lee' }] }),
      );
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ error: 'InvalidCommand', field: 'applicants.0.adultId' });
    });

    it('a date that is not a calendar date', async () => {
      const answer = await post('/households/h-lee/commands', { ...application, receivedOn: '2025-02-30' });
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ error: 'InvalidCommand', field: 'receivedOn' });
    });

    it('a field the command does not have, which would otherwise be stored in the event for ever', async () => {
      const nested = await refusedWithoutWriting(() =>
        post('/households/h-lee/commands', {
          ...application,
          applicants: [{ adultId: 'adult-jo', name: 'Jo Lee', nationalInsurance: 'QQ123456C' }],
        }),
      );
      expect(nested.status).toBe(400);
      expect(nested.json).toMatchObject({
        error: 'InvalidCommand',
        field: 'applicants.0.nationalInsurance',
        reason: 'is not a field of this command',
      });
      const top = await post('/households/h-lee/commands', { ...application, occurredAt: '2025-05-01' });
      expect(top.json).toMatchObject({ error: 'InvalidCommand', field: 'occurredAt' });
    });

    it('an id in the command that disagrees with the path', async () => {
      const answer = await refusedWithoutWriting(() => post('/households/h-other/commands', application));
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ error: 'InvalidCommand', field: 'householdId' });
    });

    it('a path id that cannot name a stream', async () => {
      const answer = await post('/households/bad%20id/commands', application);
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ error: 'InvalidRequest', in: 'path', field: 'householdId' });
    });

    it('no actor: every record entry is attributed', async () => {
      const noId = await refusedWithoutWriting(() =>
        post('/households/h-lee/commands', application, { 'x-actor-role': 'ssw' }),
      );
      expect(noId.status).toBe(400);
      expect(noId.json).toMatchObject({ error: 'InvalidRequest', in: 'header', field: 'x-actor-id' });
      const noRole = await post('/households/h-lee/commands', application, { 'x-actor-id': 'ssw-amina' });
      expect(noRole.status).toBe(400);
      expect(noRole.json).toMatchObject({ error: 'InvalidRequest', in: 'header', field: 'x-actor-role' });
    });

    it('an occurred-at that is not a date or a date-time with offset', async () => {
      const answer = await post('/households/h-lee/commands', application, {
        ...ssw,
        'x-occurred-at': 'yesterday',
      });
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ error: 'InvalidRequest', field: 'x-occurred-at' });
    });

    it('malformed JSON, an empty body, a body that is not an object', async () => {
      const malformed = await refusedWithoutWriting(() =>
        service.request('POST', '/households/h-lee/commands', {
          raw: '{"kind": "ReceiveApplication",',
          headers: ssw,
        }),
      );
      expect(malformed.status).toBe(400);
      expect(malformed.json).toMatchObject({ error: 'MalformedJson', in: 'body', field: 'body' });
      const empty = await service.request('POST', '/households/h-lee/commands', { raw: '', headers: ssw });
      expect(empty.status).toBe(400);
      expect(empty.json).toMatchObject({ error: 'MalformedJson', field: 'body' });
      const list = await post('/households/h-lee/commands', [application]);
      expect(list.status).toBe(400);
      expect(list.json).toMatchObject({ error: 'InvalidRequest', in: 'body', field: 'body' });
    });

    it('a body that is not JSON at all', async () => {
      const answer = await service.request('POST', '/households/h-lee/commands', {
        raw: 'kind=ReceiveApplication',
        headers: { ...ssw, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(answer.status).toBe(415);
      expect(answer.json).toMatchObject({ error: 'UnsupportedMediaType', field: 'content-type' });
    });

    it('a placement start sent to the placement stream’s own commands', async () => {
      const answer = await post(`${placement}/commands`, startRiley);
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ error: 'InvalidCommand', field: 'kind' });
      expect((answer.json as { message: string }).message).toContain('/placements/p-riley/start');
    });

    it('a short-break stay sent to the placement stream’s own commands', async () => {
      const stay = { kind: 'RecordShortBreakStay', startsOn: '2025-09-05', days: 3 };
      const answer = await post(`${placement}/commands`, stay);
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ error: 'InvalidCommand', field: 'kind' });
      expect((answer.json as { message: string }).message).toContain('/placements/p-riley/short-break-stays');
      // Its own route runs the placement process: a placement not started is not there to take the stay.
      const notStarted = await refusedWithoutWriting(() =>
        post('/placements/p-none/short-break-stays', { startsOn: '2025-09-05', days: 3 }),
      );
      expect(notStarted.status).toBe(409);
      expect(notStarted.json).toMatchObject({ error: 'NotAllowedNow' });
    });
  });

  describe('422 and 409: the domain said no', () => {
    it('a rule: terms without a maximum number of children (rule terms, CPPR 23)', async () => {
      await post('/households/h-lee/commands', application, { ...ssw, 'x-occurred-at': '2025-05-01' });
      const { maxChildren: _, ...withoutMaximum } = terms;
      const answer = await refusedWithoutWriting(() =>
        post('/households/h-lee/commands', {
          kind: 'CompleteAssessmentReport',
          completedOn: '2025-05-20',
          proposedTerms: withoutMaximum,
        }),
      );
      expect(answer.status).toBe(422);
      expect(answer.json).toEqual({
        error: 'RuleViolation',
        rule: { id: 'terms', citation: 'CPPR 23' },
        field: 'proposedTerms.maxChildren',
        message: expect.any(String),
      });
    });

    it('a rule with its figures: a clinic held for the wrong length (clinic-cadence)', async () => {
      await post(
        '/clinics/s-lee/commands',
        {
          kind: 'OpenClinicSeries',
          seriesId: 's-lee',
          clinicianId: 'dr-barbara',
          householdId: 'h-morgan',
          youngPeople: ['c-riley'],
          openedOn: '2025-03-10',
        },
        { ...ssw, 'x-occurred-at': '2025-03-10' },
      );
      const answer = await refusedWithoutWriting(() =>
        post('/clinics/s-lee/commands', {
          kind: 'HoldSession',
          sessionId: 'session-1',
          heldOn: '2025-03-10',
          mode: 'online',
          minutes: 90,
          youngPeopleDiscussed: ['c-riley'],
        }),
      );
      expect(answer.status).toBe(422);
      expect(answer.json).toMatchObject({
        error: 'RuleViolation',
        rule: { id: 'clinic-cadence', citation: 'policy' },
        field: 'minutes',
        details: { minutes: 90, expected: 60, supported: ['c-riley'] },
      });
    });

    it('not now: a second application for the same household is 409 NotAllowedNow', async () => {
      const answer = await refusedWithoutWriting(() =>
        post(household, { ...application, householdId: 'h-morgan' }),
      );
      expect(answer.status).toBe(409);
      expect(answer.json).toMatchObject({ error: 'NotAllowedNow', message: expect.any(String) });
    });

    it('a placement that breaks a rule writes to none of its three streams', async () => {
      // Riley is 10; a placement of a type the Morgans are not approved for (short-breaks).
      const answer = await refusedWithoutWriting(() =>
        post(`${placement}/start`, { ...startRiley, placementType: 'short-breaks' }),
      );
      expect(answer.status).toBe(422);
      expect(answer.json).toMatchObject({
        error: 'RuleViolation',
        rule: { id: 'terms', citation: 'CPPR 23' },
      });
      expect(await streamOf(store, 'placement-p-riley')).toEqual([]);
    });
  });

  describe('optimistic concurrency: If-Match', () => {
    it('a stale revision is 409 with what was expected and what is there, and nothing is written', async () => {
      const current = (await streamOf(store, 'child-c-riley')).length - 1;
      const answer = await refusedWithoutWriting(() =>
        post(
          riley,
          { kind: 'HoldLookedAfterReview', heldOn: '2025-03-20' },
          { ...ssw, 'if-match': `"${current - 1}"` },
        ),
      );
      expect(answer.status).toBe(409);
      expect(answer.json).toMatchObject({
        error: 'WrongExpectedRevision',
        streamId: 'child-c-riley',
        expected: current - 1,
        actual: current,
      });
    });

    it('the current revision is accepted, and the answer gives the next one', async () => {
      const current = (await streamOf(store, 'child-c-riley')).length - 1;
      const answer = await post(
        riley,
        { kind: 'HoldLookedAfterReview', heldOn: '2025-03-21' },
        { ...ssw, 'if-match': String(current) },
      );
      expect(answer.status).toBe(201);
      expect(answer.json).toMatchObject({ nextExpectedRevision: current + 1 });
      expect(answer.headers.get('etag')).toBe(`"${current + 1}"`);
    });

    it('"no_stream" for a stream that must be new, and a placement stream too', async () => {
      const exists = await post(
        riley,
        { kind: 'HoldLookedAfterReview', heldOn: '2025-03-22' },
        {
          ...ssw,
          'if-match': '"no_stream"',
        },
      );
      expect(exists.status).toBe(409);
      expect(exists.json).toMatchObject({ error: 'WrongExpectedRevision', expected: 'no_stream' });
      const start = await refusedWithoutWriting(() =>
        post(`${placement}/start`, startRiley, { ...ssw, 'if-match': '0' }),
      );
      expect(start.status).toBe(409);
      expect(start.json).toMatchObject({ streamId: 'placement-p-riley', expected: 0, actual: 'no_stream' });
    });

    it('a write landing between the check and the append still makes it 409: the store checks the revision', async () => {
      const base = inMemoryEventStore();
      // Another writer appends right after the service checked If-Match: the check saw revision 0.
      const racing: EventStore = {
        ...base,
        streamState: async (id) =>
          id === 'child-c-1' ? { exists: true, revision: 0 } : base.streamState(id),
      };
      const raced = await startService({ store: racing });
      try {
        expect(
          (await raced.request('POST', '/children/c-1/commands', { body: registration, headers: ssw }))
            .status,
        ).toBe(201);
        const review = { kind: 'HoldLookedAfterReview', heldOn: '2025-03-20' };
        expect(
          (await raced.request('POST', '/children/c-1/commands', { body: review, headers: ssw })).status,
        ).toBe(201);
        const before = await everything(base);
        const answer = await raced.request('POST', '/children/c-1/commands', {
          body: { ...review, heldOn: '2025-03-21' },
          headers: { ...ssw, 'if-match': '0' },
        });
        expect(answer.status).toBe(409);
        expect(answer.json).toMatchObject({ error: 'WrongExpectedRevision', expected: 0, actual: 1 });
        expect(await everything(base)).toEqual(before);
      } finally {
        await raced.close();
      }
    });

    it('a header that is not a revision is 400 naming it', async () => {
      const answer = await post(
        riley,
        { kind: 'HoldLookedAfterReview', heldOn: '2025-03-22' },
        {
          ...ssw,
          'if-match': 'W/"abc"',
        },
      );
      expect(answer.status).toBe(400);
      expect(answer.json).toMatchObject({ error: 'InvalidRequest', in: 'header', field: 'if-match' });
    });
  });

  it('a command that changes nothing is 200 with no events', async () => {
    const relationship = {
      kind: 'RecordRelationship',
      otherChildId: 'c-sam',
      relationship: 'sibling',
      recordedOn: '2025-03-01',
    };
    expect((await post(riley, relationship)).status).toBe(201);
    const again = await post(riley, relationship);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ events: [], streamId: 'child-c-riley' });
  });

  describe('reads', () => {
    it('a review pack of a placement nobody recorded is 404', async () => {
      const answer = await service.request(
        'GET',
        '/placements/p-nobody/review-pack?from=2025-03-01&to=2025-06-30',
      );
      expect(answer.status).toBe(404);
      expect(answer.json).toMatchObject({ error: 'UnknownPlacement', placementId: 'p-nobody' });
    });

    it('bad, missing and unknown query parameters are 400 naming them', async () => {
      const cases: ReadonlyArray<readonly [string, string]> = [
        ['from=2025-13-01&to=2025-06-30', 'from'],
        ['from=yesterday&to=2025-06-30', 'from'],
        ['to=2025-06-30', 'from'],
        ['from=2025-03-01', 'to'],
        ['from=2025-03-01&to=2025-06-30&asRecordedAt=2025-6-1', 'asRecordedAt'],
        ['from=2025-03-01&to=2025-06-30&format=pdf', 'format'],
        ['from=2025-03-01&to=2025-06-30&asRecordAt=2025-06-01', 'asRecordAt'],
        ['from=2025-03-01&from=2025-04-01&to=2025-06-30', 'from'],
      ];
      for (const [query, field] of cases) {
        const answer = await service.request('GET', `/placements/p-riley/review-pack?${query}`);
        expect(answer.status, query).toBe(400);
        expect(answer.json, query).toMatchObject({ error: 'InvalidRequest', in: 'query', field });
      }
      const backwards = await service.request(
        'GET',
        '/placements/p-riley/review-pack?from=2025-06-30&to=2025-03-01',
      );
      expect(backwards.status).toBe(400);
      expect(backwards.json).toMatchObject({ error: 'InvalidPeriod', field: 'to' });
      const compliance = await service.request('GET', '/compliance?format=json');
      expect(compliance.status).toBe(400);
      expect(compliance.json).toMatchObject({ error: 'InvalidRequest', in: 'query', field: 'asOf' });
    });

    it('a browser asking for HTML gets the compliance report as HTML', async () => {
      const answer = await service.request('GET', '/compliance?asOf=2025-06-30', {
        headers: { accept: 'text/html,application/xhtml+xml' },
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    });

    it('an unknown route is 404 JSON', async () => {
      for (const [method, path] of [
        ['GET', '/nowhere'],
        ['GET', '/households/h-morgan/commands'],
        ['POST', '/households/h-morgan'],
      ] as const) {
        const answer = await service.request(
          method,
          path,
          method === 'POST' ? { body: {}, headers: ssw } : {},
        );
        expect(answer.status, path).toBe(404);
        expect(answer.json, path).toMatchObject({ error: 'NotFound' });
      }
    });

    it('health', async () => {
      const answer = await service.request('GET', '/health');
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ status: 'ok', store: 'in-memory' });
    });
  });
});

describe('the store failing', () => {
  const command = { kind: 'HoldLookedAfterReview', heldOn: '2025-03-20' };

  it('a store that cannot be reached is 503, retriable, with Retry-After', async () => {
    const store = inMemoryEventStore();
    const unreachable: EventStore = {
      ...store,
      append: async () =>
        E.left(
          storeUnavailable('postgres', 'connect ECONNREFUSED 10.0.0.5:5432', {
            reason: 'connection',
            code: 'ECONNREFUSED',
          }),
        ),
    };
    const service = await startService({ store: unreachable });
    try {
      const answer = await service.request('POST', '/children/c-1/commands', {
        body: registration,
        headers: ssw,
      });
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(answer.json).toEqual({
        error: 'StoreUnavailable',
        reason: 'connection',
        retriable: true,
        code: 'ECONNREFUSED',
        message: expect.any(String),
      });
      // The driver's message (a host and port) stays in the server's log.
      expect(answer.text).not.toContain('10.0.0.5');
    } finally {
      await service.close();
    }
  });

  it('a closed store is 503, not retriable; a failing read is 503 on the report routes and on /health', async () => {
    const store = inMemoryEventStore();
    const failing: EventStore = {
      ...store,
      // biome-ignore lint/correctness/useYield: it fails before yielding anything, as a dead connection would
      readStream: async function* () {
        throw new StoreFailure(
          storeUnavailable('postgres', 'terminating connection', { reason: 'connection' }),
        );
      },
      streamState: async () => {
        throw new StoreFailure(
          storeUnavailable('postgres', 'terminating connection', { reason: 'connection' }),
        );
      },
    };
    const closed = await startService({ store });
    const broken = await startService({ store: failing });
    try {
      await store.close();
      const refused = await closed.request('POST', '/children/c-1/commands', {
        body: registration,
        headers: ssw,
      });
      expect(refused.status).toBe(503);
      expect(refused.json).toMatchObject({ error: 'StoreUnavailable', reason: 'closed', retriable: false });
      const pack = await broken.request('GET', '/placements/p-1/review-pack?from=2025-01-01&to=2025-02-01');
      expect(pack.status).toBe(503);
      expect(pack.json).toMatchObject({ error: 'StoreUnavailable', retriable: true });
      expect((await broken.request('GET', '/health')).status).toBe(503);
    } finally {
      await closed.close();
      await broken.close();
    }
  });

  it('an unexpected exception is 500 without a stack trace or its message', async () => {
    const store = inMemoryEventStore();
    const buggy: EventStore = {
      ...store,
      // biome-ignore lint/correctness/useYield: it throws at once
      readStream: async function* () {
        throw new TypeError('Cannot read properties of undefined (secret internals)');
      },
    };
    const service = await startService({ store: buggy });
    try {
      const answer = await service.request('POST', '/children/c-1/commands', { body: command, headers: ssw });
      expect(answer.status).toBe(500);
      expect(answer.json).toEqual({ error: 'InternalError', message: expect.any(String) });
      expect(answer.text).not.toContain('secret internals');
      noStack(answer.text);
    } finally {
      await service.close();
    }
  });
});
