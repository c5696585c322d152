/**
 * Every action the audit log records, by area. A change names one of these; the list is
 * the vocabulary of GET /api/meetings/:slug/audit.
 */
export const auditActions = [
  // meetings
  'meeting.created',
  'meeting.updated',
  'meeting.published',
  'meeting.closed',
  'meeting.capacity_changed',
  'staff.added',
  'staff.removed',
  'working_group.created',
  'working_group.updated',
  'working_group.deleted',
  // registrations
  'registration.created',
  'registration.approved',
  'registration.declined',
  'registration.cancelled',
  'registration.promoted',
  'registration.checked_in',
  // the floor (the live list of speakers)
  'floor.requested',
  'floor.given',
  'floor.reordered',
  'floor.withdrawn',
  'floor.updated',
  // the live Q&A
  'question.approved',
  'question.rejected',
  'question.answered',
  'question.pinned',
  'question.unpinned',
  'qa.updated',
  // sessions and the agenda
  'session.created',
  'session.updated',
  'session.cancelled',
  'session.speakers_set',
  'agenda.published',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditEntityTypes = [
  'meeting',
  'staff',
  'working_group',
  'registration',
  'floor',
  'question',
  'session',
  'agenda_version',
] as const;
export type AuditEntityType = (typeof auditEntityTypes)[number];
