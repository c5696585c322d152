/**
 * Change notices through a real SMTP server: a delegate who bookmarked sessions gets one
 * e-mail for the changes made within CHANGE_NOTICE_DELAY_S, listing them all, in her
 * language, with times in the meeting's zone; a cancellation is noticed the same way;
 * changes nobody's calendar must notice send nothing.
 */
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailOutbox } from '@kengash/db';
import { MailWorker } from '../src/mail-worker.js';
import { PUBLIC_URL, createMeeting, mailsTo, signIn, useHarness } from './helpers.js';
import { addSession, at, sessionBody, signedInDelegate } from './agenda-helpers.js';
import { call } from './registration-helpers.js';

const h = useHarness({ CHANGE_NOTICE_DELAY_S: '60' });

interface Received {
  to: string[];
  raw: string;
}

function startSmtp() {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString(),
        });
        callback();
      });
    },
  });
  return new Promise<{ port: number; received: Received[]; close: () => Promise<void> }>(
    (resolve) => {
      server.listen(0, '127.0.0.1', () => {
        const port = (server.server.address() as { port: number }).port;
        resolve({ port, received, close: () => new Promise((r) => server.close(() => r())) });
      });
    },
  );
}

/** RFC 2047 encoded words of a header, decoded. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQp(text.replace(/_/g, ' ')),
    );
}

function decodeQp(text: string): string {
  const bytes: number[] = [];
  const s = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The subject and the plain-text body of a raw message, decoded. */
function readMessage(raw: string) {
  const [head = ''] = raw.split(/\r?\n\r?\n/);
  const subjectLine = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(head)?.[1] ?? '';
  const subject = decodeHeader(subjectLine.replace(/\r?\n[ \t]/g, ' '));
  const part = /Content-Type: text\/plain[^]*?\r?\n\r?\n([^]*?)\r?\n--/i.exec(raw);
  const partHead = /Content-Type: text\/plain[^]*?\r?\n\r?\n/i.exec(raw)?.[0] ?? '';
  const body = part?.[1] ?? '';
  const text = /base64/i.test(partHead)
    ? Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8')
    : decodeQp(body);
  return { subject, text };
}

const silent = { info: () => {}, warn: () => {} };

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let worker: MailWorker;
beforeEach(async () => {
  smtp = await startSmtp();
  worker = new MailWorker({
    db: h.database.db,
    smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
    from: 'Kengash <no-reply@kengash.test>',
    log: silent,
  });
});
afterEach(async () => {
  await worker.stop();
  await smtp.close();
});

/** Sends what is queued (sign-in links included), then the notices once they are due. */
async function deliverAll() {
  await h.database.db.update(mailOutbox).set({ nextAttemptAt: new Date(Date.now() - 1) });
  await worker.pass();
}

const noticesTo = (email: string) =>
  smtp.received
    .filter((r) => r.to.includes(email))
    .map((r) => readMessage(r.raw))
    .filter((m) => /agenda|программ/i.test(m.subject));

async function pendingNotices(email: string) {
  return (await mailsTo(h, email)).filter((m) => m.kind === 'agenda_changed');
}

describe('agenda change notices', () => {
  it('gather two changes within the delay into one e-mail, in English and in Russian', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    const plenary = await addSession(
      h,
      cookie,
      slug,
      sessionBody(meeting, 1, 2, { title: { en: 'Opening plenary', ru: 'Открытие' } }),
    );
    const water = await addSession(
      h,
      cookie,
      slug,
      sessionBody(meeting, 3, 4, {
        title: { en: 'Water group', ru: 'Группа по воде' },
        room: 'Room 5',
      }),
    );
    const untouched = await addSession(
      h,
      cookie,
      slug,
      sessionBody(meeting, 5, 6, { title: { en: 'Lunch talk', ru: 'Беседа' }, room: 'Room 9' }),
    );
    const en = await signedInDelegate(h, slug, { fullName: 'Emma Brown' });
    const ru = await signedInDelegate(h, slug, {
      fullName: 'Айгерим Садыкова',
      preferredLanguage: 'ru',
    });
    const idle = await signedInDelegate(h, slug);
    for (const who of [en, ru])
      for (const s of [plenary, water, untouched])
        expect(
          (await call(h, 'PUT', `/api/sessions/${s.id}/bookmark`, { cookie: who.cookie }))
            .statusCode,
        ).toBe(204);
    // Only the sessions' own bookmarkers hear of them.
    await call(h, 'PUT', `/api/sessions/${untouched.id}/bookmark`, { cookie: idle.cookie });
    await deliverAll(); // the sign-in links and confirmations are out of the way
    smtp.received.length = 0;

    const before = Date.now();
    const moved = await call(h, 'PATCH', `/api/sessions/${plenary.id}`, {
      cookie,
      payload: { startsAt: at(meeting, 0.5), endsAt: at(meeting, 1.5) },
    });
    expect(moved.json().sequence).toBe(1);
    const rehoused = await call(h, 'PATCH', `/api/sessions/${water.id}`, {
      cookie,
      payload: { room: 'Room 7' },
    });
    expect(rehoused.json().sequence).toBe(1);
    // A change no calendar must notice sends nothing.
    await call(h, 'PATCH', `/api/sessions/${untouched.id}`, {
      cookie,
      payload: { description: 'Bring your lunch' },
    });

    // One message a delegate, waiting out the delay.
    for (const who of [en, ru]) {
      const queued = await pendingNotices(who.email);
      expect(queued).toHaveLength(1);
      expect(queued[0]!.sentAt).toBeNull();
      expect(queued[0]!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 59_000);
    }
    expect(await pendingNotices(idle.email)).toEqual([]);
    expect(await worker.pass()).toBe(0);
    expect(smtp.received).toEqual([]);

    await deliverAll();
    const [english] = noticesTo(en.email);
    expect(noticesTo(en.email)).toHaveLength(1);
    expect(english!.subject).toBe(`2 agenda changes — ${meeting.title}`);
    expect(english!.text).toContain('Dear Emma Brown,');
    expect(english!.text).toContain("Times are in the meeting's time zone (Asia/Tashkent)");
    // 04:30–05:30 UTC is 09:30–10:30 in Tashkent (UTC+5).
    expect(english!.text).toMatch(/• Opening plenary — .*09:30\s*–\s*10:30/);
    expect(english!.text).toMatch(/• Water group — .*12:00\s*–\s*13:00, room: Room 7/);
    expect(english!.text).not.toContain('Lunch talk');
    expect(english!.text).toContain(`${PUBLIC_URL}/meetings/${slug}`);

    const [russian] = noticesTo(ru.email);
    expect(noticesTo(ru.email)).toHaveLength(1);
    expect(russian!.subject).toBe(`Изменения в программе (2) — ${meeting.title}`);
    expect(russian!.text).toContain('Уважаемый(-ая) Айгерим Садыкова!');
    expect(russian!.text).toMatch(/• Открытие — .*09:30\s*–\s*10:30/);
    expect(russian!.text).toMatch(/• Группа по воде — .*зал: Room 7/);
    expect(noticesTo(idle.email)).toEqual([]);

    // The HTML part says the same (the outbox keeps the rendered copy).
    const html = (await pendingNotices(ru.email))[0]!.html;
    expect(html).toContain('<html lang="ru">');
    expect(html).toContain('Группа по воде');

    // Once sent, a later change is a new message, with the newest state only.
    await call(h, 'POST', `/api/sessions/${water.id}/cancel`, { cookie });
    await call(h, 'PATCH', `/api/sessions/${plenary.id}`, {
      cookie,
      payload: { title: { en: 'Opening plenary (moved)' } },
    });
    await call(h, 'PATCH', `/api/sessions/${plenary.id}`, {
      cookie,
      payload: { room: 'Hall B' },
    });
    expect(await pendingNotices(en.email)).toHaveLength(2);
    await deliverAll();
    const second = noticesTo(en.email)[1]!;
    expect(second.subject).toBe(`2 agenda changes — ${meeting.title}`);
    expect(second.text).toMatch(/• Water group — CANCELLED \(was .*12:00\s*–\s*13:00, Room 7\)/);
    expect(second.text).toMatch(/• Opening plenary \(moved\) — .*, room: Hall B/);
    expect(second.text.match(/• Opening plenary/g)).toHaveLength(1);
    const secondRu = noticesTo(ru.email)[1]!;
    expect(secondRu.text).toMatch(/• Группа по воде — ОТМЕНЕНО/);
  });

  it('a single change names the session in the subject; nobody bookmarked, nothing sent', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    const s = await addSession(h, cookie, slug, sessionBody(meeting, 1, 2, { title: 'Panel' }));
    const lonely = await addSession(
      h,
      cookie,
      slug,
      sessionBody(meeting, 3, 4, { title: 'Quiet' }),
    );
    const viewer = await signIn(h, 'reader@example.org');
    await call(h, 'PUT', `/api/sessions/${s.id}/bookmark`, { cookie: viewer });
    await call(h, 'POST', `/api/sessions/${s.id}/cancel`, { cookie });
    await call(h, 'POST', `/api/sessions/${lonely.id}/cancel`, { cookie });
    const all = await h.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.kind, 'agenda_changed'));
    expect(all.map((m) => m.to)).toEqual(['reader@example.org']);
    await deliverAll();
    const [notice] = noticesTo('reader@example.org');
    expect(notice!.subject).toBe(`Agenda change: Panel — ${meeting.title}`);
    expect(notice!.text).toMatch(/• Panel — CANCELLED/);
  });
});
