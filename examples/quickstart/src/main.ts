import {
  commandHandler,
  unsafeLocalDate as day,
  fixedClock,
  inMemoryEventStore,
  projectionRunner,
} from '@fostering/core';
import * as E from 'fp-ts/lib/Either.js';
import { RespiteCommand, respiteDecider, respiteEvents } from './respite.js';
import { respiteUsage } from './respite-usage.js';

const clock = fixedClock(new Date('2026-03-02T09:00:00Z'));
const store = inMemoryEventStore({ clock });
const handle = commandHandler({
  store,
  registry: respiteEvents,
  decider: respiteDecider(),
  commandCodec: RespiteCommand,
  clock,
});
const ssw = { actor: { id: 'ssw-amina', role: 'supervising-social-worker' } };

const commands: ReadonlyArray<readonly [string, RespiteCommand]> = [
  ['placement-ava', { kind: 'GrantEntitlement', supportPackage: 'enhanced', from: day('2026-01-05') }],
  ['placement-ava', { kind: 'TakeRespite', from: day('2026-02-13'), days: 3 }],
  ['placement-ben', { kind: 'GrantEntitlement', supportPackage: 'intensive', from: day('2026-01-19') }],
  ['placement-ava', { kind: 'TakeRespite', from: day('2026-04-02'), days: 12 }],
  ['placement-ben', { kind: 'TakeRespite', from: day('2026-05-22'), days: 7 }],
  ['placement-ava', { kind: 'TakeRespite', from: day('2026-06-01'), days: 0 }],
];

console.log('Fostering Ledger quickstart: a respite diary on the embedded in-memory store\n');
for (const [streamId, command] of commands) {
  const outcome = await handle(streamId, command, ssw);
  const what = `${streamId} ${command.kind}${command.kind === 'TakeRespite' ? ` ${command.days} days` : ''}`;
  if (E.isRight(outcome)) {
    const types = outcome.right.events.map((e) => `${e.type}@${e.streamRevision}`).join(', ');
    console.log(`  accepted  ${what.padEnd(36)} -> ${types}`);
  } else {
    const error = outcome.left;
    const rule =
      'rule' in error && error.rule !== undefined ? ` [rule ${error.rule.id}: ${error.rule.citation}]` : '';
    console.log(`  refused   ${what.padEnd(36)} -> ${error._tag}: ${error.message}${rule}`);
  }
}

const runner = projectionRunner({ store, projection: respiteUsage });
const caughtUp = await runner.catchUp();
if (E.isLeft(caughtUp)) throw new Error(caughtUp.left.message);

console.log('\nRespite used against entitlement (projection "quickstart.respite-usage"):');
for (const [placement, row] of Object.entries(runner.state())) {
  console.log(`  ${placement.padEnd(16)} ${row.supportPackage.padEnd(10)} ${row.used}/${row.entitled} days`);
}
await store.close();
