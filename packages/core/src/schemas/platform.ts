import { z } from 'zod';
import { instant } from './common.js';

/** A mail as the dev mailbox shows it, attachments (the .ics invitation) included. */
export const devMailView = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    attachments: z.array(
      z.object({ filename: z.string(), contentType: z.string(), content: z.string() }),
    ),
    createdAt: instant,
    sentAt: instant.nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'DevMail' });
export type DevMailView = z.infer<typeof devMailView>;
