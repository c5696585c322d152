/**
 * The live list of speakers (the floor): the bodies the API accepts and the views it
 * answers. The same floor view is the `floor` key of a live snapshot and the `data` of
 * every `floor.updated` event.
 */
import { z } from 'zod';
import { floorKinds, floorStatuses } from '@kengash/db/values';
import { instant } from './common.js';
import { participantTypes } from './values.js';

export { floorKinds, floorStatuses };
export type FloorKind = (typeof floorKinds)[number];
export type FloorStatus = (typeof floorStatuses)[number];

/** Minutes a reply and a point of order get, at most (never more than a statement). */
export const REPLY_MINUTES = 2;
export const POINT_OF_ORDER_MINUTES = 1;

export const floorRequestInput = z
  .object({
    kind: z.enum(floorKinds).optional().meta({
      description:
        'statement (default): after the last statement; reply: after the statements; point_of_order: at the head of the list',
    }),
  })
  .meta({ id: 'FloorRequestInput' });
export type FloorRequestInput = z.infer<typeof floorRequestInput>;

export const floorReorderInput = z
  .object({
    position: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .meta({ description: 'The new place in the waiting list, 1 = next' }),
  })
  .meta({ id: 'FloorReorderInput' });
export type FloorReorderInput = z.infer<typeof floorReorderInput>;

export const floorSettingsInput = z
  .object({
    open: z.boolean().optional().meta({ description: 'false closes the list to new requests' }),
    balanced: z.boolean().optional().meta({
      description:
        'true orders the waiting statements alternating participant types, first come within each',
    }),
    speakingMinutes: z
      .number()
      .int()
      .min(1)
      .max(60)
      .optional()
      .meta({ description: "A statement's speaking time from the next speaker on" }),
  })
  .meta({ id: 'FloorSettingsInput' });
export type FloorSettingsInput = z.infer<typeof floorSettingsInput>;

export const floorRequestCreated = z
  .object({
    id: z.string(),
    status: z.literal('waiting'),
    position: z.number().int(),
  })
  .meta({ id: 'FloorRequestCreated' });
export type FloorRequestCreated = z.infer<typeof floorRequestCreated>;

const delegateFields = {
  id: z.string().meta({ description: 'The id of the request' }),
  name: z.string(),
  kind: z.enum(floorKinds),
  organization: z.string().nullable(),
  country: z.string().nullable(),
  participantType: z.enum(participantTypes).nullable(),
};

export const floorCurrentView = z
  .object({
    ...delegateFields,
    startedAt: instant,
    minutes: z.number().int().meta({ description: 'Speaking time given, in minutes' }),
    endsAt: instant.meta({ description: 'startedAt + minutes: when the timer runs out' }),
  })
  .meta({ id: 'FloorCurrent' });

export const floorQueueItemView = z
  .object({ ...delegateFields, position: z.number().int() })
  .meta({ id: 'FloorQueueItem' });

export const speakingTotalView = z
  .object({
    delegation: z.string().meta({
      description: "A government's country code; for others, the organization",
    }),
    participantType: z.enum(participantTypes).nullable(),
    country: z.string().nullable(),
    organization: z.string().nullable(),
    seconds: z.number().int(),
    turns: z.number().int(),
  })
  .meta({ id: 'SpeakingTotal' });
export type SpeakingTotalView = z.infer<typeof speakingTotalView>;

export const floorView = z
  .object({
    open: z.boolean(),
    balanced: z.boolean(),
    speakingMinutes: z.number().int(),
    current: floorCurrentView.nullable(),
    queue: z.array(floorQueueItemView),
    mine: z
      .object({
        id: z.string(),
        status: z.enum(['waiting', 'speaking']),
        position: z.number().int().nullable(),
      })
      .nullable()
      .optional()
      .meta({
        description:
          "The signed-in caller's waiting or speaking request; absent in live events (keep it from the snapshot)",
      }),
    speakingTotals: z.array(speakingTotalView).optional().meta({
      description:
        'Moderators only: speaking time per delegation in this session, most first (done and current turns)',
    }),
  })
  .meta({ id: 'Floor' });
export type FloorView = z.infer<typeof floorView>;
export type FloorQueueItemView = z.infer<typeof floorQueueItemView>;
export type FloorCurrentView = z.infer<typeof floorCurrentView>;
