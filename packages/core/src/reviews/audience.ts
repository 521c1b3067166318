import type { Subject } from '../compliance/finding.js';
import {
  type Audience,
  type RecordEntry,
  type RecordEntryKind,
  type ReviewPack,
  recordEntryKinds,
} from './model.js';

/** What one audience may read of a review pack. */
export interface AudienceRule {
  /** The kinds of written entry this audience reads. */
  readonly reads: ReadonlySet<RecordEntryKind>;
  /**
   * Leave out whatever is about someone other than the child and their carers' household: another young person
   * discussed at a clinic, another household. Third parties' information is theirs, not this reader's.
   */
  readonly ownPeopleOnly: boolean;
}

const everything: ReadonlySet<RecordEntryKind> = new Set(recordEntryKinds);
const without = (...kinds: RecordEntryKind[]) => new Set([...everything].filter((k) => !kinds.includes(k)));

/**
 * Who reads what, by default (an agency may pass its own). The clinic is the carers' confidential consultation
 * with the clinician: its notes go to the clinician, the supervising social worker and the registered manager,
 * never to a panel or the placing authority. Foster carers read the facts they need to care safely (health needs,
 * risks as found, the safety plan, why a clinic was cancelled), not others' professional opinions of them, and
 * nothing about third parties.
 */
export const audienceRules: Readonly<Record<Audience, AudienceRule>> = {
  'registered-manager': { reads: everything, ownPeopleOnly: false },
  'supervising-social-worker': { reads: everything, ownPeopleOnly: false },
  clinician: { reads: everything, ownPeopleOnly: false },
  'panel-member': { reads: without('clinic-notes', 'clinic-cancellation'), ownPeopleOnly: false },
  'placing-authority': { reads: without('clinic-notes', 'clinic-cancellation'), ownPeopleOnly: true },
  'foster-carer': {
    reads: new Set(['risk-facts', 'safety-measures', 'health-need', 'clinic-cancellation']),
    ownPeopleOnly: true,
  },
};

/**
 * The review pack as one audience may read it (data-last, for `pipe`): written entries of the kinds it reads
 * and, for those kept to their own people, no entry, deadline or finding about anyone else.
 */
export const forAudience =
  (audience: Audience, rules: Readonly<Record<Audience, AudienceRule>> = audienceRules) =>
  (pack: ReviewPack): ReviewPack => {
    const rule = rules[audience];
    const own = new Set([pack.child.childId, pack.household.householdId]);
    const ownEntry = (entry: RecordEntry) => !rule.ownPeopleOnly || entry.about.every((id) => own.has(id));
    const ownSubject = ({ subject }: { readonly subject: Subject }) =>
      !rule.ownPeopleOnly ||
      ((subject.childId === undefined || subject.childId === pack.child.childId) &&
        (subject.householdId === undefined || subject.householdId === pack.household.householdId));
    return {
      ...pack,
      audience,
      entries: pack.entries.filter((entry) => rule.reads.has(entry.kind) && ownEntry(entry)),
      deadlines: pack.deadlines.filter(ownSubject),
      openFindings: pack.openFindings.filter(ownSubject),
    };
  };
