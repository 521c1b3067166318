import {
  addWeeks,
  type Deadline,
  unsafeLocalDate as d,
  type LocalDate,
  type ReviewPack,
  type Rule,
  type RuleRef,
  rules,
  type TimelineEntry,
} from '@fostering/core';

/** Rule references as the projections carry them: id and citation only, from the real catalogue. */
const ref = (rule: Rule): RuleRef => ({ id: rule.id, citation: rule.citation });

export const HOSTILE = {
  carer: "O'Brien <b>",
  concern: '<script>alert(1)</script> said she would "run"',
  attribute: '"onmouseover=alert(1) x="',
  pipe: 'contact with mum | col | weekly',
  link: 'see [the file](javascript:x) and ](javascript:x)',
} as const;

export const PERIOD = { from: d('2025-01-01'), to: d('2025-06-30') };

/**
 * Fortnightly Tuesday clinics from 7 January; the one on 15 April did not take place (Easter), so 12 fall in
 * the period. The ones on 24 December and 8 July sit either side of it and must not be drawn.
 */
const clinicDays: ReadonlyArray<LocalDate> = Array.from({ length: 13 }, (_, i) =>
  addWeeks(d('2025-01-07'), 2 * i),
).filter((day) => day !== '2025-04-15');

const clinics: ReadonlyArray<TimelineEntry> = clinicDays.map((on, i) => ({
  on,
  kind: 'clinic',
  label: `Therapeutic clinic ${i + 1} with Dr Okafor`,
}));

export const missedDeadline: TimelineEntry = {
  on: d('2025-03-31'),
  kind: 'deadline-missed',
  label: 'unannounced supervisory visit: missed',
  rule: ref(rules.ssw),
};

export const lateVisit: TimelineEntry = {
  on: d('2025-04-22'),
  kind: 'visit',
  label: "Social worker's statutory visit (child seen alone)",
  recordedOn: d('2025-05-20'),
  late: true,
};

const timeline: ReadonlyArray<TimelineEntry> = [
  // Started before the period and still open: drawn from the period's first day.
  { on: d('2024-09-16'), until: d('2025-06-30'), kind: 'placement', label: 'Long-term placement' },
  { on: d('2024-12-24'), kind: 'clinic', label: 'Clinic before the period' },
  { on: d('2025-01-15'), kind: 'plan', label: 'Placement plan reviewed' },
  ...clinics,
  { on: d('2025-01-28'), kind: 'visit', label: "Social worker's statutory visit" },
  { on: d('2025-02-05'), kind: 'visit', label: 'Supervisory visit by the supervising social worker' },
  { on: d('2025-02-14'), until: d('2025-02-16'), kind: 'respite', label: `Respite with ${HOSTILE.carer}` },
  { on: d('2025-02-26'), kind: 'supervision', label: 'Carer supervision session' },
  { on: d('2025-03-11'), kind: 'visit', label: "Social worker's statutory visit" },
  { on: d('2025-03-20'), kind: 'review', label: 'Looked-after review (second)', rule: ref(rules.lacReviews) },
  missedDeadline,
  { on: d('2025-04-02'), kind: 'plan', label: 'Therapeutic care plan reviewed' },
  { on: d('2025-04-11'), until: d('2025-04-14'), kind: 'respite', label: 'Respite weekend' },
  lateVisit,
  { on: d('2025-05-02'), kind: 'concern', label: HOSTILE.concern, rule: ref(rules.records) },
  { on: d('2025-05-07'), kind: 'visit', label: `Supervisory visit ${HOSTILE.attribute}` },
  { on: d('2025-05-15'), kind: 'approval', label: 'Annual review of approval at panel' },
  { on: d('2025-06-03'), kind: 'visit', label: "Social worker's statutory visit" },
  { on: d('2025-07-08'), kind: 'clinic', label: 'Clinic after the period' },
];

const deadline = (
  rule: Rule,
  code: string,
  description: string,
  dueOn: string,
  state: Deadline['state'],
  metOn?: string,
): Deadline => ({
  rule: ref(rule),
  code,
  subject: { householdId: 'h-brook', childId: 'c-ava', placementId: 'p-ava-brook' },
  description,
  dueOn: d(dueOn),
  state,
  ...(metOn === undefined ? {} : { metOn: d(metOn) }),
});

const deadlines: ReadonlyArray<Deadline> = [
  deadline(
    rules.childVisits,
    'child-visit',
    'social worker visit to the child',
    '2025-03-11',
    'met',
    '2025-03-11',
  ),
  deadline(rules.lacReviews, 'lac-review', 'looked-after review', '2025-03-22', 'met', '2025-03-20'),
  deadline(rules.ssw, 'unannounced-visit', 'unannounced supervisory visit', '2025-03-31', 'overdue'),
  deadline(
    rules.carePlanReview,
    'care-plan-review',
    'therapeutic care plan review',
    '2025-04-05',
    'met',
    '2025-04-02',
  ),
  deadline(
    rules.childVisits,
    'child-visit',
    'social worker visit to the child',
    '2025-04-22',
    'met',
    '2025-04-22',
  ),
  deadline(
    rules.annualReview,
    'annual-review',
    'annual review of approval',
    '2025-05-20',
    'met',
    '2025-05-15',
  ),
  deadline(
    rules.childVisits,
    'child-visit',
    'social worker visit to the child',
    '2025-06-03',
    'met',
    '2025-06-03',
  ),
  deadline(
    rules.homeCheck,
    'home-check',
    'annual check of the foster home',
    '2025-06-20',
    'met-late',
    '2025-06-27',
  ),
];

/** Six months of a long-term therapeutic placement, as the review pack projection would produce it. */
export const reviewPack: ReviewPack = {
  placementId: 'p-ava-brook',
  period: PERIOD,
  asOf: { by: 'occurred', on: d('2025-06-30') },
  child: { childId: 'c-ava', displayName: 'A. M.', ageAtEnd: 11, placingAuthority: 'Leeds City Council' },
  household: {
    householdId: 'h-brook',
    carers: ['Sam Brook', HOSTILE.carer],
    status: 'approved',
    terms: 'up to 2 children aged 5 to 17, long-term and short-term',
    supervisingSocialWorker: 'Amina Yusuf',
  },
  placement: {
    startedOn: d('2024-09-16'),
    kind: 'long-term',
    supportPackage: 'intensive',
  },
  timeline,
  deadlines,
  lateRecordings: [
    {
      streamId: 'child-c-ava',
      eventType: 'SocialWorkerVisitRecorded',
      label: "Social worker's statutory visit",
      occurredOn: d('2025-04-22'),
      recordedOn: d('2025-05-20'),
      daysLate: 28,
    },
  ],
  respite: {
    yearFrom: d('2024-09-16'),
    yearTo: d('2025-09-15'),
    entitlement: 14,
    used: 7,
    authorisedBeyond: 0,
    remaining: 7,
  },
  plans: [
    { title: 'Placement plan', detail: `Contact: ${HOSTILE.pipe}`, since: d('2025-01-15') },
    {
      title: 'Therapeutic care plan',
      detail: `Sensory diet at home and school; ${HOSTILE.link}`,
      since: d('2025-04-02'),
    },
    { title: 'Education plan', detail: 'Year 6 transition\nmeeting with the new school in June' },
  ],
  openFindings: [
    {
      rule: ref(rules.ssw),
      code: 'unannounced-visit',
      subject: { householdId: 'h-brook' },
      message: 'unannounced supervisory visit: overdue since 2025-03-31',
      dueOn: d('2025-03-31'),
    },
    {
      rule: ref(rules.training),
      code: 'training',
      subject: { householdId: 'h-brook', adultId: 'a-obrien' },
      message: `first aid training refreshed for ${HOSTILE.carer}: overdue since 2025-06-01`,
      dueOn: d('2025-06-01'),
    },
  ],
  entries: [
    {
      kind: 'risk-facts',
      nature: 'fact',
      on: d('2025-03-04'),
      recordedOn: d('2025-03-04'),
      author: { id: 'ssw-amina', role: 'supervising-social-worker' },
      title: 'Risk assessment: behaviour',
      text: 'Left school at lunchtime twice in February.',
      about: ['c-ava'],
    },
    {
      kind: 'risk-analysis',
      nature: 'opinion',
      on: d('2025-03-04'),
      recordedOn: d('2025-03-05'),
      author: { id: 'ssw-amina', role: 'supervising-social-worker' },
      title: 'Risk assessment: analysis',
      text: HOSTILE.concern,
      about: ['c-ava'],
    },
  ],
  sources: {
    streams: ['placement-p-ava-brook', 'child-c-ava', 'household-h-brook', 'clinic-series-s-ava'],
    events: 87,
  },
};

/** The same placement seen over a fortnight in which nothing happened: only entries outside it. */
export const quietPack: ReviewPack = {
  ...reviewPack,
  period: { from: d('2025-08-01'), to: d('2025-08-14') },
  timeline: timeline.filter((entry) => entry.kind !== 'placement'),
  deadlines: [],
  lateRecordings: [],
  plans: [],
  openFindings: [],
};

/** What the fixture's period holds, kind by kind: what the timeline must draw. */
export const expectedMarks = {
  placement: 1,
  respite: 2,
  clinic: 12,
  visit: 6,
  review: 1,
  plan: 2,
  approval: 1,
  supervision: 1,
  concern: 1,
  'deadline-missed': 1,
} as const;
