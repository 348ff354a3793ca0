import type { MessageSchema } from '@accolade/core';
import { list, str } from './body.js';
import { defineSchemas } from './define.js';

/**
 * Mailing lists (mailman3-fedmsg-plugin), `mailman.receive`. The schema
 * names no agent. The usernames are the accounts the plugin resolved and
 * wrote in the body's `usernames`; messages of the older schema (no such
 * key, still in the history) name the sender and the To and Cc addresses
 * at `@fedoraproject.org`, other than the list's own address. Rules that
 * want the sender use `recipient_email2fas` on `msg.from`.
 */

/** The address in a `Name <address>` header, or the header itself. */
function address(header: string | null): string | null {
  if (header === null) return null;
  const inBrackets = /<([^<>]*)>\s*$/.exec(header);
  const value = (inBrackets?.[1] ?? header).trim();
  return value === '' ? null : value;
}

function olderSchemaUsernames(body: unknown): string[] {
  const own = str(body, 'mlist', 'fqdn_listname');
  const addresses = [address(str(body, 'msg', 'from')), address(str(body, 'msg', 'to')), address(str(body, 'msg', 'cc'))];
  return addresses
    .filter((a): a is string => a !== null && a !== own && a.endsWith('@fedoraproject.org'))
    .map((a) => a.split('@', 1)[0]!);
}

export const mailmanSchemas: MessageSchema[] = defineSchemas(['mailman.receive'], {
  agent_name: () => null,
  usernames: (body) => {
    const resolved = list(body, 'usernames');
    if (resolved !== null) return resolved.filter((u): u is string => typeof u === 'string');
    return olderSchemaUsernames(body);
  },
  packages: () => [],
});
