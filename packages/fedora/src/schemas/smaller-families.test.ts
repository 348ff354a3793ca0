import { describe, expect, it } from 'vitest';
import { derive, identity } from '../testing/derive.js';

describe('wiki', () => {
  it('an edit and an upload name the editor', () => {
    expect(identity(derive('wiki.article.edit', { title: 'QA:Testcase_boot', user: 'adamwill', minor_edit: false, summary: 'fix', revision: 12, page_url: 'https://fedoraproject.org/wiki/QA' }))).toEqual({ agent_name: 'adamwill', usernames: ['adamwill'], packages: [] });
    expect(identity(derive('wiki.upload.complete', { user_text: 'jflory7', title: 'File:Logo.png', size: 1000 }))).toEqual({ agent_name: 'jflory7', usernames: ['jflory7'], packages: [] });
  });
});

describe('planet', () => {
  it('a post names its author', () => {
    expect(identity(derive('planet.post.new', { name: 'Ben Cotton', username: 'bcotton', post: { title: 'Hi', link: 'https://funnelfiasco.com/' } }))).toEqual({ agent_name: 'bcotton', usernames: ['bcotton'], packages: [] });
  });
});

describe('discourse', () => {
  const headers = (type: string, event: string) => ({ 'X-Discourse-Instance': 'https://discussion.fedoraproject.org', 'X-Discourse-Event-Id': '1', 'X-Discourse-Event': event, 'X-Discourse-Event-Type': type, 'X-Discourse-Event-Signature': 'sha256=0' });
  const post = { id: 79563, username: 'darknao', topic_title: 'Docs meeting agenda', category_slug: 'project', reply_to_user: { username: 'computersavvy' } };
  it('a post is its author\'s act, and names nobody else', () => {
    expect(identity(derive('discourse.post.post_created', { webhook_body: { post }, webhook_headers: headers('post', 'post_created') }))).toEqual({ agent_name: 'darknao', usernames: [], packages: [] });
    expect(derive('discourse.post.post_edited', { webhook_body: { post: { ...post, username: 'johnnee8' } }, webhook_headers: headers('post', 'post_edited') }).agent_name).toBe('johnnee8');
  });
  it('a like is the liker\'s act; the liked post\'s author is among the usernames', () => {
    const body = { webhook_body: { like: { post: { ...post, username: 'mattdm' }, user: { id: 3, username: 't0xic0der' } } }, webhook_headers: headers('like', 'post_liked') };
    expect(identity(derive('discourse.like.post_liked', body))).toEqual({ agent_name: 't0xic0der', usernames: ['mattdm'], packages: [] });
  });
  it('an accepted solution has no agent (the webhook does not say who accepted); its author is a username', () => {
    const body = { webhook_body: { solved: { ...post, username: 'isudoajl' } }, webhook_headers: headers('solved', 'accepted_solution') };
    expect(identity(derive('discourse.like.accepted_solution', body))).toEqual({ agent_name: null, usernames: ['isudoajl'], packages: [] });
  });
  it('a topic is its creator\'s act', () => {
    const body = { webhook_body: { topic: { id: 3, title: 'Hello', created_by: { username: 'awarda' }, last_poster: { username: 'x' } } }, webhook_headers: headers('topic', 'topic_created') };
    expect(identity(derive('discourse.topic.topic_created', body))).toEqual({ agent_name: 'awarda', usernames: [], packages: [] });
  });
  it('an event the schema does not list has no agent', () => {
    expect(derive('discourse.post.post_created', { webhook_body: { post }, webhook_headers: headers('post', 'post_hidden') }).agent_name).toBeNull();
  });
  it('without the webhook headers, nothing is derived and the fedora-messaging headers are used', () => {
    expect(identity(derive('discourse.post.post_edited', { webhook_body: { post } }, { fedora_messaging_user_darknao: true }))).toEqual({ agent_name: null, usernames: ['darknao'], packages: [] });
  });
});

describe('copr', () => {
  const build = { build: 7000001, chroot: 'fedora-40-x86_64', copr: 'python3.13', ip: '10.0.0.1', owner: '@python', pid: 1, pkg: 'python-pip', status: 1, user: 'frostyx', version: '24.0-1.fc40', what: 'build end', who: 'backend.worker-rpm_build_worker' };
  it('a start is the submitter\'s act; a group owner is not a username', () => {
    expect(identity(derive('copr.build.start', { ...build, status: 3 }))).toEqual({ agent_name: 'frostyx', usernames: ['frostyx'], packages: [] });
    expect(identity(derive('copr.chroot.start', { ...build, status: 3 }))).toEqual({ agent_name: 'frostyx', usernames: ['frostyx'], packages: [] });
  });
  it('an end has no agent (it may be a cancel by anyone with access); a user owner is a username', () => {
    expect(identity(derive('copr.build.end', { ...build, owner: 'praiskup' }))).toEqual({ agent_name: null, usernames: ['frostyx', 'praiskup'], packages: [] });
  });
  it('fedmsg-era bodies wrapped in msg read the same; a namespaced submitter is nobody', () => {
    expect(identity(derive('copr.build.start', { msg: { ...build, user: 'github.com:octocat', owner: 'praiskup' } }))).toEqual({ agent_name: null, usernames: ['praiskup'], packages: [] });
  });
});

describe('anitya', () => {
  it('a new Fedora mapping is a package; another distribution is not', () => {
    const body = (distro: string) => ({ distro: { name: distro }, message: { agent: 'zlopez', distro, project: 'requests', new: 'python-requests' }, project: { name: 'requests', id: 4 } });
    expect(identity(derive('org.release-monitoring.prod.anitya.project.map.new', body('Fedora')))).toEqual({ agent_name: 'zlopez', usernames: ['zlopez'], packages: ['python-requests'] });
    expect(identity(derive('org.release-monitoring.prod.anitya.project.map.new', body('Debian')))).toEqual({ agent_name: 'zlopez', usernames: ['zlopez'], packages: [] });
  });
  it('a new version: its Fedora packages; the agent is often anitya itself', () => {
    const m = derive('org.release-monitoring.prod.anitya.project.version.update', { distro: null, project: { name: 'requests', version: '2.32.3' }, message: { agent: 'anitya', project: { name: 'requests' }, upstream_version: '2.32.3', old_version: '2.32.2', packages: [{ distro: 'Fedora', package_name: 'python-requests' }, { distro: 'CentOS', package_name: 'python-requests' }] } });
    expect(identity(m)).toEqual({ agent_name: 'anitya', usernames: ['anitya'], packages: ['python-requests'] });
  });
});

describe('fedocal', () => {
  it('a meeting names the agent', () => {
    expect(identity(derive('fedocal.meeting.new', { agent: 'bex', meeting: { meeting_name: 'Marketing', meeting_manager: ['bex'] }, calendar: { calendar_name: 'marketing' } }))).toEqual({ agent_name: 'bex', usernames: ['bex'], packages: [] });
  });
  it('a reminder has no agent', () => {
    expect(identity(derive('fedocal.meeting.reminder', { meeting: { meeting_name: 'x' }, calendar: { calendar_name: 'y' } }))).toEqual({ agent_name: null, usernames: [], packages: [] });
  });
});

describe('mailman', () => {
  const mlist = { list_name: 'devel', mail_host: 'lists.fedoraproject.org', fqdn_listname: 'devel@lists.fedoraproject.org', list_id: 'devel.lists.fedoraproject.org', display_name: 'Devel' };
  it('no agent; the usernames are the accounts the plugin resolved', () => {
    const body = { mlist, msg: { from: 'Kevin Fenzi <kevin@scrye.com>', date: 'Mon, 1 Jan 2024 00:00:00 +0000', subject: 'Outage', 'message-id': '<a@b>' }, url: 'https://lists.fedoraproject.org/archives/x', sender_username: 'kevin', usernames: ['kevin', 'nirik'] };
    expect(identity(derive('mailman.receive', body))).toEqual({ agent_name: null, usernames: ['kevin', 'nirik'], packages: [] });
  });
  it('older messages (no usernames key): the @fedoraproject.org addresses, not the list itself', () => {
    const body = { mlist: { ...mlist, fqdn_listname: 'devel@fedoraproject.org' }, msg: { from: 'Ralph <ralph@fedoraproject.org>', to: 'devel@fedoraproject.org', cc: 'Adam <adamw@fedoraproject.org>', date: 'x' } };
    expect(identity(derive('mailman.receive', body))).toEqual({ agent_name: null, usernames: ['adamw', 'ralph'], packages: [] });
  });
  it('a sender with no account is nobody', () => {
    expect(identity(derive('mailman.receive', { mlist, msg: { from: 'someone@example.com', date: 'x' }, sender_username: null, usernames: [] }))).toEqual({ agent_name: null, usernames: [], packages: [] });
  });
});

describe('fedbadges', () => {
  it('an award names the awarded user', () => {
    expect(identity(derive('fedbadges.badge.award', { badge: { badge_id: 'white-rabbit', name: 'White Rabbit' }, user: { username: 'ralph', badges_user_id: 1 } }))).toEqual({ agent_name: 'ralph', usernames: ['ralph'], packages: [] });
    expect(identity(derive('fedbadges.person.rank.advance', { person: { nickname: 'ralph' }, old_rank: 10 }))).toEqual({ agent_name: 'ralph', usernames: ['ralph'], packages: [] });
  });
});

describe('other topics', () => {
  it('fall back to the fedora-messaging headers', () => {
    const m = derive('ci.koji-build.test.complete', { run: { submitter: 'x' } }, { fedora_messaging_user_alice: true, fedora_messaging_rpm_kernel: true });
    expect(identity(m)).toEqual({ agent_name: null, usernames: ['alice'], packages: ['kernel'] });
  });
  it('explicit fields win over every schema', async () => {
    const { createMessage } = await import('@accolade/core');
    const { fedoraSchemas } = await import('./fedora-schemas.js');
    const m = createMessage({ topic: 'org.fedoraproject.prod.buildsys.build.state.change', body: { owner: 'a', name: 'p' }, agent_name: 'b', usernames: ['b'], packages: [] }, { schemas: fedoraSchemas() });
    expect(identity(m)).toEqual({ agent_name: 'b', usernames: ['b'], packages: [] });
  });
});
