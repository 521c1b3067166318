import { rules } from '@fostering/core';
import { assessmentHistories } from '../histories/approvals-assessment.js';
import { endingHistories } from '../histories/approvals-endings.js';
import { temporaryHistories } from '../histories/approvals-temporary.js';
import { admDecisionExpected, panelTimingExpected } from '../oracles/approvals-deadlines.js';
import { compareFindings, reportedFindings } from '../oracles/approvals-findings.js';
import { noticeBreaches } from '../oracles/approvals-notice.js';
import { refereesBreaches } from '../oracles/approvals-referees.js';
import { temporaryBreaches, temporaryExpected } from '../oracles/approvals-temporary.js';
import type { InvariantProperty } from '../property.js';

const byHousehold = (f: { subject: { householdId?: string } }) => f.subject.householdId;

/** The catalogue's properties of the approvals rules, by rule id. */
export const approvalsProperties: Readonly<Record<string, InvariantProperty>> = {
  [rules.referees.id]: {
    claim:
      'no panel recommendation is stored unless, before it in the household’s record, two different personal referees were interviewed on or before the panel day and a reference was received by then from every fostering service whose approval of an applicant had not ended 12 months before the application; a recommendation refused for that alone cites the rule',
    histories: assessmentHistories,
    check: (run) => refereesBreaches(run),
  },
  [rules.panelTiming.id]: {
    claim:
      'the projection reports a household, with the due day, exactly when the papers for its latest panel went out after the 5th England working day before it, or its application was neither recommended nor refused (nor, for a temporarily approved connected person, terminated or resigned) within 8 calendar months of receipt, as judged on the day',
    histories: assessmentHistories,
    check: (run, policy) =>
      compareFindings(
        run,
        rules.panelTiming.id,
        panelTimingExpected(run),
        reportedFindings(run, policy, rules.panelTiming.id),
        byHousehold,
      ),
  },
  [rules.admDecision.id]: {
    claim:
      'the projection reports a household, with the due day, exactly when the agency decision came (or, on the day judged, has not come) after the 7th England working day following the later of its panel and the panel’s final minutes',
    histories: assessmentHistories,
    check: (run, policy) =>
      compareFindings(
        run,
        rules.admDecision.id,
        admDecisionExpected(run),
        reportedFindings(run, policy, rules.admDecision.id),
        byHousehold,
      ),
  },
  [rules.notice28.id]: {
    claim:
      'every stored refusal, termination and change of terms (unless the carers consented in writing) takes effect 28 days or more after its notice, and every resignation ends approval exactly 28 days after it was received: the approvals register shows the household still approved the day before an ending takes effect and ended from that day, a change of terms shows from its effective day, no child is placed once approval has ended, and a command refused for short notice alone cites the rule',
    histories: endingHistories,
    check: (run) => noticeBreaches(run),
  },
  [rules.temporaryApproval.id]: {
    claim:
      'a household is temporarily approved at most once, only as a connected person, for at most 16 weeks, and extended at most once, by at most 8 weeks, before it lapses and never after full approval or an ending; only the named child is placed meanwhile and no child once it lapsed; a command refused for those limits alone cites the rule; and the projection reports, on the day judged and due the day the temporary approval expires (its first day without cover), exactly the placements of the named child made before full approval that by then had neither ended nor been covered by full approval, and the households not fully approved by then',
    histories: temporaryHistories,
    check: (run, policy) => {
      const expected = temporaryExpected(run);
      const reported = reportedFindings(run, policy, rules.temporaryApproval.id);
      return [
        ...temporaryBreaches(run),
        ...compareFindings(
          run,
          rules.temporaryApproval.id,
          expected.placements,
          reported,
          (f) => f.subject.placementId,
        ),
        ...compareFindings(run, rules.temporaryApproval.id, expected.households, reported, (f) =>
          f.subject.placementId === undefined && !expected.skip.has(f.subject.householdId ?? '')
            ? f.subject.householdId
            : undefined,
        ),
      ];
    },
  },
};
