import { z } from 'zod';
import { email, locale, nextPath } from './common.js';
import { staffRoles } from './values.js';

export const magicLinkRequest = z.object({
  email,
  language: locale.optional(),
  next: nextPath.optional(),
});
export const verifyRequest = z.object({ token: z.string().min(10).max(200) });

export const userView = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    isAdmin: z.boolean(),
    roles: z.array(z.object({ meetingSlug: z.string(), role: z.enum(staffRoles) })),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof userView>;

export const verifyView = z.object({ user: userView, next: z.string().nullable() });
