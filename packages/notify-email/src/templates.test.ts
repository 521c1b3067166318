import type { NotificationIntent } from '@fostering/core';
import { describe, expect, it } from 'vitest';
import { childSubject, date, intentFor, today } from './__fixtures__/intents.js';
import { initials, lookUpNames, shownChildName } from './minimise.js';
import type { EmailSettings } from './settings.js';
import { escapeHtml, renderEmail } from './templates.js';

const settings = (childNames: EmailSettings['minimisation']['childNames'] = 'initials') => ({
  minimisation: { childNames },
});
const overdue = intentFor({ state: 'overdue', subject: childSubject, dueOn: date('2026-02-20') });

describe('renderEmail', () => {
  it('puts kind and title in the subject, with the configurable prefix', () => {
    expect(renderEmail({ intent: overdue, messageId: 'm-1', settings: settings() }).subject).toBe(
      '[Fostering] Overdue: Overdue since 2026-02-20: Annual review of approval (annual-review, FSR 28)',
    );
    expect(
      renderEmail({ intent: overdue, messageId: 'm-1', settings: { ...settings(), subjectPrefix: '' } })
        .subject,
    ).toMatch(/^Overdue: /);
  });

  it('lists rule, citation, date, subject ids, kind, audience and message id in text and HTML', () => {
    const email = renderEmail({ intent: overdue, messageId: 'msg@email', settings: settings() });
    for (const body of [email.text, email.html]) {
      for (const part of [
        'annual-review (FSR 28)',
        '2026-02-20',
        'Household household-7; Child child-42; Placement placement-3',
        'Overdue',
        'Supervising social worker',
        'annual-review-due',
        today,
        'msg@email',
      ]) {
        expect(body).toContain(part);
      }
    }
    expect(email.text).toContain('Was due on:   2026-02-20');
  });

  it('words every kind core raises', () => {
    const base = intentFor({ state: 'due-soon' });
    const kinds: ReadonlyArray<[NotificationIntent['kind'], string]> = [
      ['deadline-due-soon', '[Fostering] Due soon: '],
      ['deadline-overdue', '[Fostering] Overdue: '],
      ['finding', '[Fostering] Finding: '],
      ['event', '[Fostering] Action needed: '],
    ];
    for (const [kind, prefix] of kinds) {
      const email = renderEmail({ intent: { ...base, kind }, messageId: 'm', settings: settings() });
      expect(email.subject.startsWith(prefix)).toBe(true);
      expect(email.text).toContain(base.dueOn);
    }
  });

  it('keeps a newline in a title from forging lines in the subject or the text', () => {
    const intent = { ...overdue, title: 'Review\r\nBcc: someone@else.example\n\nFake: line' };
    const email = renderEmail({ intent, messageId: 'm', settings: settings() });
    expect(email.subject).toBe('[Fostering] Overdue: Review Bcc: someone@else.example Fake: line');
    expect(email.text.split('\n').some((line) => line.startsWith('Bcc:') || line.startsWith('Fake:'))).toBe(
      false,
    );
  });

  it('escapes everything interpolated into the HTML', () => {
    const intent = { ...overdue, title: '<b>"x"</b>', code: "a'&<", subject: { childId: '<c>' } };
    const email = renderEmail({
      intent,
      messageId: '<id>',
      settings: settings(),
      names: { childName: '<Al> Bo' },
    });
    expect(email.html).not.toMatch(/<b>|<c>|<id>|<Al>/);
    expect(email.html).toContain('&lt;b&gt;&quot;x&quot;&lt;/b&gt;');
    expect(email.html).toContain('a&#39;&amp;&lt;');
    expect(email.html).toContain('Child &lt;c&gt; (A. B.)');
  });
});

describe('minimisation', () => {
  const names = { childName: 'Riley Morgan-Price', householdName: 'Okafor household' };
  const render = (childNames: EmailSettings['minimisation']['childNames']) =>
    renderEmail({ intent: overdue, messageId: 'm', settings: settings(childNames), names });

  it('shows initials by default: the full name appears nowhere', () => {
    const email = render('initials');
    expect(JSON.stringify(email)).not.toMatch(/Riley|Morgan|Price/);
    expect(email.text).toContain('Child child-42 (R. M.)');
  });

  it("'none' shows neither the name nor the initials; 'full' shows the name, never in the subject", () => {
    expect(JSON.stringify(render('none'))).not.toMatch(/Riley|R\. M\./);
    const full = render('full');
    expect(full.text).toContain('Child child-42 (Riley Morgan-Price)');
    expect(full.subject).not.toContain('Riley');
  });

  it('shows no child name when the subject has no child, even if the lookup gives one', () => {
    const intent = intentFor({ state: 'due-soon' });
    const email = renderEmail({ intent, messageId: 'm', settings: settings('full'), names });
    expect(email.text).not.toContain('Riley');
    expect(email.text).toContain('Household household-7 (Okafor household)');
  });

  it('makes initials of each word, a hyphenated surname being one', () => {
    expect(initials('Riley Morgan-Price')).toBe('R. M.');
    expect(initials('  élodie   o’brien ')).toBe('É. O.');
    expect(initials("'Ola Ade")).toBe('O. A.');
    expect(shownChildName('   ', 'full')).toBeUndefined();
    expect(shownChildName(undefined, 'initials')).toBeUndefined();
  });

  it('fails closed when the lookup throws or has nothing', () => {
    expect(
      lookUpNames(() => {
        throw new Error('directory down');
      }, childSubject),
    ).toEqual({});
    expect(lookUpNames(() => undefined, childSubject)).toEqual({});
    expect(lookUpNames(undefined, childSubject)).toEqual({});
  });

  it('escapeHtml escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
