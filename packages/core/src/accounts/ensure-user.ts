import { eq } from 'drizzle-orm';
import { users, type Db } from '@kengash/db';
import type { Locale } from '../schemas/values.js';

export type User = typeof users.$inferSelect;

/** Finds or creates the account of an address; the address is the account. */
export async function ensureUser(
  tx: Db,
  input: { email: string; language?: Locale | undefined; name?: string | undefined },
): Promise<User> {
  const [created] = await tx
    .insert(users)
    .values({
      email: input.email,
      preferredLanguage: input.language ?? 'en',
      name: input.name ?? null,
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (created) return created;
  const [existing] = await tx.select().from(users).where(eq(users.email, input.email));
  if (!existing) throw new Error('user vanished during ensureUser');
  if (input.name && !existing.name) {
    await tx.update(users).set({ name: input.name }).where(eq(users.id, existing.id));
    existing.name = input.name;
  }
  return existing;
}
