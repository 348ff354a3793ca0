import { describe, expect, it } from 'vitest';
import { derive, identity } from '../testing/derive.js';

describe('FAS (noggin)', () => {
  it('a new account made by its owner', () => {
    expect(identity(derive('fas.user.create', { msg: { agent: 'newbie', user: 'newbie' } }))).toEqual({ agent_name: 'newbie', usernames: ['newbie'], packages: [] });
  });

  it('an account edited by an admin', () => {
    expect(identity(derive('fas.user.update', { msg: { agent: 'admin1', user: 'zoe', fields: ['timezone'] } }))).toEqual({ agent_name: 'admin1', usernames: ['admin1', 'zoe'], packages: [] });
  });

  it('a sponsorship names the sponsor, the member and the group', () => {
    expect(identity(derive('fas.group.member.sponsor', { msg: { agent: 'sponsor1', user: 'packager1', group: 'packager' } }))).toEqual({ agent_name: 'sponsor1', usernames: ['packager1', 'sponsor1'], packages: [], groups: ['packager'] });
  });

  it('a body without msg falls back to the headers', () => {
    expect(identity(derive('fas.user.create', { user: 'x' }, { fedora_messaging_user_x: true }))).toEqual({ agent_name: null, usernames: ['x'], packages: [] });
  });
});
