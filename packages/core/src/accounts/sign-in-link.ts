import { magicLinks, type Db } from '@kengash/db';
import { hashToken, newToken } from '../tokens.js';

export const MAGIC_LINK_MINUTES = 15;
/** Links inside registration e-mails last longer than an asked-for link: mail is read late. */
export const REGISTRATION_LINK_MINUTES = 72 * 60;
export const SESSION_DAYS = 30;

/** Creates a single-use sign-in link (stored hashed) and returns its URL. */
export async function createSignInLink(
  tx: Db,
  input: { publicUrl: string; email: string; next?: string | undefined; minutes?: number },
): Promise<string> {
  const token = newToken();
  await tx.insert(magicLinks).values({
    tokenHash: hashToken(token),
    email: input.email,
    next: input.next ?? null,
    expiresAt: new Date(Date.now() + (input.minutes ?? MAGIC_LINK_MINUTES) * 60_000),
  });
  return `${input.publicUrl}/auth/verify?token=${token}`;
}
