import type { AudienceRole, NotificationIntent, NotificationKind, Subject } from '@fostering/core';
import { type SubjectNames, shownChildName } from './minimise.js';
import type { EmailSettings } from './settings.js';

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface RenderInput {
  readonly intent: NotificationIntent;
  /** The outbox message id, shown in the body and sent as `X-Fostering-Id`. */
  readonly messageId: string;
  readonly settings: Pick<EmailSettings, 'minimisation' | 'subjectPrefix' | 'agencyName'>;
  /** Names the lookup gave for the intent's subject; the child's is minimised here. */
  readonly names?: SubjectNames;
}

export const defaultSubjectPrefix = '[Fostering]';

interface KindWording {
  /** In the subject and heading: `[Fostering] Overdue: <title>`. */
  readonly label: string;
  /** What the intent's `dueOn` is for this kind. */
  readonly dateLabel: string;
  readonly lead: (ruleId: string, date: string) => string;
}

// A Record over core's kinds: a kind added to core fails to compile here until it has its wording.
const kinds: Readonly<Record<NotificationKind, KindWording>> = {
  'deadline-due-soon': {
    label: 'Due soon',
    dateLabel: 'Due on',
    lead: (rule, date) => `A deadline under rule ${rule} falls due on ${date}.`,
  },
  'deadline-overdue': {
    label: 'Overdue',
    dateLabel: 'Was due on',
    lead: (rule, date) => `A deadline under rule ${rule} passed on ${date} and has not been met.`,
  },
  finding: {
    label: 'Finding',
    dateLabel: 'Found on',
    lead: (rule, date) => `A record needs attention under rule ${rule} (found on ${date}).`,
  },
  event: {
    label: 'Action needed',
    dateLabel: 'Act by',
    lead: (rule, date) => `Something recorded under rule ${rule} needs action by ${date}.`,
  },
};

const audienceLabels: Readonly<Record<AudienceRole, string>> = {
  'supervising-social-worker': 'Supervising social worker',
  clinician: 'Clinician',
  'registered-manager': 'Registered manager',
};

const subjectLabels: ReadonlyArray<readonly [keyof Subject, string]> = [
  ['householdId', 'Household'],
  ['childId', 'Child'],
  ['placementId', 'Placement'],
  ['adultId', 'Adult'],
  ['petId', 'Pet'],
  ['staffId', 'Staff member'],
  ['seriesId', 'Clinic series'],
];

/** Every character that means something in HTML text or a quoted attribute, escaped. */
export const escapeHtml = (text: string): string =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');

/** One line: control characters (a newline in a title) become spaces, so a value cannot forge lines or headers. */
const oneLine = (text: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();

interface Fact {
  readonly label: string;
  readonly value: string;
}

/** What it is about: each id of the subject, with the household's name and the child's minimised name if known. */
const aboutLines = (
  subject: Subject,
  names: SubjectNames,
  childNames: EmailSettings['minimisation'],
): string[] =>
  subjectLabels.flatMap(([key, label]) => {
    const id = subject[key];
    if (id === undefined) return [];
    const name =
      key === 'childId'
        ? shownChildName(names.childName, childNames.childNames)
        : key === 'householdId'
          ? names.householdName?.trim() || undefined
          : undefined;
    return [`${label} ${id}${name === undefined ? '' : ` (${name})`}`];
  });

const factsOf = (input: RenderInput): Fact[] => {
  const { intent } = input;
  const about = aboutLines(intent.subject, input.names ?? {}, input.settings.minimisation);
  return [
    { label: 'Rule', value: `${intent.rule.id} (${intent.rule.citation})` },
    { label: kinds[intent.kind].dateLabel, value: intent.dueOn },
    { label: 'Kind', value: kinds[intent.kind].label },
    { label: 'About', value: about.length === 0 ? 'the agency' : about.join('; ') },
    { label: 'Finding code', value: intent.code },
    { label: 'For', value: audienceLabels[intent.audience] },
    { label: 'Raised on', value: intent.raisedOn },
    { label: 'Message id', value: input.messageId },
  ].map((fact) => ({ label: fact.label, value: oneLine(fact.value) }));
};

const leadOf = (intent: NotificationIntent): string => kinds[intent.kind].lead(intent.rule.id, intent.dueOn);

const footerOf = (input: RenderInput): string =>
  `Sent automatically by ${input.settings.agencyName ?? 'Fostering Ledger'}. ` +
  'This message names records by id; open the record in the case system for details. ' +
  'Mail rules can de-duplicate repeats by the X-Fostering-Id header.';

/** `[Fostering] Overdue: <title>`. Never carries a name, whatever the settings: subjects show in previews and logs. */
export const renderSubject = (input: Pick<RenderInput, 'intent' | 'settings'>): string => {
  const prefix = oneLine(input.settings.subjectPrefix ?? defaultSubjectPrefix);
  const line = `${kinds[input.intent.kind].label}: ${oneLine(input.intent.title)}`;
  return prefix === '' ? line : `${prefix} ${line}`;
};

export const renderText = (input: RenderInput): string => {
  const facts = factsOf(input);
  const width = Math.max(...facts.map((fact) => fact.label.length)) + 2;
  return [
    `${kinds[input.intent.kind].label}: ${oneLine(input.intent.title)}`,
    '',
    oneLine(leadOf(input.intent)),
    '',
    ...facts.map((fact) => `${`${fact.label}:`.padEnd(width)}${fact.value}`),
    '',
    '-- ',
    footerOf(input),
    '',
  ].join('\n');
};

export const renderHtml = (input: RenderInput): string => {
  const heading = `${kinds[input.intent.kind].label}: ${oneLine(input.intent.title)}`;
  const colour = input.intent.kind === 'deadline-due-soon' ? '#8a5a00' : '#b3261e';
  const rows = factsOf(input)
    .map(
      (fact) =>
        `<tr><th scope="row" style="text-align:left;padding:4px 12px 4px 0;vertical-align:top;white-space:nowrap">${escapeHtml(fact.label)}</th>` +
        `<td style="padding:4px 0;overflow-wrap:anywhere">${escapeHtml(fact.value)}</td></tr>`,
    )
    .join('\n');
  return [
    '<!doctype html>',
    '<html lang="en">',
    `<head><meta charset="utf-8"><title>${escapeHtml(heading)}</title></head>`,
    '<body style="font-family:system-ui,sans-serif;line-height:1.4;color:#1b1b1b">',
    `<h1 style="font-size:1.2em;color:${colour}">${escapeHtml(heading)}</h1>`,
    `<p>${escapeHtml(oneLine(leadOf(input.intent)))}</p>`,
    `<table role="presentation" style="border-collapse:collapse">\n${rows}\n</table>`,
    `<p style="color:#555;font-size:0.9em">${escapeHtml(footerOf(input))}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
};

/** The subject, plain-text body and HTML body of one notification. Pure. */
export const renderEmail = (input: RenderInput): RenderedEmail => ({
  subject: renderSubject(input),
  text: renderText(input),
  html: renderHtml(input),
});
