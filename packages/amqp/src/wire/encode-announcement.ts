import type { PendingAnnouncement } from '@accolade/core';

export interface OutgoingMessage {
  readonly routingKey: string;
  readonly content: Buffer;
  readonly properties: {
    messageId: string;
    contentType: 'application/json';
    contentEncoding: 'utf-8';
    persistent: true;
    headers: Record<string, unknown>;
  };
}

/** fedbadges' topic for an award, under the deployment's prefix (`org.fedoraproject.prod`...). */
export function awardTopic(prefix: string | undefined): string {
  return prefix === undefined || prefix === '' ? 'fedbadges.badge.award' : `${prefix.replace(/\.+$/, '')}.fedbadges.badge.award`;
}

/**
 * An award as fedbadges announces it: `{badge, user, message_id}`, with
 * fedora-messaging's headers, so fedora-messaging consumers (and their
 * schema for this topic) read it. The message id is the outbox row's, the
 * same on every repeat, so a consumer can drop a duplicate.
 */
export function encodeAnnouncement(pending: PendingAnnouncement, options: { topicPrefix?: string; now?: Date } = {}): OutgoingMessage {
  const badge = pending.badge;
  const body = {
    badge: {
      badge_id: pending.badgeId,
      name: badge?.name ?? pending.badgeId,
      description: badge?.description ?? '',
      image_url: badge?.imageUrl ?? '',
      criteria: badge?.criteria ?? '',
      tags: [...(badge?.tags ?? [])],
    },
    user: { username: pending.user },
    message_id: pending.messageId,
  };
  return {
    routingKey: awardTopic(options.topicPrefix),
    content: Buffer.from(JSON.stringify(body), 'utf8'),
    properties: {
      messageId: pending.announcementId,
      contentType: 'application/json',
      contentEncoding: 'utf-8',
      persistent: true,
      headers: {
        fedora_messaging_schema: 'fedbadges.badge.award',
        fedora_messaging_severity: 20,
        'sent-at': (options.now ?? new Date()).toISOString(),
        [`fedora_messaging_user_${pending.user}`]: true,
      },
    },
  };
}
