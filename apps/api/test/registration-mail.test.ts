/**
 * The e-mails a delegate is owed: one for every status reached, in their language; the
 * confirmation with a calendar file (read back with ical.js) and a sign-in link that works.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
  PUBLIC_URL,
  createMeeting,
  useHarness,
  lastMailTo,
  mailsTo,
  meetingBody,
  registerDelegate,
} from './helpers.js';
import { CODE_FORMAT, auditOf, call, decide, signInWithMailLink } from './registration-helpers.js';

const h = useHarness();

const TITLE = meetingBody().title;

type Attachment = { filename: string; contentType: string; content: string };

/** Reads the one VEVENT of an attached calendar with the real iCalendar parser. */
function readCalendar(att: Attachment) {
  const cal = new ICAL.Component(ICAL.parse(att.content));
  expect(cal.name).toBe('vcalendar');
  const vevents = cal.getAllSubcomponents('vevent');
  expect(vevents).toHaveLength(1);
  const ve = vevents[0]!;
  const ev = new ICAL.Event(ve);
  const stamp = ve.getFirstPropertyValue('dtstamp') as ICAL.Time;
  return {
    method: cal.getFirstPropertyValue('method'),
    version: cal.getFirstPropertyValue('version'),
    uid: ev.uid,
    summary: ev.summary,
    location: ev.location,
    start: ev.startDate,
    end: ev.endDate,
    stamp,
  };
}

function expectMeetingCalendar(
  att: Attachment,
  meeting: { id: string; slug: string; startsAt: string; endsAt: string; createdAt: string },
) {
  expect(att.filename).toBe(`${meeting.slug}.ics`);
  expect(att.contentType).toMatch(/^text\/calendar\b/);
  const ics = readCalendar(att);
  expect(ics.version).toBe('2.0');
  expect(ics.method).toBe('PUBLISH');
  // The UID is stable: derived from the meeting and the public host.
  expect(ics.uid).toContain(meeting.id);
  expect(ics.uid).toMatch(/@kengash\.test$/);
  expect(ics.summary).toBe(TITLE);
  expect(ics.location).toContain('Tashkent');
  // DTSTART/DTEND are the meeting's instants, in UTC.
  expect(ics.start.zone?.tzid).toBe('UTC');
  expect(ics.end.zone?.tzid).toBe('UTC');
  expect(ics.start.toJSDate().toISOString()).toBe(meeting.startsAt);
  expect(ics.end.toJSDate().toISOString()).toBe(meeting.endsAt);
  // DTSTAMP: a UTC instant, not before the meeting existed and not in the future.
  expect(ics.stamp.zone?.tzid).toBe('UTC');
  const stamp = ics.stamp.toJSDate().getTime();
  expect(stamp).toBeGreaterThanOrEqual(Math.floor(Date.parse(meeting.createdAt) / 1000) * 1000);
  expect(stamp).toBeLessThanOrEqual(Date.now());
  return ics;
}

async function meetingOf(slug: string) {
  const res = await call(h, 'GET', `/api/meetings/${slug}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('the confirmation e-mail', () => {
  it('carries a calendar file for the meeting and a sign-in link that opens the registration', async () => {
    const { slug } = await createMeeting(h, { capacity: 5 });
    const meeting = await meetingOf(slug);
    const { res, body } = await registerDelegate(h, slug, { fullName: 'Aigerim Sadykova' });
    expect(res.json().status).toBe('confirmed');

    const mails = await mailsTo(h, body.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.kind).toBe('registration_confirmed');
    expect(mail.subject).toBe(`Registration confirmed: ${TITLE}`);
    expect(mail.text).toContain(`Your place at ${TITLE} (Tashkent,`);
    expect(mail.html).toContain('<html lang="en">');

    const attachments = mail.attachments as Attachment[];
    expect(attachments).toHaveLength(1);
    const ics = expectMeetingCalendar(attachments[0]!, meeting);

    // A second delegate's calendar names the same event.
    const second = await registerDelegate(h, slug);
    const other = (await lastMailTo(h, second.body.email))!;
    expect(readCalendar((other.attachments as Attachment[])[0]!).uid).toBe(ics.uid);

    // The sign-in link: on the public origin, it signs the delegate in.
    expect(mail.text).toContain(`${PUBLIC_URL}/auth/verify?token=`);
    expect(mail.html).toContain(`${PUBLIC_URL}/auth/verify?token=`);
    const { res: verify, cookie, token } = await signInWithMailLink(h, mail.text);
    expect(verify.json().user.email).toBe(body.email);
    expect(verify.json().next).toBe(`/meetings/${slug}/me`);
    const me = await call(h, 'GET', `/api/meetings/${slug}/registrations/me`, { cookie });
    expect(me.statusCode).toBe(200);
    const reg = me.json();
    expect(reg).toMatchObject({
      id: res.json().id,
      status: 'confirmed',
      fullName: 'Aigerim Sadykova',
    });
    expect(reg.checkInCode).toMatch(CODE_FORMAT);
    // The code in the e-mail is the delegate's check-in code.
    expect(mail.text).toContain(`Your check-in code is ${reg.checkInCode}.`);
    // The link is single-use.
    const again = await call(h, 'POST', '/api/auth/verify', { payload: { token } });
    expect(again.statusCode).toBe(400);
  });

  it('the promotion e-mail also carries the calendar and a working link', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 1 });
    const meeting = await meetingOf(slug);
    const first = await registerDelegate(h, slug);
    const waiting = await registerDelegate(h, slug, { preferredLanguage: 'ru' });
    expect(waiting.res.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect((await decide(h, cookie, first.res.json().id, 'cancel')).statusCode).toBe(200);

    const mails = await mailsTo(h, waiting.body.email);
    expect(mails.map((m) => m.kind)).toEqual(['registration_waitlisted', 'registration_promoted']);
    const promoted = mails[1]!;
    expect(promoted.subject).toBe(`Место освободилось: ${TITLE}`);
    expectMeetingCalendar((promoted.attachments as Attachment[])[0]!, meeting);
    const { cookie: own } = await signInWithMailLink(h, promoted.text);
    const me = await call(h, 'GET', `/api/meetings/${slug}/registrations/me`, { cookie: own });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: waiting.res.json().id, status: 'confirmed' });
    expect(promoted.text).toContain(`Ваш код регистрации: ${me.json().checkInCode}.`);
  });
});

/** What each e-mail says, per language. */
const expected = {
  en: {
    registration_received: {
      subject: `Registration received: ${TITLE}`,
      text: 'We have received your registration',
    },
    registration_confirmed: { subject: `Registration confirmed: ${TITLE}`, text: 'is confirmed' },
    registration_waitlisted: {
      subject: `Waiting list: ${TITLE}`,
      text: 'You are number 1 on the waiting list',
    },
    registration_promoted: { subject: `A seat is yours: ${TITLE}`, text: 'A seat has become free' },
    registration_declined: {
      subject: `Registration not accepted: ${TITLE}`,
      text: 'could not accept your registration',
    },
    registration_cancelled: { subject: `Registration cancelled: ${TITLE}`, text: 'is cancelled' },
  },
  ru: {
    registration_received: {
      subject: `Заявка получена: ${TITLE}`,
      text: 'Мы получили вашу заявку',
    },
    registration_confirmed: { subject: `Регистрация подтверждена: ${TITLE}`, text: 'подтверждено' },
    registration_waitlisted: {
      subject: `Лист ожидания: ${TITLE}`,
      text: 'Ваш номер в листе ожидания: 1.',
    },
    registration_promoted: { subject: `Место освободилось: ${TITLE}`, text: 'Освободилось место' },
    registration_declined: {
      subject: `Заявка отклонена: ${TITLE}`,
      text: 'не смог принять вашу заявку',
    },
    registration_cancelled: { subject: `Регистрация отменена: ${TITLE}`, text: 'отменена' },
  },
} as const;

describe.each(['en', 'ru'] as const)(
  'every status e-mailed in the delegate’s language (%s)',
  (lang) => {
    it('received, confirmed, waitlisted, promoted, declined and cancelled', async () => {
      const { cookie, slug } = await createMeeting(h, {
        capacity: 1,
        registrationMode: 'approval',
      });
      const meeting = await meetingOf(slug);
      // The English delegates default; the Russian ones ask for it.
      const extra = lang === 'ru' ? { preferredLanguage: 'ru' } : {};
      const a = await registerDelegate(h, slug, extra); // received → confirmed → cancelled
      const b = await registerDelegate(h, slug, extra); // received → waitlisted → promoted
      const c = await registerDelegate(h, slug, extra); // received → declined
      const [ida, idb, idc] = [a, b, c].map((r) => r.res.json().id as string) as [
        string,
        string,
        string,
      ];
      for (const r of [a, b, c]) expect(r.res.json().status).toBe('pending');

      expect((await decide(h, cookie, ida, 'approve')).json().status).toBe('confirmed');
      expect((await decide(h, cookie, idb, 'approve')).json()).toMatchObject({
        status: 'waitlisted',
        waitlistPosition: 1,
      });
      expect((await decide(h, cookie, idc, 'decline')).json().status).toBe('declined');
      expect((await decide(h, cookie, ida, 'cancel')).json().status).toBe('cancelled');

      const kinds = async (email: string) => (await mailsTo(h, email)).map((m) => m.kind);
      expect(await kinds(a.body.email)).toEqual([
        'registration_received',
        'registration_confirmed',
        'registration_cancelled',
      ]);
      expect(await kinds(b.body.email)).toEqual([
        'registration_received',
        'registration_waitlisted',
        'registration_promoted',
      ]);
      expect(await kinds(c.body.email)).toEqual(['registration_received', 'registration_declined']);

      const dates = new Intl.DateTimeFormat(lang, {
        timeZone: 'Asia/Tashkent',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      }).formatRange(new Date(meeting.startsAt), new Date(meeting.endsAt));

      for (const r of [a, b, c]) {
        for (const mail of await mailsTo(h, r.body.email)) {
          const want = expected[lang][mail.kind as keyof (typeof expected)['en']];
          expect(mail.subject, mail.kind).toBe(want.subject);
          expect(mail.text, mail.kind).toContain(want.text);
          expect(mail.html, mail.kind).toContain(`<html lang="${lang}">`);
          if (lang === 'ru')
            expect(mail.text, mail.kind).toContain(
              'Kengash — заседания Регионального экспертного совета',
            );
          else
            expect(mail.text, mail.kind).toContain(
              'Kengash — meetings of the Regional Expert Council',
            );
          if (!['registration_declined', 'registration_waitlisted'].includes(mail.kind))
            expect(mail.text, mail.kind).toContain(dates);
          const withCalendar =
            mail.kind === 'registration_confirmed' || mail.kind === 'registration_promoted';
          const attachments = mail.attachments as Attachment[];
          expect(attachments, mail.kind).toHaveLength(withCalendar ? 1 : 0);
          if (withCalendar) expectMeetingCalendar(attachments[0]!, meeting);
          // Mails about a registration still alive carry a sign-in link; the final ones do not.
          const alive = !['registration_declined', 'registration_cancelled'].includes(mail.kind);
          expect(mail.text.includes(`${PUBLIC_URL}/auth/verify?token=`), mail.kind).toBe(alive);
        }
      }

      // Every state change owed exactly one e-mail, written with its audit row.
      const audit = (await auditOf(h, cookie, slug)).filter((e) => e.entityType === 'registration');
      const registrationMails = (
        await Promise.all([a, b, c].map((r) => mailsTo(h, r.body.email)))
      ).flat();
      expect(audit).toHaveLength(registrationMails.length);
      expect(audit).toHaveLength(8);

      // The received link signs the delegate in and shows the pending state as it is now.
      const received = (await mailsTo(h, c.body.email))[0]!;
      const { cookie: own } = await signInWithMailLink(h, received.text);
      const me = await call(h, 'GET', `/api/meetings/${slug}/registrations/me`, { cookie: own });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ id: idc, status: 'declined' });
    });
  },
);

describe('the waiting-list e-mail', () => {
  it('tells each delegate their own position', async () => {
    const { slug } = await createMeeting(h, { capacity: 1 });
    await registerDelegate(h, slug);
    const positions = [];
    for (let i = 0; i < 3; i++) {
      const { res, body } = await registerDelegate(
        h,
        slug,
        i === 1 ? { preferredLanguage: 'ru' } : {},
      );
      const mail = (await lastMailTo(h, body.email))!;
      expect(mail.kind).toBe('registration_waitlisted');
      positions.push(res.json().waitlistPosition);
      expect(mail.text).toContain(
        i === 1
          ? `Ваш номер в листе ожидания: ${i + 1}.`
          : `You are number ${i + 1} on the waiting list`,
      );
      // Its link opens the registration, which says the same position.
      const { cookie } = await signInWithMailLink(h, mail.text);
      const me = (
        await call(h, 'GET', `/api/meetings/${slug}/registrations/me`, { cookie })
      ).json();
      expect(me).toMatchObject({ status: 'waitlisted', waitlistPosition: i + 1 });
    }
    expect(positions).toEqual([1, 2, 3]);
  });
});
