/**
 * For the browser tests: the production process (API and built pages on one port) on a
 * fresh seeded database of the file's own, the run's shared Chromium, sign-in without the
 * mail round trip, axe-core, and the layout checks (nothing clipped, nothing overflowing).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  CONSENT_VERSION,
  createSignInLink,
  newCheckInCode,
  registerDelegate,
  SESSION_COOKIE,
  seedDemo,
  verifyMagicLink,
  type RegistrationInput,
} from '@kengash/core';
import { meetings, registrations, users } from '@kengash/db';
import { createTestDatabase } from '@kengash/db/testing';
import { loadConfig } from '../src/config.js';
import { type Running, startServer, webBuildDir } from '../src/server.js';

export const ADMIN = 'admin@example.org';
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
/** The success criteria of WCAG 2.2 level A and AA that axe can test automatically. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

export interface Site {
  running: Running;
  browser: Browser;
  base: string;
  /** A new browser context in a language; closed with the file. */
  context(options?: {
    lang?: 'en' | 'ru';
    viewport?: { width: number; height: number };
    javaScript?: boolean;
    signedInAs?: string;
  }): Promise<BrowserContext>;
  page(options?: Parameters<Site['context']>[0]): Promise<Page>;
  /** A live session for `email` (created like a sign-in would), as its cookie value. */
  sessionFor(email: string): Promise<string>;
  register(slug: string, data: Partial<RegistrationInput> & { email: string }): Promise<string>;
  /**
   * Many delegates at once, straight into the tables (a use-case a delegate would take
   * minutes for 300): the first `confirmed` confirmed, the rest waiting in order.
   */
  crowd(
    slug: string,
    rows: (Partial<RegistrationInput> & { email: string })[],
    confirmed: number,
  ): Promise<void>;
}

/** The file's own server and database, the run's browser. */
export function useSite(): Site {
  const site = {} as Site;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    if (!existsSync(`${webBuildDir}/handler.js`))
      throw new Error('Build the web app first (pnpm build)');
    const database = await createTestDatabase(inject('template'));
    await seedDemo(database.db);
    const port = 40000 + Math.floor(Math.random() * 20000);
    const config = loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ADMIN_EMAILS: ADMIN,
    });
    site.running = await startServer(config, { database, logger: false });
    site.base = config.publicUrl;
    site.browser = await chromium.connect(inject('browserWs'));
    // A busy machine (the suite beside another build) takes its time to start a server.
  }, 180_000);
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await site.browser?.close();
    await site.running?.stop();
  });

  site.sessionFor = async (email) => {
    const link = await createSignInLink(site.running.database.db, {
      publicUrl: site.base,
      email,
    });
    const token = new URL(link).searchParams.get('token')!;
    const { sessionToken } = await verifyMagicLink({ ctx: site.running.app.ctx, token });
    return sessionToken;
  };
  site.context = async ({
    lang = 'en',
    viewport = DESKTOP,
    javaScript = true,
    signedInAs,
  } = {}) => {
    const context = await site.browser.newContext({
      viewport,
      locale: lang === 'en' ? 'en-GB' : 'ru-RU',
      extraHTTPHeaders: { 'accept-language': lang },
      javaScriptEnabled: javaScript,
    });
    context.setDefaultTimeout(30_000);
    contexts.push(context);
    if (signedInAs)
      await context.addCookies([
        {
          name: SESSION_COOKIE,
          value: await site.sessionFor(signedInAs),
          url: site.base,
          httpOnly: true,
          sameSite: 'Lax',
        },
      ]);
    return context;
  };
  site.page = async (options) => (await site.context(options)).newPage();
  site.register = async (slug, data) => {
    const created = await registerDelegate({
      ctx: site.running.app.ctx,
      slug,
      data: {
        fullName: 'Test Delegate',
        organization: 'Ministry of Justice',
        country: 'UZ',
        participantType: 'government',
        consent: true,
        ...data,
      },
    });
    return created.id;
  };
  site.crowd = async (slug, rows, confirmed) => {
    const db = site.running.database.db;
    const [meeting] = await db
      .select({ id: meetings.id })
      .from(meetings)
      .where(eq(meetings.slug, slug));
    const people = await db
      .insert(users)
      .values(rows.map((r) => ({ email: r.email, name: r.fullName ?? null })))
      .returning({ id: users.id, email: users.email });
    const idOf = new Map(people.map((p) => [p.email, p.id]));
    const start = Date.now() - rows.length * 60_000;
    await db.insert(registrations).values(
      rows.map((r, i) => ({
        meetingId: meeting!.id,
        userId: idOf.get(r.email)!,
        email: r.email,
        fullName: r.fullName ?? 'Test Delegate',
        organization: r.organization ?? 'Ministry of Justice',
        country: r.country ?? 'UZ',
        participantType: r.participantType ?? 'government',
        jobTitle: r.jobTitle ?? null,
        dietaryNeeds: r.dietaryNeeds ?? null,
        accessibilityNeeds: r.accessibilityNeeds ?? null,
        needsVisaLetter: r.needsVisaLetter ?? false,
        consentAt: new Date(start),
        consentVersion: CONSENT_VERSION,
        status: i < confirmed ? ('confirmed' as const) : ('waitlisted' as const),
        waitlistedAt: i < confirmed ? null : new Date(start + i * 60_000),
        checkInCode: newCheckInCode(),
        createdAt: new Date(start + i * 60_000),
      })),
    );
  };
  return site;
}

type AxeFinding = {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: { target: string; summary: string }[];
};

/** axe-core's WCAG 2.2 A and AA findings on the page as it stands, one line each. */
export async function axeReport(page: Page, where: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window)))
    // Through the DevTools protocol, which the page's CSP (rightly) does not let an inline
    // <script> do.
    await page.evaluate(AXE_SOURCE);
  const findings: AxeFinding[] = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: typeof import('axe-core').run } }).axe;
    const results: AxeResults = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        summary: n.failureSummary ?? '',
      })),
    }));
  }, WCAG_TAGS);
  return findings.map(
    (f) =>
      `${where}: [${f.impact ?? '?'}] ${f.id} — ${f.help}\n` +
      f.nodes
        .map((n) => `    ${n.target}\n      ${n.summary.replace(/\n/g, '\n      ')}`)
        .join('\n'),
  );
}

/**
 * What a person would see as broken layout inside `main`: the page scrolling sideways,
 * an element reaching out of `main`, text cut inside a box that hides its overflow
 * (a button reading "Appr"), siblings of a flex or grid row drawn over each other, and an
 * e-mail address broken in the middle of a name. One line a problem.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${cls} "${text}"`;
    };
    const sideways = document.documentElement.scrollWidth - window.innerWidth;
    if (sideways > 0) problems.push(`the page scrolls sideways by ${sideways} px`);
    const main = document.querySelector('main .wrap') ?? document.querySelector('main')!;
    const box = main.getBoundingClientRect();
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return false;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.display === 'none') return false;
      // Visually hidden text (for screen readers) is clipped on purpose.
      return !el.closest('.visually-hidden') && s.clipPath === 'none';
    };
    for (const el of main.querySelectorAll('*')) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1)
        problems.push(
          `${name(el)} reaches out of the page (${Math.round(r.left)}–${Math.round(r.right)} of ${Math.round(box.left)}–${Math.round(box.right)})`,
        );
      const s = getComputedStyle(el);
      // Text fields scroll what is typed in them: that is not cut.
      const clips =
        !el.matches('input, textarea, select') &&
        (['hidden', 'clip'].includes(s.overflowX) || el.matches('button, .button'));
      if (clips && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
        problems.push(`${name(el)} cuts its text (${el.scrollWidth} px in ${el.clientWidth} px)`);
      if (s.display.includes('flex') || s.display.includes('grid')) {
        const kids = [...el.children]
          .filter(visible)
          .map((k) => [k, k.getBoundingClientRect()] as const);
        for (let i = 0; i < kids.length; i++)
          for (let j = i + 1; j < kids.length; j++) {
            const [a, ra] = kids[i]!;
            const [b, rb] = kids[j]!;
            const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
            const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
            if (w > 1 && h > 1) problems.push(`${name(a)} overlaps ${name(b)}`);
          }
      }
    }
    // An address may wrap before its @ or after a dot, never inside a part.
    for (const part of main.querySelectorAll('.email > span')) {
      if (!visible(part)) continue;
      const lines = new Set([...part.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) problems.push(`${name(part)} breaks inside an address`);
    }
    return problems;
  });
}
