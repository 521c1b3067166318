import type { Deadline, LocalDate, ReviewPack } from '@fostering/core';
import {
  DEADLINE_STATE_LABELS,
  formatAsOf,
  formatDate,
  formatPeriod,
  formatRule,
  NOT_RECORDED,
  orNotRecorded,
  plural,
} from '../format.js';
import type { ReportDocument, Row, Section } from '../render/document.js';

const dateOrNot = (date: LocalDate | undefined): string =>
  date === undefined ? NOT_RECORDED : formatDate(date);

const child = (pack: ReviewPack): Section => ({
  id: 'child',
  title: 'Child',
  blocks: [
    {
      kind: 'facts',
      facts: [
        ['Name', pack.child.displayName],
        ['Child id', pack.child.childId],
        ['Age at the end of the period', orNotRecorded(pack.child.ageAtEnd)],
        ['Placing authority', orNotRecorded(pack.child.placingAuthority)],
      ],
    },
  ],
});

const household = (pack: ReviewPack): Section => ({
  id: 'household',
  title: 'Fostering household',
  blocks: [
    {
      kind: 'facts',
      facts: [
        ['Household id', pack.household.householdId],
        [
          'Foster carers',
          pack.household.carers.length === 0 ? NOT_RECORDED : pack.household.carers.join(', '),
        ],
        ['Approval status', pack.household.status],
        ['Terms of approval', orNotRecorded(pack.household.terms)],
        ['Supervising social worker', orNotRecorded(pack.household.supervisingSocialWorker)],
      ],
    },
  ],
});

const placement = (pack: ReviewPack): Section => {
  const p = pack.placement;
  return {
    id: 'placement',
    title: 'Placement',
    blocks: [
      {
        kind: 'facts',
        facts: [
          ['Started', dateOrNot(p.startedOn)],
          // No end date means the placement had not ended by the as-of date, which is worth saying outright.
          ['Ended', p.endedOn === undefined ? 'not ended' : formatDate(p.endedOn)],
          ...(p.endedOn !== undefined || p.endReason !== undefined
            ? [['Reason for ending', orNotRecorded(p.endReason)] as const]
            : []),
          ['Type of placement', orNotRecorded(p.kind)],
          ['Support package', orNotRecorded(p.supportPackage)],
        ],
      },
    ],
  };
};

const deadlineRow = (d: Deadline): Row => {
  const state = DEADLINE_STATE_LABELS[d.state] ?? d.state;
  const flag = d.state === 'overdue' ? 'missed' : d.state === 'met-late' ? 'late' : undefined;
  return {
    cells: [
      formatRule(d.rule),
      d.description,
      formatDate(d.dueOn),
      flag === undefined ? state : { strong: state },
      d.metOn === undefined ? '' : formatDate(d.metOn),
    ],
    ...(flag === undefined ? {} : { flag }),
  };
};

/** '12 deadlines: 9 met, 1 met late, 2 missed', in the order of the state labels. */
const deadlineSummary = (deadlines: ReadonlyArray<Deadline>): string => {
  const counts = Object.entries(DEADLINE_STATE_LABELS).flatMap(([state, label]) => {
    const count = deadlines.filter((d) => d.state === state).length;
    return count === 0 ? [] : [`${count} ${label}`];
  });
  return `${plural(deadlines.length, 'deadline')} fell in the period: ${counts.join(', ')}.`;
};

const deadlines = (pack: ReviewPack): Section => ({
  id: 'deadlines',
  title: 'Deadlines in the period',
  blocks: [
    ...(pack.deadlines.length === 0
      ? []
      : [{ kind: 'paragraph' as const, text: deadlineSummary(pack.deadlines) }]),
    {
      kind: 'table',
      columns: ['Rule', 'Deadline', 'Due', 'State', 'Met on'],
      rows: pack.deadlines.map(deadlineRow),
      empty: 'No deadlines fell in this period.',
    },
  ],
});

const lateRecordings = (pack: ReviewPack): Section => ({
  id: 'late-recordings',
  title: 'Late recordings',
  blocks: [
    {
      kind: 'table',
      columns: ['What', 'Occurred', 'Recorded', 'Days late'],
      rows: pack.lateRecordings.map((r) => ({
        cells: [r.label, formatDate(r.occurredOn), formatDate(r.recordedOn), String(r.daysLate)],
        flag: 'late',
      })),
      empty: 'Everything in the period was recorded in time.',
    },
  ],
});

const respite = (pack: ReviewPack): Section => {
  const r = pack.respite;
  return {
    id: 'respite',
    title: 'Respite',
    blocks: [
      r === undefined
        ? { kind: 'paragraph', text: 'No respite entitlement applies to this placement.' }
        : {
            kind: 'facts',
            facts: [
              ['Respite year', formatPeriod({ from: r.yearFrom, to: r.yearTo })],
              ['Entitlement', plural(r.entitlement, 'day')],
              ['Used', plural(r.used, 'day')],
              ['Authorised beyond the entitlement', plural(r.authorisedBeyond, 'day')],
              ['Remaining', plural(r.remaining, 'day')],
            ],
          },
    ],
  };
};

const plans = (pack: ReviewPack): Section => ({
  id: 'plans',
  title: 'Current plans',
  blocks: [
    {
      kind: 'table',
      columns: ['Plan', 'Since', 'Detail'],
      rows: pack.plans.map((p) => ({
        cells: [p.title, p.since === undefined ? '' : formatDate(p.since), p.detail],
      })),
      empty: 'No plans were current at the end of the period.',
    },
  ],
});

const findings = (pack: ReviewPack): Section => ({
  id: 'findings',
  title: 'Open findings',
  blocks: [
    {
      kind: 'table',
      columns: ['Rule', 'Citation', 'Finding'],
      rows: pack.openFindings.map((f) => ({ cells: [f.rule.id, f.rule.citation, f.message] })),
      empty: 'No findings were open at the end of the period.',
    },
  ],
});

const AUDIENCE_LABELS: Readonly<Record<NonNullable<ReviewPack['audience']>, string>> = {
  'registered-manager': 'the registered manager',
  'supervising-social-worker': 'the supervising social worker',
  clinician: 'the clinician',
  'panel-member': 'a fostering panel member',
  'placing-authority': 'the placing authority',
  'foster-carer': 'the foster carers',
};

/** Every entry says when, who wrote it in what role, and whether it is fact or opinion (rule `records`). */
const entries = (pack: ReviewPack): Section => ({
  id: 'written-record',
  title: 'Written record',
  blocks: [
    {
      kind: 'table',
      columns: ['Date', 'Entry', 'Fact or opinion', 'Written by', 'Text'],
      rows: pack.entries.map((e) => ({
        cells: [
          formatDate(e.on),
          e.title,
          e.nature === 'fact' ? 'fact' : { strong: 'opinion' },
          `${e.author.id} (${e.author.role}), ${formatDate(e.recordedOn)}`,
          e.text,
        ],
      })),
      empty:
        pack.audience === undefined
          ? 'Nothing was written in the period.'
          : `Nothing written in the period is for ${AUDIENCE_LABELS[pack.audience]}.`,
    },
  ],
});

/** The review pack laid out once, in the order a reviewing officer reads it. */
export const reviewPackDocument = (pack: ReviewPack): ReportDocument => ({
  title: `Review pack: placement ${pack.placementId}`,
  subtitle: [
    `Period: ${formatPeriod(pack.period)}.`,
    `Built from ${formatAsOf(pack.asOf)}.`,
    ...(pack.audience === undefined
      ? []
      : [`For ${AUDIENCE_LABELS[pack.audience]}: what they may read, nothing more.`]),
  ],
  sections: [
    child(pack),
    household(pack),
    placement(pack),
    {
      id: 'timeline',
      title: 'Timeline',
      blocks: [{ kind: 'timeline', entries: pack.timeline, period: pack.period }],
    },
    deadlines(pack),
    lateRecordings(pack),
    respite(pack),
    plans(pack),
    entries(pack),
    findings(pack),
  ],
  footer: `Sources: ${plural(pack.sources.events, 'event')} from ${plural(pack.sources.streams.length, 'stream')}${
    pack.sources.streams.length === 0 ? '' : ` (${pack.sources.streams.join(', ')})`
  }.`,
});
