import type { Cookies } from '@sveltejs/kit';

export interface ParsedSetCookie {
  name: string;
  value: string;
  path: string;
  httpOnly: boolean;
  secure: boolean;
  sameSite: 'lax' | 'strict' | 'none';
  maxAge?: number;
  expires?: Date;
}

/** Parse one `Set-Cookie` header value (RFC 6265 §5.2, leniently). */
export function parseSetCookie(header: string): ParsedSetCookie | null {
  const [pair = '', ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  if (eq <= 0) return null;
  const cookie: ParsedSetCookie = {
    name: pair.slice(0, eq).trim(),
    value: pair.slice(eq + 1).trim(),
    path: '/',
    httpOnly: false,
    secure: false,
    sameSite: 'lax',
  };
  for (const attribute of attributes) {
    const [rawKey = '', ...rest] = attribute.split('=');
    const key = rawKey.trim().toLowerCase();
    const value = rest.join('=').trim();
    if (key === 'path' && value.startsWith('/')) cookie.path = value;
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'samesite') {
      const v = value.toLowerCase();
      if (v === 'strict' || v === 'none' || v === 'lax') cookie.sameSite = v;
    } else if (key === 'max-age' && /^-?\d+$/.test(value)) cookie.maxAge = Number(value);
    else if (key === 'expires') {
      const date = new Date(value);
      if (!Number.isNaN(date.getTime())) cookie.expires = date;
    }
    // Domain is dropped on purpose: the cookie belongs to the origin the browser sees.
  }
  return cookie;
}

function isRemoval(c: ParsedSetCookie): boolean {
  if (c.maxAge !== undefined) return c.maxAge <= 0;
  if (c.expires) return c.expires.getTime() <= Date.now();
  return c.value === '';
}

/**
 * Forward the cookies an API response sets (sign-in, sign-out) to the browser, with the
 * attributes the API chose. Values are passed through unencoded, exactly as received.
 */
export function forwardSetCookies(response: Response, cookies: Cookies): void {
  for (const header of response.headers.getSetCookie()) {
    const c = parseSetCookie(header);
    if (!c) continue;
    const options = {
      path: c.path,
      httpOnly: c.httpOnly,
      secure: c.secure,
      sameSite: c.sameSite,
    } as const;
    if (isRemoval(c)) {
      cookies.delete(c.name, options);
    } else {
      cookies.set(c.name, c.value, {
        ...options,
        ...(c.maxAge !== undefined ? { maxAge: c.maxAge } : {}),
        ...(c.expires && c.maxAge === undefined ? { expires: c.expires } : {}),
        encode: (v) => v,
      });
    }
  }
}
