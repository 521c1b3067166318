import type { LocalDate } from '../calendar/index.js';
import type { Deadline, Finding, Subject } from '../compliance/index.js';
import type { RuleRef } from '../eventsourcing/index.js';
import type { RespiteBalance } from '../placements/projections/placements.js';

/**
 * The plain-data models that reviews and inspections read: what the review pack and the agency compliance
 * report projections produce and what `@fostering/reports` renders. Everything is already judged and labelled
 * here, so a renderer only lays it out.
 */

/** Which clock an as-of view reads history by: when things happened, or when they were written down. */
export type AsOfBasis = 'occurred' | 'recorded';

export interface AsOfDate {
  readonly by: AsOfBasis;
  readonly on: LocalDate;
}

export type TimelineKind =
  | 'placement'
  | 'respite'
  | 'clinic'
  | 'visit'
  | 'review'
  | 'plan'
  | 'approval'
  | 'supervision'
  | 'concern'
  | 'deadline-missed';

/** One mark on the timeline: a day, or a span when `until` is given. */
export interface TimelineEntry {
  readonly on: LocalDate;
  readonly until?: LocalDate;
  readonly kind: TimelineKind;
  readonly label: string;
  /** The rule a missed deadline or a concern is about. */
  readonly rule?: RuleRef;
  /** When it was recorded, where that was later than it happened. */
  readonly recordedOn?: LocalDate;
  readonly late?: boolean;
}

/** Something written down long after it happened (policy: `reviews.lateRecordingDays`). */
export interface LateRecording {
  readonly streamId: string;
  readonly eventType: string;
  readonly label: string;
  readonly occurredOn: LocalDate;
  readonly recordedOn: LocalDate;
  readonly daysLate: number;
}

/** Respite used against entitlement in the placement year (rule `respite`): the placements area's own figures. */
export type RespiteSummary = RespiteBalance;

/** The kinds of written record a review pack carries, each fact or opinion by its field (rule `records`). */
export const recordEntryKinds = [
  'risk-facts',
  'risk-analysis',
  'safety-measures',
  'health-need',
  'disruption-concern',
  'clinic-notes',
  'clinic-cancellation',
] as const;
export type RecordEntryKind = (typeof recordEntryKinds)[number];

/** One entry of the written record: dated, attributed to its author and their role, fact or opinion (NMS 26). */
export interface RecordEntry {
  readonly kind: RecordEntryKind;
  readonly nature: 'fact' | 'opinion';
  readonly on: LocalDate;
  readonly recordedOn: LocalDate;
  readonly author: { readonly id: string; readonly role: string };
  readonly title: string;
  /** The text as written, or `[erased]` once its subject was erased. */
  readonly text: string;
  /** The ids of the people it is about (the child, the household, young people discussed at a clinic). */
  readonly about: ReadonlyArray<string>;
}

/** Who a review pack is for: each sees what their part in the child's care needs (see `audienceRules`). */
export type Audience =
  | 'registered-manager'
  | 'supervising-social-worker'
  | 'clinician'
  | 'panel-member'
  | 'placing-authority'
  | 'foster-carer';

export interface PlanLine {
  readonly title: string;
  readonly detail: string;
  readonly since?: LocalDate;
}

export interface ReviewPack {
  readonly placementId: string;
  readonly period: { readonly from: LocalDate; readonly to: LocalDate };
  /** The history the pack was built from: as it had happened, or as it had been recorded, by this date. */
  readonly asOf: AsOfDate;
  readonly child: {
    readonly childId: string;
    /** As minimised by configuration: initials unless full names are allowed. */
    readonly displayName: string;
    readonly ageAtEnd?: number;
    readonly placingAuthority?: string;
  };
  readonly household: {
    readonly householdId: string;
    readonly carers: ReadonlyArray<string>;
    readonly status: string;
    readonly terms?: string;
    readonly supervisingSocialWorker?: string;
  };
  readonly placement: {
    readonly startedOn?: LocalDate;
    readonly endedOn?: LocalDate;
    readonly endReason?: string;
    readonly kind?: string;
    readonly supportPackage?: string;
  };
  /** Everything that happened in the period, by date. */
  readonly timeline: ReadonlyArray<TimelineEntry>;
  /** Deadlines falling in the period, judged at its end: met, met late, or missed, each with its rule. */
  readonly deadlines: ReadonlyArray<Deadline>;
  readonly lateRecordings: ReadonlyArray<LateRecording>;
  readonly respite?: RespiteSummary;
  readonly plans: ReadonlyArray<PlanLine>;
  /** Findings open at the end of the period. */
  readonly openFindings: ReadonlyArray<Finding>;
  /** The written record of the period, as far as the pack's audience may read it. */
  readonly entries: ReadonlyArray<RecordEntry>;
  /** Who the pack was made for; absent for the full record. */
  readonly audience?: Audience;
  readonly sources: { readonly streams: ReadonlyArray<string>; readonly events: number };
}

export interface ComplianceRecord {
  readonly subject: Subject;
  readonly code: string;
  readonly message: string;
  readonly dueOn?: LocalDate;
}

export interface RuleFindings {
  readonly rule: RuleRef;
  readonly summary: string;
  readonly count: number;
  readonly records: ReadonlyArray<ComplianceRecord>;
}

/** Every finding across the agency on a date, grouped by rule: the view an inspector takes. */
export interface ComplianceReport {
  readonly asOf: AsOfDate;
  readonly population: {
    readonly households: number;
    readonly approvedHouseholds: number;
    readonly children: number;
    readonly placementsOpen: number;
    readonly staff: number;
    readonly clinicSeries: number;
  };
  readonly totals: {
    readonly findings: number;
    readonly rulesWithFindings: number;
    readonly deadlinesDueSoon: number;
    readonly deadlinesOverdue: number;
  };
  /** Rules with findings, most findings first. */
  readonly byRule: ReadonlyArray<RuleFindings>;
}
