/** Calendars: the answer that gives a delegate the address of her private feed. */
import { z } from 'zod';

export const calendarFeedView = z
  .object({
    url: z.url().meta({
      description:
        'The private feed (text/calendar); needs no cookie. Keep it secret: anyone with it can read the feed',
    }),
  })
  .meta({ id: 'CalendarFeed' });
export type CalendarFeedView = z.infer<typeof calendarFeedView>;
