import { stringify } from 'csv-stringify/sync';
import type { Actor, Ctx } from '../context.js';
import type { RegistrationView } from '../schemas/registrations.js';
import { listRegistrations } from './list-registrations.js';

export const CSV_COLUMNS = [
  'id',
  'status',
  'waitlistPosition',
  'fullName',
  'email',
  'organization',
  'jobTitle',
  'country',
  'participantType',
  'preferredLanguage',
  'needsVisaLetter',
  'dietaryNeeds',
  'accessibilityNeeds',
  'checkInCode',
  'checkedInAt',
  'consentAt',
  'consentVersion',
  'createdAt',
] as const satisfies readonly (keyof RegistrationView)[];

/**
 * GET /api/meetings/:slug/registrations.csv (organizer). A byte-order mark makes Excel
 * read UTF-8 (Cyrillic names stay readable); cells that a spreadsheet would run as a
 * formula get a leading apostrophe (csv-stringify's escape_formulas).
 */
export async function exportRegistrations(input: {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
}): Promise<string> {
  const { items } = await listRegistrations({ ...input, filter: {} });
  return stringify(
    items.map((r) => CSV_COLUMNS.map((c) => (r[c] == null ? '' : String(r[c])))),
    {
      bom: true,
      header: true,
      columns: [...CSV_COLUMNS],
      escape_formulas: true,
      record_delimiter: '\r\n',
    },
  );
}
