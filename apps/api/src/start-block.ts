/**
 * The few lines a person starting Kengash reads first: where to open it, where mail
 * goes, and whom to sign in as on the demo.
 */
import { DEMO_ORGANIZER } from '@kengash/core';
import type { Config } from './config.js';

export function startBlock(
  config: Config,
  running: { url: string; database: { kind: string }; demo: boolean },
): string {
  const [first, ...others] = config.origins;
  const open = config.origins.length > 1 ? `${first} (or ${others[0]})` : config.publicUrl;
  const listening = new URL(running.url).host;
  const lines = [
    `Kengash is running — open ${open}`,
    `  listening  ${listening}, ${running.database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'}`,
  ];
  if (config.devMailbox)
    lines.push(
      `  mail       the dev mailbox: ${config.publicUrl}/dev/mailbox (sign-in links are also printed below)`,
    );
  else if (config.smtpUrl) lines.push(`  mail       sent through ${smtpHost(config.smtpUrl)}`);
  else lines.push('  mail       SMTP_URL is unset: mail is stored but not sent');
  if (running.demo) lines.push(`  demo       sign in as ${DEMO_ORGANIZER} to run the demo meeting`);
  if (config.adminEmails.size > 0) lines.push(`  admins     ${[...config.adminEmails].join(', ')}`);
  return lines.join('\n');
}

/** Names the server without its credentials. */
function smtpHost(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return 'SMTP';
  }
}
