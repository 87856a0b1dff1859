import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../shared/roles.ts';
import { MAIL_MESSAGES, mailDate, renderMail } from '../mail-templates.ts';
import { en } from './messages.en.ts';
import { es } from './messages.es.ts';

// Every email exists in every language Braid speaks, and each language's text is its own (not English
// left behind). What each recipient gets is tested where the email is sent, through the SMTP sink.

// One set of variables that every message accepts, so each can be rendered here.
const vars = {
  name: 'Ana Ruiz',
  tenant: 'Northeast Ohio Healthcare Careers Partnership',
  inviter: 'Dana Director',
  days: '7',
  minutes: '60',
  link: 'https://braid.example/x',
  service: 'Rides to Work',
  organization: 'Eastside Neighborhood Opportunity Center',
  partnership: 'Northeast Ohio Healthcare Careers Partnership',
  waiting: 3,
  urgency: 'urgent',
  referrals: [
    { service: 'Rides to Work', receiver: 'Eastside', sender: null, due: 'X', again: true, link: 'https://braid.example/r/1' },
    { service: 'STNA Training', receiver: 'College', sender: 'Lakeshore', due: 'Y', again: false, link: 'https://braid.example/r/2' },
  ],
  listLink: 'https://braid.example/referrals',
  added: ['Christmas Eve', 'Christmas Day'],
  removed: [],
  deadlines: [
    { service: 'Rides to Work', receiver: 'Eastside', sender: null, from: 'X', to: 'Y', link: 'https://braid.example/r/1' },
    { service: 'STNA Training', receiver: 'College', sender: 'Lakeshore', from: 'X', to: 'Z', link: 'https://braid.example/r/2' },
  ],
  entries: [
    { name: 'Rides to Work', verified: null, link: 'https://braid.example/s/1' },
    { name: 'Food pantry', verified: 'Z', link: 'https://braid.example/s/2' },
  ],
  allLink: 'https://braid.example/directory',
  title: 'Employer needs survey',
  intro: 'Five minutes.',
  expires: 'W',
} as never;

describe('email messages', () => {
  it('has the same messages in English and Spanish', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const locale of LOCALES) expect(Object.keys(MAIL_MESSAGES[locale]).sort()).toEqual(Object.keys(en).sort());
  });

  it('renders every message in every language, each in its own words, with the links', () => {
    for (const kind of Object.keys(en) as (keyof typeof en)[]) {
      const english = renderMail(kind, 'en', vars);
      const spanish = renderMail(kind, 'es', vars);
      for (const m of [english, spanish]) {
        expect(m.subject.trim(), kind).not.toBe('');
        expect(m.text, kind).not.toMatch(/undefined|\[object Object\]/);
        // The person's confirmation links nowhere: it only says what happens next.
        if (kind !== 'self_referral_received') expect(m.text, kind).toMatch(/https:\/\/braid\.example\//);
      }
      expect(spanish.text, kind).not.toBe(english.text);
      expect(spanish.text.split('\n')[0], kind).not.toBe(english.text.split('\n')[0]);
    }
  });

  it('writes dates the way each language does', () => {
    expect(mailDate('2026-11-26', 'en')).toBe('November 26, 2026');
    expect(mailDate('2026-11-26', 'es')).toBe('26 de noviembre de 2026');
  });
});
