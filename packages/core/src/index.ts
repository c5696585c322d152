/**
 * @kengash/core — the server side of the domain (use-cases take a database). The web app
 * never imports this entry (a lint rule forbids it); it imports @kengash/core/schemas.
 */
export * from './errors.js';
export * from './context.js';
export * from './tokens.js';
export * from './schemas/index.js';

export * from './changes/audit-actions.js';
export * from './changes/envelope.js';
export * from './changes/domain-events.js';
export * from './changes/live.js';
export * from './seats/engine.js';
export * from './access/meeting-access.js';
export * from './live/registry.js';
export * from './live/stream.js';
export * from './sessions/rows.js';

export * from './mail/render.js';
export * from './mail/outbox.js';
export * from './mail/delivery.js';
export type { MailParams, MailKind, MeetingRef } from './mail/templates/index.js';
export * from './calendar/meeting-calendar.js';
export * from './calendar/session-events.js';
export * from './calendar/feed-token.js';
export * from './calendar/get-meeting-calendar.js';
export * from './calendar/get-session-calendar.js';
export * from './calendar/get-calendar-feed.js';
export * from './calendar/rotate-calendar-feed.js';
export * from './calendar/get-private-calendar.js';

export * from './accounts/ensure-user.js';
export * from './accounts/sign-in-link.js';
export * from './accounts/request-magic-link.js';
export * from './accounts/verify-magic-link.js';
export * from './accounts/sessions.js';

export * from './meetings/rows.js';
export * from './meetings/views.js';
export * from './meetings/get-meeting.js';
export * from './meetings/list-meetings.js';
export * from './meetings/create-meeting.js';
export * from './meetings/set-meeting-status.js';
export * from './meetings/staff.js';
export * from './meetings/working-groups.js';
export * from './audit/list-audit.js';

export * from './registrations/rows.js';
export * from './registrations/views.js';
export * from './registrations/register-delegate.js';
export * from './registrations/decide-registration.js';
export * from './registrations/update-meeting.js';
export * from './registrations/get-my-registration.js';
export * from './registrations/list-registrations.js';
export * from './registrations/registration-stats.js';
export * from './registrations/export-registrations.js';
export * from './registrations/check-in.js';
export * from './registrations/set-registration-status.js';

export * from './sessions/views.js';
export * from './sessions/rules.js';
export * from './sessions/notify.js';
export * from './sessions/create-session.js';
export * from './sessions/update-session.js';
export * from './sessions/cancel-session.js';
export * from './sessions/get-session.js';
export * from './sessions/list-sessions.js';
export * from './sessions/set-speakers.js';
export * from './sessions/bookmark-session.js';
export * from './sessions/my-agenda.js';
export * from './agenda/versions.js';
export * from './agenda/publish-agenda-version.js';
export * from './agenda/list-agenda-versions.js';

export * from './floor/order.js';
export * from './floor/rows.js';
export * from './floor/request-floor.js';
export * from './floor/get-floor.js';
export * from './floor/next-speaker.js';
export * from './floor/reorder-floor.js';
export * from './floor/withdraw-floor-request.js';
export * from './floor/set-floor.js';
export * from './floor/live.js';
export * from './questions/rows.js';
export * from './questions/ask-question.js';
export * from './questions/list-questions.js';
export * from './questions/vote-question.js';
export * from './questions/moderate-question.js';
export * from './questions/set-qa.js';
export * from './questions/tallies.js';
export * from './questions/live.js';

export * from './seed/index.js';
