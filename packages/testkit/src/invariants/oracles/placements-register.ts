import * as E from 'fp-ts/lib/Either.js';
import type { ScriptRun } from '../run-script.js';
import type { PlacementFacts } from './placements-facts.js';
import { namer, refusalOf } from './placements-steps.js';

/**
 * Rule `register` (FSR 22, Sched 2), from the stored events: every started placement holds every field of the
 * placements register, filled in (not blank): its date, the carers' names (those of the household's applicants,
 * every one), the carers' address, the child's address before, the placing authority and the legal basis; once
 * ended, its end date and the child's address after. A start or ending sent without one of them is refused, and
 * the refusal names the field.
 */

const filled = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
const isDate = (value: unknown): boolean => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

export const startFields = [
  'startedOn',
  'carersAddress',
  'childAddressBefore',
  'placingAuthority',
  'legalBasis',
] as const;
export const endFields = ['endedOn', 'childAddressAfter'] as const;

const missing = (data: Readonly<Record<string, unknown>>, fields: ReadonlyArray<string>) =>
  fields.filter((f) => !filled(data[f]) || (f.endsWith('On') && !isDate(data[f])));

export const registerBreaches = (run: ScriptRun, facts: PlacementFacts): string[] => {
  const name = namer(run);
  const breaches: string[] = [];
  for (const p of facts.stays) {
    const data = p.data as unknown as Readonly<Record<string, unknown>>;
    const what = `the register entry of ${name(p.placementId)} (${name(p.childId)} in ${name(p.householdId)})`;
    for (const field of missing(data, startFields))
      breaches.push(`${what} has no ${field} (${JSON.stringify(data[field])})`);
    const carers = p.data.carerNames;
    const applicants = facts.households.get(p.householdId)?.applicants;
    if (!Array.isArray(carers) || carers.length === 0 || !carers.every(filled))
      breaches.push(`${what} does not name the carers (${JSON.stringify(carers)})`);
    else if (applicants === undefined || applicants.at > p.at)
      breaches.push(`${what} names carers of a household with no application on record`);
    else if ([...carers].sort().join('|') !== [...applicants.value].sort().join('|'))
      breaches.push(
        `${what} names the carers ${JSON.stringify(carers)}, but the household's applicants are ${JSON.stringify(applicants.value)}`,
      );
    if (p.ended !== undefined) {
      const ended = p.ended as unknown as Readonly<Record<string, unknown>>;
      for (const field of missing(ended, endFields))
        breaches.push(`${what} has ended with no ${field} (${JSON.stringify(ended[field])})`);
    }
  }
  run.outcomes.forEach((outcome, i) => {
    const { request } = outcome.step;
    if (request.area !== 'placements') return;
    const { command } = request;
    const fields =
      command.kind === 'StartPlacement' ? startFields : command.kind === 'EndPlacement' ? endFields : [];
    const absent = missing(command as unknown as Readonly<Record<string, unknown>>, fields);
    if (absent.length === 0) return;
    const step = `step ${i + 1} (${command.kind} of ${name(request.id)} without ${absent.join(', ')})`;
    const refusal = refusalOf(outcome);
    if (E.isRight(outcome.answer) || refusal === undefined) {
      breaches.push(`${step} was accepted`);
      return;
    }
    const said = `${(refusal as { field?: unknown }).field ?? ''} ${refusal.message ?? ''}`;
    if (!absent.some((f) => said.includes(f)))
      breaches.push(`${step} was refused without naming the field: ${refusal._tag} "${said.trim()}"`);
  });
  return breaches;
};
