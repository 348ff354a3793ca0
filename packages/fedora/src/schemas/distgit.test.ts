import { describe, expect, it } from 'vitest';
import { derive, identity } from '../testing/derive.js';

const commit = (namespace: string | null) => ({
  name: 'Miro Hrončok', email: 'miro@hroncok.cz', username: 'churchyard', summary: 'Rebuilt for Python 3.13', message: 'Rebuilt for Python 3.13\n',
  stats: { files: {}, total: { additions: 1, deletions: 1, lines: 2, files: 1 } }, rev: '3aa6642b0990d1f6a0e0ce7373c8ad37d2f980ce',
  path: '/srv/git/repositories/rpms/python-pytest.git', repo: 'python-pytest', namespace, branch: 'rawhide', patch: '', date: '2024-06-07T12:00:00+02:00',
  url: 'https://src.fedoraproject.org/rpms/python-pytest/c/3aa6642b',
});

describe('dist-git pushes (git.receive)', () => {
  it('the pusher is the agent; an rpms repository is a package', () => {
    expect(identity(derive('git.receive', { agent: 'churchyard', commit: commit('rpms') }))).toEqual({ agent_name: 'churchyard', usernames: ['churchyard'], packages: ['python-pytest'] });
  });

  it('other namespaces: container (singular), modules, flatpaks; none at all', () => {
    expect(identity(derive('git.receive', { agent: 'a1', commit: commit('container') }))).toEqual({ agent_name: 'a1', usernames: ['a1'], packages: [], containers: ['python-pytest'] });
    expect(identity(derive('git.receive', { agent: 'a1', commit: commit('modules') }))).toEqual({ agent_name: 'a1', usernames: ['a1'], packages: [], modules: ['python-pytest'] });
    expect(identity(derive('git.receive', { agent: 'a1', commit: commit(null) }))).toEqual({ agent_name: 'a1', usernames: ['a1'], packages: [] });
  });

  it('does not take pagure.git.receive for its own', () => {
    expect(derive('pagure.git.receive', { agent: 'x', repo: { name: 'r', namespace: 'rpms' } }).packages).toEqual(['r']);
  });
});
