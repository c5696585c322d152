import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { magicLinks, meetings, meetingStaff, users, userSessions, type Db } from '@kengash/db';
import { AppError } from './errors.js';
import type { Ctx } from './context.js';
import { queueMail } from './mail/outbox.js';
import type { Locale, StaffRole } from './schemas/index.js';
import { hashToken, newToken } from './tokens.js';

export const MAGIC_LINK_MINUTES = 15;
export const SESSION_DAYS = 30;

export type User = typeof users.$inferSelect;

/** Finds or creates the account of an address; the address is the account. */
export async function ensureUser(
  tx: Db,
  email: string,
  language?: Locale,
  name?: string,
): Promise<User> {
  const [created] = await tx
    .insert(users)
    .values({ email, preferredLanguage: language ?? 'en', name: name ?? null })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (created) return created;
  const [existing] = await tx.select().from(users).where(eq(users.email, email));
  if (!existing) throw new Error('user vanished during ensureUser');
  if (name && !existing.name) {
    await tx.update(users).set({ name }).where(eq(users.id, existing.id));
    existing.name = name;
  }
  return existing;
}

/** Creates a single-use sign-in link and returns its URL. Call inside a transaction. */
export async function createSignInLink(
  tx: Db,
  publicUrl: string,
  email: string,
  next: string | undefined,
  minutes = MAGIC_LINK_MINUTES,
): Promise<string> {
  const token = newToken();
  await tx.insert(magicLinks).values({
    tokenHash: hashToken(token),
    email,
    next: next ?? null,
    expiresAt: new Date(Date.now() + minutes * 60_000),
  });
  return `${publicUrl}/auth/verify?token=${token}`;
}

/**
 * POST /api/auth/magic-link. Sends a link whether or not the address has an account
 * (the first sign-in creates it), so the answer reveals nothing about who is registered.
 */
export async function requestMagicLink(
  ctx: Ctx,
  input: { email: string; language?: Locale | undefined; next?: string | undefined },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [known] = await tx.select().from(users).where(eq(users.email, input.email));
    const url = await createSignInLink(tx, ctx.publicUrl, input.email, input.next);
    const locale = (known?.preferredLanguage as Locale | undefined) ?? input.language ?? 'en';
    await queueMail(tx, input.email, locale, {
      kind: 'magic_link',
      url,
      minutes: MAGIC_LINK_MINUTES,
    });
  });
  ctx.onMailQueued?.();
}

/** POST /api/auth/verify: spends the token and opens a session. */
export async function verifyMagicLink(
  ctx: Ctx,
  token: string,
): Promise<{ user: User; sessionToken: string; next: string | null }> {
  return ctx.db.transaction(async (tx) => {
    const [link] = await tx
      .update(magicLinks)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(magicLinks.tokenHash, hashToken(token)),
          isNull(magicLinks.usedAt),
          gt(magicLinks.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!link)
      throw new AppError('invalid', 'This sign-in link is unknown, already used or expired', [
        { path: 'token', message: 'Unknown, used or expired token' },
      ]);
    const user = await ensureUser(tx, link.email);
    const sessionToken = newToken();
    await tx.insert(userSessions).values({
      tokenHash: hashToken(sessionToken),
      userId: user.id,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    });
    return { user, sessionToken, next: link.next };
  });
}

export async function userForSession(db: Db, sessionToken: string): Promise<User | null> {
  const [row] = await db
    .select({ user: users })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(
      and(
        eq(userSessions.tokenHash, hashToken(sessionToken)),
        gt(userSessions.expiresAt, sql`now()`),
      ),
    );
  return row?.user ?? null;
}

export async function endSession(db: Db, sessionToken: string): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.tokenHash, hashToken(sessionToken)));
}

export async function rolesOfUser(
  db: Db,
  userId: string,
): Promise<{ meetingSlug: string; role: StaffRole }[]> {
  return db
    .select({ meetingSlug: meetings.slug, role: meetingStaff.role })
    .from(meetingStaff)
    .innerJoin(meetings, eq(meetings.id, meetingStaff.meetingId))
    .where(eq(meetingStaff.userId, userId))
    .orderBy(meetings.slug, meetingStaff.role);
}
