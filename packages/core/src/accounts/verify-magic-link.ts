import { and, eq, gt, isNull } from 'drizzle-orm';
import { magicLinks, userSessions } from '@kengash/db';
import type { Ctx } from '../context.js';
import { AppError } from '../errors.js';
import { hashToken, newToken } from '../tokens.js';
import { ensureUser, type User } from './ensure-user.js';
import { SESSION_DAYS } from './sign-in-link.js';

/** POST /api/auth/verify: spends the token and opens a session. */
export async function verifyMagicLink(input: {
  ctx: Ctx;
  token: string;
}): Promise<{ user: User; sessionToken: string; next: string | null }> {
  return input.ctx.db.transaction(async (tx) => {
    const [link] = await tx
      .update(magicLinks)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(magicLinks.tokenHash, hashToken(input.token)),
          isNull(magicLinks.usedAt),
          gt(magicLinks.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!link)
      throw new AppError('invalid', 'This sign-in link is unknown, already used or expired', [
        { path: 'token', message: 'Unknown, used or expired token' },
      ]);
    const user = await ensureUser(tx, { email: link.email });
    const sessionToken = newToken();
    await tx.insert(userSessions).values({
      tokenHash: hashToken(sessionToken),
      userId: user.id,
      expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    });
    return { user, sessionToken, next: link.next };
  });
}
