import { z } from 'zod';
import {
  country,
  instant,
  isoInstant,
  languageCode,
  localizedInput,
  optionalLocalizedInput,
  optionalText,
  slug,
  timezone,
  translationsMap,
  trimmed,
  email,
} from './common.js';
import { meetingStatuses, registrationModes, registrationStatuses, staffRoles } from './values.js';

const seriesSlug = z
  .string()
  .regex(/^[a-z0-9-]{3,64}$/, 'Use 3–64 lowercase letters, digits and hyphens');

const meetingFields = {
  title: localizedInput(200),
  description: optionalLocalizedInput(20000).optional().nullable(),
  series: seriesSlug.optional().nullable(),
  venue: optionalText(300),
  city: trimmed(120),
  country,
  timezone,
  startsAt: isoInstant,
  endsAt: isoInstant,
  capacity: z.number().int().min(1).max(100000),
  registrationMode: z.enum(registrationModes),
  registrationOpensAt: isoInstant.optional().nullable(),
  registrationClosesAt: isoInstant.optional().nullable(),
  maxPerCountry: z.number().int().min(1).max(100000).optional().nullable(),
  languages: z.array(languageCode).min(1).max(20).optional(),
  hostOrganizations: z.array(trimmed(200)).max(30).optional(),
};

type Window = {
  startsAt?: string | undefined;
  endsAt?: string | undefined;
  registrationOpensAt?: string | null | undefined;
  registrationClosesAt?: string | null | undefined;
};
/** Cross-field rules shared by create and update (update checks the merged result). */
export function meetingWindowIssues(m: Window): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (m.startsAt && m.endsAt && Date.parse(m.endsAt) <= Date.parse(m.startsAt))
    issues.push({ path: 'endsAt', message: 'Must be after startsAt' });
  if (
    m.registrationOpensAt &&
    m.registrationClosesAt &&
    Date.parse(m.registrationClosesAt) <= Date.parse(m.registrationOpensAt)
  )
    issues.push({ path: 'registrationClosesAt', message: 'Must be after registrationOpensAt' });
  return issues;
}

export const meetingCreate = z.object({ slug, ...meetingFields }).superRefine((m, ctx) => {
  for (const i of meetingWindowIssues(m))
    ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
});
export type MeetingCreate = z.infer<typeof meetingCreate>;

export const meetingUpdate = z.object(meetingFields).partial();
export type MeetingUpdate = z.infer<typeof meetingUpdate>;

/**
 * What a viewer may do with a meeting; pages show exactly these buttons. `register`: the
 * form would accept them now; `viewOwnRegistration`: they hold a registration.
 */
export const meetingActions = [
  'register',
  'viewOwnRegistration',
  'manage',
  'edit',
  'publish',
  'close',
  'checkIn',
  'manageStaff',
  'exportRegistrations',
  'moderate',
  'draftRecommendations',
  'editAgenda',
] as const;
export type MeetingAction = (typeof meetingActions)[number];

export const meetingView = z
  .object({
    id: z.string(),
    slug: z.string(),
    series: z.string().nullable(),
    title: z.string(),
    description: z.string().nullable(),
    venue: z.string().nullable(),
    city: z.string(),
    country: z.string(),
    timezone: z.string(),
    startsAt: instant,
    endsAt: instant,
    capacity: z.number().int(),
    registrationMode: z.enum(registrationModes),
    registrationOpensAt: instant.nullable(),
    registrationClosesAt: instant.nullable(),
    maxPerCountry: z.number().int().nullable(),
    languages: z.array(z.string()),
    hostOrganizations: z.array(z.string()),
    status: z.enum(meetingStatuses),
    registrationOpen: z.boolean().meta({
      description: 'A registration posted now would be accepted (published, inside the window)',
    }),
    confirmedCount: z.number().int(),
    waitlistCount: z.number().int(),
    viewerRoles: z.array(z.enum(staffRoles)),
    allowedActions: z.array(z.enum(meetingActions)),
    viewerRegistration: z
      .object({ id: z.string(), status: z.enum(registrationStatuses) })
      .nullable()
      .meta({ description: "The caller's own live registration, if any" }),
    textLang: z
      .object({ title: z.string(), description: z.string().nullable() })
      .meta({ description: 'The language of `title` and `description` as given here' }),
    translations: z.object({ title: translationsMap, description: translationsMap }),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Meeting' });
export type MeetingView = z.infer<typeof meetingView>;

export const staffInput = z.object({ email, role: z.enum(staffRoles) });
export const staffView = z
  .object({
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(staffRoles),
    since: instant.optional(),
  })
  .meta({ id: 'StaffMember' });
export type StaffView = z.infer<typeof staffView>;

export const workingGroupCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{1,8}$/, 'Use 1–8 letters or digits, e.g. A');
export const workingGroupInput = z.object({ code: workingGroupCode, name: localizedInput(300) });
export const workingGroupUpdate = z.object({
  code: workingGroupCode.optional(),
  name: localizedInput(300).optional(),
});
export const workingGroupView = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    nameLang: z.string(),
    translations: z.object({ name: translationsMap }),
  })
  .meta({ id: 'WorkingGroup' });
export type WorkingGroupView = z.infer<typeof workingGroupView>;

export const auditItemView = z
  .object({
    at: instant,
    actor: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    data: z.unknown().optional(),
  })
  .meta({ id: 'AuditEntry' });
