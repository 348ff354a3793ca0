import { describe, expect, it } from 'vitest';
import { derive, identity } from '../testing/derive.js';

const user = (name: string) => ({ name, fullname: name.toUpperCase(), url_path: `user/${name}` });
const project = (namespace: string | null, name: string) => ({ id: 1, name, fullname: namespace ? `${namespace}/${name}` : name, namespace, url_path: namespace ? `${namespace}/${name}` : name, user: user('owner') });

describe('pagure and dist-git on pagure', () => {
  it('a new pull request on dist-git: agent, author, assignee', () => {
    const m = derive('pagure.pull-request.new', { agent: 'decathorpe', pullrequest: { id: 12, title: 'Update', user: user('decathorpe'), assignee: user('music'), project: project('rpms', 'rust-serde'), status: 'Open' } });
    expect(identity(m)).toEqual({ agent_name: 'decathorpe', usernames: ['decathorpe', 'music'], packages: [] });
  });

  it('a comment on a pull request with no assignee', () => {
    const m = derive('io.pagure.prod.pagure.pull-request.comment.added', { agent: 'pingou', pullrequest: { id: 4, user: user('ngompa'), assignee: null, project: project(null, 'pagure'), comments: [{ id: 9, comment: 'LGTM', user: user('pingou') }] } });
    expect(identity(m)).toEqual({ agent_name: 'pingou', usernames: ['ngompa', 'pingou'], packages: [] });
  });

  it('issues', () => {
    const m = derive('pagure.issue.comment.added', { agent: 'kevin', issue: { id: 11000, title: 'Outage', user: user('nirik'), assignee: user('kevin') }, project: project(null, 'fedora-infrastructure') });
    expect(identity(m)).toEqual({ agent_name: 'kevin', usernames: ['kevin', 'nirik'], packages: [] });
  });

  it('git pushes name the repository by its namespace', () => {
    const push = (namespace: string | null) => ({ agent: 'sgallagh', forced: false, repo: project(namespace, 'sscg'), old_commit: 'a', branch: 'rawhide', authors: [{ name: 'sgallagh', fullname: 'S', url_path: 'user/sgallagh' }], total_commits: 1, start_commit: 'b', end_commit: 'b' });
    expect(identity(derive('pagure.git.receive', push('rpms')))).toEqual({ agent_name: 'sgallagh', usernames: ['sgallagh'], packages: ['sscg'] });
    expect(identity(derive('pagure.git.receive', push('flatpaks')))).toEqual({ agent_name: 'sgallagh', usernames: ['sgallagh'], packages: [], flatpaks: ['sscg'] });
    expect(identity(derive('pagure.git.tag.creation', { ...push(null), tag: 'v1' }))).toEqual({ agent_name: 'sgallagh', usernames: ['sgallagh'], packages: [] });
  });

  it('project events name the agent', () => {
    const m = derive('pagure.project.user.added', { agent: 'tibbs', project: project('rpms', 'zsh'), new_user: 'ppisar', access: 'commit' });
    expect(identity(m)).toEqual({ agent_name: 'tibbs', usernames: ['tibbs'], packages: [] });
  });
});
