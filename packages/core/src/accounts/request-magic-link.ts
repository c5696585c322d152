import { eq } from 'drizzle-orm';
import { users } from '@kengash/db';
import { change } from '../changes/envelope.js';
import type { Ctx } from '../context.js';
import type { Locale } from '../schemas/values.js';
import { createSignInLink, MAGIC_LINK_MINUTES } from './sign-in-link.js';

/** Sign-in links go out before anything else the outbox holds. */
export const SIGN_IN_PRIORITY = 10;

/**
 * POST /api/auth/magic-link. Sends a link whether or not the address has an account
 * (the first sign-in creates it), so the answer reveals nothing about who is registered.
 */
export async function requestMagicLink(input: {
  ctx: Ctx;
  email: string;
  language?: Locale | undefined;
  next?: string | undefined;
}): Promise<void> {
  const { ctx, email } = input;
  await change(ctx, async (fx) => {
    const [known] = await fx.tx.select().from(users).where(eq(users.email, email));
    const url = await createSignInLink(fx.tx, {
      publicUrl: ctx.publicUrl,
      email,
      next: input.next,
    });
    await fx.mail({
      to: email,
      locale: (known?.preferredLanguage as Locale | undefined) ?? input.language ?? 'en',
      params: { kind: 'magic_link', url, minutes: MAGIC_LINK_MINUTES, name: known?.name ?? null },
      priority: SIGN_IN_PRIORITY,
    });
  });
}
