/**
 * Sessions of a meeting's agenda, their planned speakers, bookmarks and published agenda
 * versions: the bodies the API accepts and the views it answers.
 */
import { z } from 'zod';
import { agendaChanges, speakerRoles } from '@kengash/db/values';
import {
  instant,
  isoInstant,
  languageCode,
  localizedInput,
  optionalLocalizedInput,
  optionalText,
  slug,
  translationsMap,
  trimmed,
} from './common.js';
import { workingGroupCode } from './meetings.js';
import { sessionKinds, sessionStatuses } from './values.js';

export { agendaChanges, speakerRoles };
export type SpeakerRole = (typeof speakerRoles)[number];
export type AgendaChange = (typeof agendaChanges)[number];

/** A link to the video meeting (Zoom, Teams, WebEx): https only. */
export const onlineUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, message: 'Use an https:// link' })
  .max(2000);

const sessionFields = {
  title: localizedInput(300),
  description: optionalLocalizedInput(20000).optional().nullable(),
  kind: z.enum(sessionKinds),
  startsAt: isoInstant,
  endsAt: isoInstant,
  room: optionalText(200),
  workingGroupCode: workingGroupCode.optional().nullable(),
  qaEnabled: z.boolean().optional(),
  qaModerated: z.boolean().optional(),
  onlineUrl: onlineUrl.optional().nullable(),
  interpretation: z.array(languageCode).max(20).optional(),
  speakingMinutes: z.number().int().min(1).max(60).optional(),
};

/** Cross-field rules shared by create and update (update checks the merged result). */
export function sessionWindowIssues(s: {
  startsAt?: string | undefined;
  endsAt?: string | undefined;
}): { path: string; message: string }[] {
  if (s.startsAt && s.endsAt && Date.parse(s.endsAt) <= Date.parse(s.startsAt))
    return [{ path: 'endsAt', message: 'Must be after startsAt' }];
  return [];
}

export const sessionCreate = z.object(sessionFields).superRefine((s, ctx) => {
  for (const i of sessionWindowIssues(s))
    ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
});
export type SessionCreate = z.infer<typeof sessionCreate>;

export const sessionUpdate = z
  .object(sessionFields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'Give at least one field to change');
export type SessionUpdate = z.infer<typeof sessionUpdate>;

export const speakerInput = z.object({
  name: trimmed(200),
  role: z.enum(speakerRoles),
  organization: optionalText(300),
  title: optionalText(200),
  minutes: z.number().int().min(1).max(600).optional().nullable(),
});
export type SpeakerInput = z.infer<typeof speakerInput>;
/** PUT /api/sessions/:id/speakers: the whole list, in order. */
export const speakersInput = z.array(speakerInput).max(100);

export const sessionListQuery = z.object({
  kind: z.enum(sessionKinds).optional(),
  workingGroup: workingGroupCode.optional(),
});
export const myAgendaQuery = z.object({ meeting: slug });

export const agendaVersionInput = z.object({
  name: localizedInput(200).optional().nullable(),
});

/** What a viewer may do with a session; pages show exactly these buttons. */
export const sessionActions = ['edit', 'cancel', 'setSpeakers', 'bookmark', 'moderate'] as const;
export type SessionAction = (typeof sessionActions)[number];

export const speakerView = z
  .object({
    position: z.number().int(),
    name: z.string(),
    role: z.enum(speakerRoles),
    organization: z.string().nullable(),
    title: z.string().nullable(),
    minutes: z.number().int().nullable(),
  })
  .meta({ id: 'Speaker' });
export type SpeakerView = z.infer<typeof speakerView>;

export const sessionView = z
  .object({
    id: z.string(),
    meetingSlug: z.string(),
    timezone: z.string().meta({ description: "The meeting's IANA zone, to show times in" }),
    title: z.string(),
    description: z.string().nullable(),
    textLang: z
      .object({ title: z.string(), description: z.string().nullable() })
      .meta({ description: 'The language of `title` and `description` as given here' }),
    translations: z.object({ title: translationsMap, description: translationsMap }),
    kind: z.enum(sessionKinds),
    startsAt: instant,
    endsAt: instant,
    room: z.string().nullable(),
    workingGroupCode: z.string().nullable(),
    qaEnabled: z.boolean(),
    qaModerated: z.boolean(),
    qaOpen: z.boolean(),
    onlineUrl: z.string().nullable().optional().meta({
      description: 'Only for confirmed registrants and staff; absent for everyone else',
    }),
    interpretation: z.array(z.string()),
    status: z.enum(sessionStatuses),
    sequence: z.number().int(),
    speakers: z.array(speakerView),
    bookmarked: z
      .boolean()
      .optional()
      .meta({ description: 'Whether the signed-in caller bookmarked it; absent when signed out' }),
    speakingMinutes: z.number().int(),
    floorOpen: z.boolean(),
    floorBalanced: z.boolean(),
    allowedActions: z.array(z.enum(sessionActions)),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Session' });
export type SessionView = z.infer<typeof sessionView>;

export const sessionList = z.object({ items: z.array(sessionView) }).meta({ id: 'SessionList' });
export const speakerList = z.object({ items: z.array(speakerView) }).meta({ id: 'SpeakerList' });

export const agendaChangeView = z
  .object({
    sessionId: z.string(),
    title: z.string(),
    change: z.enum(agendaChanges),
  })
  .meta({ id: 'AgendaChange' });

export const agendaVersionView = z
  .object({
    version: z.number().int(),
    name: z.string().nullable(),
    translations: z.object({ name: translationsMap }),
    publishedAt: instant,
    changes: z.array(agendaChangeView),
  })
  .meta({ id: 'AgendaVersion' });
export type AgendaVersionView = z.infer<typeof agendaVersionView>;

export const agendaVersionList = z
  .object({ items: z.array(agendaVersionView) })
  .meta({ id: 'AgendaVersionList' });
