import { describe, expect, it } from 'vitest';
import { awardTopic, encodeAnnouncement } from './encode-announcement.js';
import { decodeDelivery } from './decode-delivery.js';

const pending = {
  id: '7', announcementId: 'a7e1', badgeId: 'mugshot', user: 'ann', messageId: 'm-1', issuedAt: new Date('2024-05-01T10:00:00Z'),
  badge: { name: 'Mugshot', description: 'You uploaded an avatar', imageUrl: 'https://badges.example/mugshot.png', criteria: 'https://badges.example/c', tags: ['fas', 'avatar'] },
};

describe('an award announcement', () => {
  it("is fedbadges' fedbadges.badge.award message under the prefix", () => {
    expect(awardTopic(undefined)).toBe('fedbadges.badge.award');
    expect(awardTopic('org.fedoraproject.prod')).toBe('org.fedoraproject.prod.fedbadges.badge.award');
    expect(awardTopic('org.fedoraproject.prod.')).toBe('org.fedoraproject.prod.fedbadges.badge.award');
  });

  it('carries the badge, the user and the awarding message, with the headers fedora-messaging consumers read', () => {
    const out = encodeAnnouncement(pending, { topicPrefix: 'io.example', now: new Date('2024-05-01T10:00:01Z') });
    expect(out.routingKey).toBe('io.example.fedbadges.badge.award');
    expect(JSON.parse(out.content.toString('utf8'))).toEqual({
      badge: { badge_id: 'mugshot', name: 'Mugshot', description: 'You uploaded an avatar', image_url: 'https://badges.example/mugshot.png', criteria: 'https://badges.example/c', tags: ['fas', 'avatar'] },
      user: { username: 'ann' },
      message_id: 'm-1',
    });
    expect(out.properties).toMatchObject({ messageId: 'a7e1', contentType: 'application/json', persistent: true });
    expect(out.properties.headers).toMatchObject({ 'sent-at': '2024-05-01T10:00:01.000Z', fedora_messaging_user_ann: true });
  });

  it('reads back as a message for the user, so badges about badges work', () => {
    const out = encodeAnnouncement(pending);
    const wire = decodeDelivery({ routingKey: out.routingKey, messageId: out.properties.messageId, headers: out.properties.headers, content: out.content });
    expect(wire.body).toMatchObject({ user: { username: 'ann' } });
    expect(wire.headers['fedora_messaging_user_ann']).toBe(true);
  });

  it('names the badge by its id when its row is gone', () => {
    const { badge: _gone, ...bare } = pending;
    expect(JSON.parse(encodeAnnouncement(bare).content.toString()).badge).toMatchObject({ badge_id: 'mugshot', name: 'mugshot', tags: [] });
  });
});
