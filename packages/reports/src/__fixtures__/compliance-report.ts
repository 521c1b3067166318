import { type ComplianceReport, unsafeLocalDate as d, type Rule, type RuleRef, rules } from '@fostering/core';

const ref = (rule: Rule): RuleRef => ({ id: rule.id, citation: rule.citation });

/** An agency of forty households on a day in July, with four rules in breach; one message is hostile. */
export const complianceReport: ComplianceReport = {
  asOf: { by: 'recorded', on: d('2025-07-01') },
  population: {
    households: 42,
    approvedHouseholds: 38,
    children: 51,
    placementsOpen: 47,
    staff: 19,
    clinicSeries: 33,
  },
  totals: { findings: 9, rulesWithFindings: 4, deadlinesDueSoon: 6, deadlinesOverdue: 5 },
  byRule: [
    {
      rule: ref(rules.clinicCadence),
      summary: rules.clinicCadence.summary,
      count: 4,
      records: [
        {
          subject: { householdId: 'h-brook', seriesId: 's-ava' },
          code: 'clinic-gap',
          message: '35 days between clinics (15 Apr missed)',
          dueOn: d('2025-04-15'),
        },
        {
          subject: { householdId: 'h-hale', seriesId: 's-jo' },
          code: 'clinic-notes',
          message: 'notes for the clinic on 2025-06-10 not written up',
        },
        {
          subject: { householdId: 'h-hale', seriesId: 's-kit' },
          code: 'clinic-session-missed',
          message: 'session on 2025-06-17 neither held nor cancelled',
          dueOn: d('2025-06-17'),
        },
      ],
    },
    {
      rule: ref(rules.ssw),
      summary: rules.ssw.summary,
      count: 2,
      records: [
        {
          subject: { householdId: 'h-brook' },
          code: 'unannounced-visit',
          message: 'unannounced supervisory visit: overdue since 2025-03-31',
          dueOn: d('2025-03-31'),
        },
        {
          subject: { householdId: 'h-<img src=x onerror=alert(1)>' },
          code: 'ssw-not-allocated',
          message: 'no supervising social worker is allocated | col | <script>alert(1)</script>',
        },
      ],
    },
    {
      rule: ref(rules.riskComplete),
      summary: rules.riskComplete.summary,
      count: 2,
      records: [
        {
          subject: { householdId: 'h-hale', petId: 'pet-rex' },
          code: 'pet-risk-assessment-missing',
          message: 'no pet risk assessment for "Rex" [dog](javascript:x)',
        },
        {
          subject: { householdId: 'h-ng', childId: 'c-lee' },
          code: 'health-need-not-in-safe-care-plan',
          message: 'nut allergy is not in the safe care plan',
        },
      ],
    },
    {
      rule: ref(rules.staffSupervision),
      summary: rules.staffSupervision.summary,
      count: 1,
      records: [
        {
          subject: { staffId: 'st-amina' },
          code: 'appraisal',
          message: 'appraisal: overdue since 2025-05-01',
          dueOn: d('2025-05-01'),
        },
      ],
    },
  ],
};

export const cleanReport: ComplianceReport = {
  ...complianceReport,
  totals: { findings: 0, rulesWithFindings: 0, deadlinesDueSoon: 0, deadlinesOverdue: 0 },
  byRule: [],
};
