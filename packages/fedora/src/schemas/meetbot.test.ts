import { describe, expect, it } from 'vitest';
import { derive, identity } from '../testing/derive.js';

describe('meetbot', () => {
  it('a start names who started it', () => {
    expect(identity(derive('meetbot.meeting.start', { start_time: '2023-08-12T20:17:46+0000', start_user: 'dummy-user', location: '#fedora-meeting:fedoraproject.org', meeting_name: 'epel' }))).toEqual({ agent_name: 'dummy-user', usernames: ['dummy-user'], packages: [] });
  });

  it('a completed meeting: who ended it; usernames are attendees and chairs', () => {
    const m = derive('meetbot.meeting.complete', {
      start_time: '2023-08-12T20:17:46+0000', start_user: 'dummy-user', end_time: '2023-08-12T20:45:59+0000', end_user: 'dudemcpants',
      location: '#fedora-meeting:fedoraproject.org', meeting_name: 'epel', url: 'https://meetbot-raw.test/x',
      attendees: [{ name: 'dummy-user', lines_said: 23 }, { name: 'dudemcpants', lines_said: 3 }, { name: 'stevebrown', lines_said: 213 }],
      logs: [], chairs: ['dummy-user', 'dudemcpants', 'joansmith'],
    });
    expect(identity(m)).toEqual({ agent_name: 'dudemcpants', usernames: ['dudemcpants', 'dummy-user', 'joansmith', 'stevebrown'], packages: [] });
  });

  it("zodbot's older messages: owner, attendees and chairs as mappings", () => {
    const m = derive('meetbot.meeting.complete', { owner: 'mattdm', attendees: { mattdm: 40, bcotton: 12 }, chairs: { mattdm: true }, meeting_topic: 'council' });
    expect(identity(m)).toEqual({ agent_name: 'mattdm', usernames: ['bcotton', 'mattdm'], packages: [] });
  });
});
