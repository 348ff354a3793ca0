import type { Draw } from './random.js';

/** Who and what a generated message is about. */
export interface People {
  /** A user, long-tailed: a few accounts are very active, most are not. */
  user(): string;
  /** A package, long-tailed as well. */
  pkg(): string;
}

export interface Generated {
  body: Record<string, unknown>;
  agent: string | null;
  usernames: string[];
  packages: string[];
}

/** One kind of message on the bus: its topic (after `org.fedoraproject.prod.`), how common it is, and its body. */
export interface TopicSpec {
  readonly topic: string;
  readonly weight: number;
  build(d: Draw, p: People): Generated;
}

const nvr = (pkg: string, d: Draw): string => `${pkg}-${d.int(1, 9)}.${d.int(0, 30)}-${d.int(1, 5)}.fc${d.int(39, 42)}`;
const title = (d: Draw): string => d.pick(['Fix the build', 'Update to upstream', 'Security fix', 'Rebuild for Python 3.13', 'Drop i686', 'Spec cleanup', 'New package']);

const discourseHeaders = (type: string, event: string): Record<string, string> => ({
  'X-Discourse-Event-Type': type, 'X-Discourse-Event': event, 'X-Discourse-Instance': 'https://discussion.fedoraproject.org',
});

const sameFor = (agent: string, ...others: string[]): string[] => [...new Set([agent, ...others])];

function bodhiUpdate(d: Draw, p: People, owner: string, pkg: string): Record<string, unknown> {
  return {
    alias: `FEDORA-2024-${d.int(100000, 999999).toString(16)}`,
    title: nvr(pkg, d),
    user: { name: owner },
    release: { name: `F${d.int(39, 42)}` },
    builds: [{ nvr: nvr(pkg, d) }],
    status: d.pick(['pending', 'testing', 'stable']),
    karma: d.int(-2, 5),
  };
}

/**
 * The message kinds of Fedora's bus that badges count, with weights in a
 * long-tailed mix (builds and comments are common, sponsorships rare), and
 * bodies shaped like the real ones where rules look into them.
 */
export const TOPICS: readonly TopicSpec[] = [
  {
    topic: 'bodhi.update.comment', weight: 60, build: (d, p) => {
      const agent = p.user(); const owner = p.user(); const pkg = p.pkg();
      const karma = d.pick([0, 0, 0, 1, 1, -1]);
      return { body: { comment: { user: { name: agent }, karma, text: d.pick(['Works for me', 'Breaks on aarch64', 'LGTM', 'Tested with the test case']), update: bodhiUpdate(d, p, owner, pkg) }, agent }, agent, usernames: sameFor(agent, owner), packages: [pkg] };
    },
  },
  {
    topic: 'bodhi.update.request.testing', weight: 18, build: (d, p) => {
      const agent = p.user(); const pkg = p.pkg();
      return { body: { update: { ...bodhiUpdate(d, p, agent, pkg), request: 'testing' }, agent }, agent, usernames: [agent], packages: [pkg] };
    },
  },
  {
    topic: 'bodhi.update.request.stable', weight: 12, build: (d, p) => {
      const agent = p.user(); const pkg = p.pkg();
      return { body: { update: { ...bodhiUpdate(d, p, agent, pkg), request: 'stable' }, agent }, agent, usernames: [agent], packages: [pkg] };
    },
  },
  {
    topic: 'bodhi.update.complete.stable', weight: 10, build: (d, p) => {
      const owner = p.user(); const pkg = p.pkg();
      return { body: { update: bodhiUpdate(d, p, owner, pkg), agent: 'bodhi' }, agent: 'bodhi', usernames: ['bodhi', owner], packages: [pkg] };
    },
  },
  {
    topic: 'bodhi.update.karma.threshold.reach', weight: 4, build: (d, p) => {
      const owner = p.user(); const pkg = p.pkg();
      return { body: { update: bodhiUpdate(d, p, owner, pkg), status: 'testing', agent: 'bodhi' }, agent: 'bodhi', usernames: ['bodhi', owner], packages: [pkg] };
    },
  },
  {
    topic: 'bodhi.buildroot_override.tag', weight: 2, build: (d, p) => {
      const agent = p.user(); const pkg = p.pkg();
      return { body: { override: { nvr: nvr(pkg, d), submitter: { name: agent }, notes: 'for a rebuild' } }, agent, usernames: [agent], packages: [pkg] };
    },
  },
  {
    topic: 'buildsys.build.state.change', weight: 70, build: (d, p) => {
      const agent = p.user(); const pkg = p.pkg();
      const state = d.pick([0, 1, 1, 1, 1, 3, 4]);
      return { body: { owner: agent, name: pkg, version: `${d.int(1, 9)}.${d.int(0, 20)}`, release: `${d.int(1, 5)}.fc41`, new: state, old: 0, instance: 'primary', build_id: d.int(1, 3_000_000) }, agent, usernames: [agent], packages: [pkg] };
    },
  },
  {
    topic: 'buildsys.tag', weight: 14, build: (d, p) => {
      const agent = p.user(); const owner = p.user(); const pkg = p.pkg();
      return { body: { tag: `f${d.int(39, 42)}-updates-candidate`, name: pkg, owner, user: agent, instance: 'primary' }, agent, usernames: sameFor(agent, owner), packages: [pkg] };
    },
  },
  {
    topic: 'buildsys.package.list.change', weight: 3, build: (d, p) => {
      const owner = p.user(); const pkg = p.pkg();
      return { body: { tag: 'f42', package: pkg, owner }, agent: owner, usernames: [owner], packages: [pkg] };
    },
  },
  {
    topic: 'buildsys.repo.done', weight: 8, build: (d) => ({ body: { tag: `f${d.int(39, 42)}-build`, repo_id: d.int(1, 9_999_999), instance: 'primary' }, agent: null, usernames: [], packages: [] }),
  },
  {
    topic: 'git.receive', weight: 26, build: (d, p) => {
      const agent = p.user(); const pkg = p.pkg();
      const additions = d.chance(0.05) ? d.int(500, 5000) : d.int(1, 200);
      return { body: { commit: { username: agent, repo: pkg, namespace: 'rpms', branch: d.pick(['rawhide', 'rawhide', 'f41', 'f40']), rev: d.int(0, 2 ** 31).toString(16), message: title(d), stats: { total: { additions, deletions: d.int(0, 100), lines: additions, files: d.int(1, 5) } } }, agent }, agent, usernames: [agent], packages: [pkg] };
    },
  },
  {
    topic: 'pagure.pull-request.new', weight: 6, build: (d, p) => {
      const agent = p.user();
      return { body: { pullrequest: { id: d.int(1, 5000), title: title(d), user: { name: agent }, project: { fullname: `fedora-infra/${d.pick(['bodhi', 'fmn', 'fedbadges', 'anitya'])}` } }, agent }, agent, usernames: [agent], packages: [] };
    },
  },
  {
    topic: 'pagure.pull-request.comment.added', weight: 9, build: (d, p) => {
      const agent = p.user(); const author = p.user();
      return { body: { pullrequest: { id: d.int(1, 5000), user: { name: author }, comments: [{ user: { name: agent }, comment: 'Looks good' }] }, agent }, agent, usernames: sameFor(agent, author), packages: [] };
    },
  },
  {
    topic: 'pagure.pull-request.closed', weight: 4, build: (d, p) => {
      const agent = p.user(); const author = p.user();
      return { body: { pullrequest: { id: d.int(1, 5000), user: { name: author }, status: 'Merged' }, merged: d.chance(0.8), agent }, agent, usernames: sameFor(agent, author), packages: [] };
    },
  },
  {
    topic: 'pagure.issue.new', weight: 5, build: (d, p) => {
      const agent = p.user();
      return { body: { issue: { id: d.int(1, 9000), title: title(d), user: { name: agent } }, project: { name: 'fedora-badges' }, agent }, agent, usernames: [agent], packages: [] };
    },
  },
  {
    topic: 'pagure.issue.comment.added', weight: 8, build: (d, p) => {
      const agent = p.user(); const reporter = p.user();
      return { body: { issue: { id: d.int(1, 9000), user: { name: reporter } }, agent }, agent, usernames: sameFor(agent, reporter), packages: [] };
    },
  },
  {
    topic: 'pagure.git.receive', weight: 6, build: (d, p) => {
      const agent = p.user();
      return { body: { agent, repo: { fullname: `infra/${d.pick(['ansible', 'docs', 'websites'])}` }, branch: 'main', total_commits: d.int(1, 10) }, agent, usernames: [agent], packages: [] };
    },
  },
  {
    topic: 'pagure.project.user.access.updated', weight: 1, build: (d, p) => {
      const agent = p.user(); const user = p.user();
      return { body: { new_access: 'commit', new_user: `https://src.fedoraproject.org/user/${user}`, new_branches: null, project: { fullname: `rpms/${p.pkg()}` }, agent }, agent, usernames: [agent], packages: [] };
    },
  },
  {
    topic: 'meetbot.meeting.start', weight: 2, build: (d, p) => {
      const agent = p.user();
      return { body: { meeting_topic: d.pick(['FESCo', 'Infrastructure', 'QA', 'Marketing']), owner: agent, channel: '#fedora-meeting' }, agent, usernames: [agent], packages: [] };
    },
  },
  {
    topic: 'meetbot.meeting.complete', weight: 2, build: (d, p) => {
      const chair = p.user();
      const attendees: Record<string, number> = { [chair]: d.int(5, 60) };
      for (let n = d.int(2, 14); n > 0; n--) attendees[p.user()] = d.int(1, 40);
      return { body: { meeting_topic: d.pick(['FESCo', 'Infrastructure', 'QA', 'Marketing']), owner: chair, attendees, chairs: { [chair]: true }, url: 'https://meetbot.fedoraproject.org/' }, agent: chair, usernames: Object.keys(attendees), packages: [] };
    },
  },
  {
    topic: 'meetbot.meeting.topic.update', weight: 4, build: (d, p) => {
      const agent = p.user();
      return { body: { topic: d.pick(['Follow-ups', 'Open floor', 'Tickets']), owner: agent }, agent, usernames: [agent], packages: [] };
    },
  },
  {
    topic: 'wiki.article.edit', weight: 16, build: (d, p) => {
      const agent = p.user();
      return { body: { title: d.pick(['QA:Testcase', 'Infrastructure', 'Changes/F42', 'Ambassadors']), user: agent, minor_edit: d.chance(0.3), revision: d.int(1, 900000) }, agent, usernames: [agent], packages: [] };
    },
  },
  {
    topic: 'wiki.upload.complete', weight: 2, build: (d, p) => {
      const agent = p.user();
      return { body: { user_text: agent, title: 'File:Screenshot.png', size: d.int(1000, 900000) }, agent, usernames: [agent], packages: [] };
    },
  },
  {
    topic: 'fas.group.member.sponsor', weight: 2, build: (d, p) => {
      const agent = p.user(); const user = p.user();
      return { body: { msg: { agent, user, group: d.pick(['packager', 'packager', 'infra', 'docs', 'marketing']) } }, agent, usernames: sameFor(agent, user), packages: [] };
    },
  },
  {
    topic: 'fas.group.member.apply', weight: 2, build: (d, p) => {
      const agent = p.user();
      return { body: { msg: { agent, user: agent, group: d.pick(['packager', 'infra', 'docs']) } }, agent, usernames: [agent], packages: [] };
    },
  },
  {
    topic: 'fas.user.create', weight: 2, build: (_d, p) => {
      const user = p.user();
      return { body: { msg: { agent: user, user } }, agent: user, usernames: [user], packages: [] };
    },
  },
  {
    topic: 'planet.post.new', weight: 3, build: (d, p) => {
      const agent = p.user();
      return { body: { username: agent, post: { title: title(d), link: 'https://communityblog.fedoraproject.org/' } }, agent, usernames: [agent], packages: [] };
    },
  },
  {
    topic: 'discourse.post.post_created', weight: 22, build: (d, p) => {
      const agent = p.user();
      return { body: { webhook_body: { post: { id: d.int(1, 200000), username: agent, topic_id: d.int(1, 90000), post_number: d.int(1, 40), reply_to_post_number: d.chance(0.6) ? d.int(1, 20) : null, category_slug: d.pick(['ask', 'project', 'join']) } }, webhook_headers: discourseHeaders('post', 'post_created') }, agent, usernames: [], packages: [] };
    },
  },
  {
    topic: 'discourse.topic.topic_created', weight: 4, build: (d, p) => {
      const agent = p.user();
      return { body: { webhook_body: { topic: { id: d.int(1, 90000), title: title(d), created_by: { username: agent } } }, webhook_headers: discourseHeaders('topic', 'topic_created') }, agent, usernames: [], packages: [] };
    },
  },
  {
    topic: 'discourse.like.post_liked', weight: 8, build: (d, p) => {
      const agent = p.user(); const author = p.user();
      return { body: { webhook_body: { like: { post: { username: author }, user: { username: agent } } }, webhook_headers: discourseHeaders('like', 'post_liked') }, agent, usernames: [author], packages: [] };
    },
  },
  {
    topic: 'copr.build.end', weight: 20, build: (d, p) => {
      const agent = p.user();
      return { body: { user: agent, owner: agent, copr: d.pick(['playground', 'nightly', 'devel', 'tools']), status: d.pick([1, 1, 1, 0]), chroot: d.pick(['fedora-rawhide-x86_64', 'fedora-41-aarch64', 'epel-9-x86_64']), build: d.int(1, 9_000_000) }, agent: null, usernames: [agent], packages: [] };
    },
  },
  {
    topic: 'copr.build.start', weight: 20, build: (d, p) => {
      const agent = p.user();
      return { body: { user: agent, owner: agent, copr: 'playground', chroot: 'fedora-rawhide-x86_64', build: d.int(1, 9_000_000) }, agent, usernames: [agent], packages: [] };
    },
  },
  {
    topic: 'copr.chroot.start', weight: 5, build: (d, p) => {
      const agent = p.user();
      return { body: { user: agent, chroot: d.pick(['fedora-rawhide-x86_64', 'fedora-41-aarch64', 'fedora-41-ppc64le', 'epel-9-x86_64', 'centos-stream-10-x86_64']) }, agent, usernames: [agent], packages: [] };
    },
  },
  {
    topic: 'mailman.receive', weight: 14, build: (d, p) => {
      const user = p.user();
      return { body: { msg: { from: `${user} <${user}@fedoraproject.org>`, from_email: `${user}@fedoraproject.org`, subject: title(d), mlist: { list_name: d.pick(['devel', 'test', 'users', 'infrastructure']) } } }, agent: null, usernames: [user], packages: [] };
    },
  },
  {
    topic: 'fedbadges.badge.award', weight: 6, build: (d, p) => {
      const user = p.user();
      return { body: { user: { username: user }, badge: { name: 'Tester', badge_id: `tester-${d.int(1, 9)}` } }, agent: user, usernames: [user], packages: [] };
    },
  },
  {
    topic: 'irc.karma', weight: 4, build: (d, p) => {
      const agent = p.user(); const recipient = p.user();
      return { body: { agent: `${agent}_irc`, recipient: `${recipient}_irc`, vote: 1, total: d.int(1, 300) }, agent: null, usernames: sameFor(agent, recipient), packages: [] };
    },
  },
  {
    topic: 'askbot.post.edit', weight: 2, build: (d, p) => {
      const user = p.user();
      return { body: { agent: `https://${user}.id.fedoraproject.org`, post: { id: d.int(1, 99999) } }, agent: null, usernames: [], packages: [] };
    },
  },
  {
    topic: 'github.pull_request', weight: 3, build: (d, p) => {
      const user = p.user();
      return { body: { action: 'opened', sender: { url: `https://api.github.com/users/${user}` }, repository: { full_name: 'fedora-infra/fmn' } }, agent: null, usernames: [], packages: [] };
    },
  },
  {
    topic: 'ci.koji-build.test.complete', weight: 5, build: (d, p) => {
      const user = p.user(); const pkg = p.pkg();
      return { body: { run: { submitter: `${user}/ci.fedoraproject.org@FEDORAPROJECT.ORG` }, artifact: { nvr: nvr(pkg, d) }, test: { result: d.pick(['passed', 'failed']) } }, agent: null, usernames: [], packages: [pkg] };
    },
  },
  {
    topic: 'fedocal.meeting.new', weight: 1, build: (d, p) => {
      const agent = p.user();
      return { body: { agent, meeting: { meeting_name: 'Weekly', meeting_manager: [agent] }, calendar: { calendar_name: 'infrastructure' } }, agent, usernames: [agent], packages: [] };
    },
  },
  {
    topic: 'anitya.project.version.update', weight: 10, build: (d, p) => {
      const pkg = p.pkg();
      const version = `${d.int(1, 9)}.${d.int(0, 30)}`;
      return { body: { project: { name: pkg, version }, distro: null, message: { agent: 'anitya', upstream_version: version, packages: [{ package_name: pkg, distro: 'Fedora' }] } }, agent: 'anitya', usernames: ['anitya'], packages: [pkg] };
    },
  },
  {
    topic: 'ansible.playbook.complete', weight: 4, build: (d, p) => {
      const agent = p.user();
      return { body: { playbook: d.pick(['groups/proxies.yml', 'groups/badges.yml']), userid: agent, check: false, results: { ok: d.int(10, 400) } }, agent: null, usernames: [agent], packages: [] };
    },
  },
];
