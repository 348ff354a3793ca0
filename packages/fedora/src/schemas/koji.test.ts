import { describe, expect, it } from 'vitest';
import { derive, identity } from '../testing/derive.js';

describe('koji (buildsys)', () => {
  it('a build: the owner is the agent, the package its name', () => {
    const m = derive('buildsys.build.state.change', {
      build_id: 2461234, name: 'python-requests', version: '2.32.3', release: '1.fc41', epoch: null, attribute: 'state', old: 0, new: 1,
      owner: 'churchyard', instance: 'primary', task_id: 119000001, task: null, request: [], url: 'https://koji.fedoraproject.org/koji/buildinfo?buildID=2461234',
      creation_time: '2024-05-01T10:00:00+00:00', completion_time: '2024-05-01T10:20:00+00:00',
    });
    expect(identity(m)).toEqual({ agent_name: 'churchyard', usernames: ['churchyard'], packages: ['python-requests'] });
  });

  it('a build by a Kerberos service principal keeps the instance (krb2fas strips it)', () => {
    const m = derive('buildsys.build.state.change', { name: 'nodejs', owner: 'mbs/mbs.fedoraproject.org', new: 1, old: 0, instance: 'primary' });
    expect(identity(m)).toEqual({ agent_name: 'mbs/mbs.fedoraproject.org', usernames: ['mbs/mbs.fedoraproject.org'], packages: ['nodejs'] });
  });

  it('an imported build with no owner names nobody', () => {
    expect(identity(derive('buildsys.build.state.change', { name: 'kernel', owner: null, new: 1, old: null }))).toEqual({ agent_name: null, usernames: [], packages: ['kernel'] });
  });

  it('a tag: the tagger is the agent, the owner a username too', () => {
    const m = derive('buildsys.tag', { build_id: 1, name: 'firefox', tag_id: 2, instance: 'primary', tag: 'f41-updates-candidate', user: 'bodhi', version: '126.0', owner: 'mstransky', release: '1.fc41' });
    expect(identity(m)).toEqual({ agent_name: 'bodhi', usernames: ['bodhi', 'mstransky'], packages: ['firefox'] });
  });

  it('a task: the owner, no packages', () => {
    const m = derive('buildsys.task.state.change', { id: 5, info: { id: 5, method: 'build', arch: 'noarch', host_id: null, result: null }, method: 'build', attribute: 'state', old: 'OPEN', new: 'CLOSED', srpm: 'x.src.rpm', owner: 'ralph', base_url: 'b', files_base_url: 'f', instance: 'primary' });
    expect(identity(m)).toEqual({ agent_name: 'ralph', usernames: ['ralph'], packages: [] });
  });

  it('package lists, signatures and repos', () => {
    expect(identity(derive('buildsys.package.list.change', { package: 'golang', owner: 'alexsaezm', tag: 'f41', action: 'add' }))).toEqual({ agent_name: 'alexsaezm', usernames: ['alexsaezm'], packages: ['golang'] });
    expect(identity(derive('buildsys.rpm.sign', { instance: 'primary', sigkey: 'a15b79cc', rpm: { name: 'glibc' }, build: { name: 'glibc', owner_name: 'fweimer' } }))).toEqual({ agent_name: 'fweimer', usernames: ['fweimer'], packages: ['glibc'] });
    expect(identity(derive('buildsys.repo.done', { instance: 'primary', repo_id: 5873000, tag: 'f41-build', tag_id: 1 }))).toEqual({ agent_name: null, usernames: [], packages: [] });
  });
});
