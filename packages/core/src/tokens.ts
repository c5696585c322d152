import { createHash, randomBytes } from 'node:crypto';

/** A random secret for links and cookies: 256 bits, URL-safe. */
export const newToken = () => randomBytes(32).toString('base64url');
/** Only hashes of secrets are stored, so a leaked table signs nobody in. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// Crockford's base32: no I, L, O, U, so a code read aloud or typed is unambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** A check-in code: 60 random bits as 12 characters, shown in groups of four. */
export function newCheckInCode(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}
export const formatCheckInCode = (code: string) => code.replace(/(.{4})(?=.)/g, '$1-');
/** Accepts what a person types or a scanner sends: any case, dashes and spaces. */
export const normalizeCheckInCode = (input: string) =>
  input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
