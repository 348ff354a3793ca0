import { describe, expect, it } from 'vitest';
import { derive, identity } from '../testing/derive.js';

const update = (over: Record<string, unknown> = {}) => ({
  alias: 'FEDORA-2024-4b3c2a1d0e', title: 'python-requests-2.32.3-1.fc40 python-urllib3-2.2.2-1.fc40',
  builds: [{ nvr: 'python-requests-2.32.3-1.fc40' }, { nvr: 'python-urllib3-2.2.2-1.fc40' }],
  user: { name: 'ralph' }, status: 'testing', request: null, release: { name: 'F40' }, ...over,
});

describe('bodhi', () => {
  it('a comment: the commenter is the agent; mentions and the submitter are usernames; packages from every build', () => {
    const m = derive('bodhi.update.comment', {
      comment: { karma: 1, text: 'Works here. @lmacken please check, cc @adamw.', timestamp: '2024-05-01 12:00:00', user: { name: 'bowlofeggs' }, update: update() },
      agent: 'bowlofeggs',
    });
    expect(identity(m)).toEqual({ agent_name: 'bowlofeggs', usernames: ['adamw', 'bowlofeggs', 'lmacken', 'ralph'], packages: ['python-requests', 'python-urllib3'] });
  });

  it('a comment: an e-mail address in the text is not a mention', () => {
    const m = derive('bodhi.update.comment', { comment: { karma: 0, text: 'mail me at foo@example.com', user: { name: 'anonymous' }, update: update() } });
    expect(identity(m)).toEqual({ agent_name: 'anonymous', usernames: ['anonymous', 'ralph'], packages: ['python-requests', 'python-urllib3'] });
  });

  it('a request: the agent from the body, the submitter among the usernames', () => {
    const m = derive('bodhi.update.request.stable', { agent: 'lmacken', update: update({ request: 'stable' }) });
    expect(identity(m)).toEqual({ agent_name: 'lmacken', usernames: ['lmacken', 'ralph'], packages: ['python-requests', 'python-urllib3'] });
  });

  it('karma threshold and completed pushes: no agent when the body has none (bodhi itself acts)', () => {
    expect(identity(derive('bodhi.update.karma.threshold.reach', { status: 'stable', update: update() }))).toEqual({ agent_name: null, usernames: ['ralph'], packages: ['python-requests', 'python-urllib3'] });
    expect(identity(derive('bodhi.update.complete.stable', { agent: 'bodhi', update: update({ status: 'stable' }) }))).toEqual({ agent_name: 'bodhi', usernames: ['bodhi', 'ralph'], packages: ['python-requests', 'python-urllib3'] });
  });

  it('an edit names the editor; a package name with dashes keeps them', () => {
    const m = derive('bodhi.update.edit', { agent: 'adamw', new_bugs: [], new_builds: [], removed_builds: [], update: update({ builds: [{ nvr: 'rust-tokio-util-0.7.11-1.fc41' }] }) });
    expect(identity(m)).toEqual({ agent_name: 'adamw', usernames: ['adamw', 'ralph'], packages: ['rust-tokio-util'] });
  });

  it('buildroot overrides name their submitter', () => {
    const m = derive('bodhi.buildroot_override.tag', { override: { nvr: 'ghc-9.6.6-1.fc41', submitter: { name: 'petersen' } } });
    expect(identity(m)).toEqual({ agent_name: 'petersen', usernames: ['petersen'], packages: ['ghc'] });
  });

  it('composes: the agent, no packages', () => {
    expect(identity(derive('bodhi.compose.complete', { agent: 'ralph', repo: 'f40-updates', success: true, ctype: 'rpm' }))).toEqual({ agent_name: 'ralph', usernames: ['ralph'], packages: [] });
  });

  it('ready for testing, version 1: issuers and components of the artifact builds', () => {
    const m = derive('bodhi.update.status.testing.koji-build-group.build.complete', {
      agent: 'bodhi', contact: { name: 'Bodhi', team: 'Fedora CI', docs: 'https://docs', email: 'admin@fp.o' }, generated_at: '2024', version: '0.2.1',
      artifact: { id: 'FEDORA-2024-1', type: 'koji-build-group', repository: 'https://x', release: 'f40', builds: [
        { type: 'koji-build', id: 1, task_id: 2, component: 'kernel', issuer: 'jforbes', nvr: 'kernel-6.9.1-200.fc40', scratch: false },
      ] },
    });
    expect(identity(m)).toEqual({ agent_name: 'bodhi', usernames: ['bodhi', 'jforbes'], packages: ['kernel'] });
  });

  it('ready for testing, version 3: an update message like the others', () => {
    const m = derive('bodhi.update.status.testing.koji-build-group.build.complete', {
      agent: 'bodhi', 're-trigger': false, artifact: { type: 'koji-build-group', builds: [{ type: 'koji-build', id: 1, task_id: 2, nvr: 'python-requests-2.32.3-1.fc40' }] }, update: update(),
    });
    expect(identity(m)).toEqual({ agent_name: 'bodhi', usernames: ['bodhi', 'ralph'], packages: ['python-requests', 'python-urllib3'] });
  });

  it('a body without an update falls back to the headers', () => {
    const m = derive('bodhi.update.request.testing', { agent: 'x' }, { fedora_messaging_user_x: true, fedora_messaging_rpm_foo: true });
    expect(identity(m)).toEqual({ agent_name: 'x', usernames: ['x'], packages: ['foo'] });
  });
});
