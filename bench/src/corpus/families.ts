/**
 * Badge families shaped like Fedora's: a series of badges over one kind of
 * activity with rising thresholds. Together they use every trigger kind,
 * every `previous.filter` key, both operations, every condition phrase and
 * a lambda condition, and every recipient form and converter, in roughly
 * the proportions Fedora's rules have them (topic triggers and
 * "count my messages on this topic" filters dominate).
 */

/** A json-rules-engine condition: the same test as a lambda, for the comparison runner. */
export type JreCondition =
  | { fact: string; path?: string; operator: string; value: unknown }
  | { all: JreCondition[] }
  | { any: JreCondition[] }
  | { not: JreCondition };

export type TriggerSpec =
  | { topic: string }
  | { category: string | { any: string[] } }
  | { lambda: string; jre: JreCondition }
  | { all: TriggerSpec[] }
  | { any: TriggerSpec[] }
  | { not: TriggerSpec };

export type Converter = 'nick' | 'email' | 'openid' | 'github' | 'distgit' | 'krb';

export interface Family {
  id: string;
  title: string;
  thresholds: readonly number[];
  trigger: TriggerSpec;
  previous?: Record<string, unknown>;
  condition?: (n: number) => Record<string, unknown>;
  recipient?: string;
  converter?: Converter;
  /** What each badge is for; `n` is its threshold. */
  says: (n: number) => string;
}

const P = 'org.fedoraproject.prod.';
const q = (s: string): string => `'${s}'`;

const gte = (n: number) => ({ 'greater than or equal to': n });
const SERIES = [1, 5, 10, 25, 50, 100, 250, 500, 1000] as const;
const LONG_SERIES = [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000] as const;
const SHORT_SERIES = [1, 10, 50, 100] as const;

/** The most common shape: the recipient's messages on this very topic. */
const mine = (key: 'users' | 'agents' = 'users') => ({ filter: { topics: ['message.topic'], [key]: ['recipient'] }, operation: 'count' });
const mineOn = (topics: string[], key: 'users' | 'agents' = 'users', extra: Record<string, unknown> = {}) => ({
  filter: { topics: topics.map((t) => q(P + t)), [key]: ['recipient'], ...extra }, operation: 'count',
});

const eq = (fact: string, path: string, value: unknown): JreCondition => ({ fact, path, operator: 'equal', value });

export const FAMILIES: readonly Family[] = [
  // Bodhi
  { id: 'bodhi-commenter', title: 'Bodhi Commenter', thresholds: LONG_SERIES, trigger: { topic: 'bodhi.update.comment' }, previous: mine(), says: (n) => `You commented on Bodhi updates ${n} times.` },
  {
    id: 'karma-giver', title: 'Karma Giver', thresholds: SERIES,
    trigger: { all: [{ topic: 'bodhi.update.comment' }, { lambda: 'message.body["comment"]["karma"] > 0', jre: { fact: 'body', path: '$.comment.karma', operator: 'greaterThan', value: 0 } }] },
    previous: mineOn(['bodhi.update.comment'], 'agents', { contains: [`'"karma": 1'`] }), says: (n) => `You gave positive karma ${n} times.`,
  },
  {
    id: 'update-tester', title: 'Update Tester', thresholds: [5, 25, 100],
    trigger: { topic: 'bodhi.update.comment' },
    previous: { filter: { topics: ['message.topic'], agents: ['recipient'], rows_per_page: '100', page: '1', order: q('desc') }, operation: { lambda: 'len(set(r.msg["comment"]["update"]["title"] for r in results))' } },
    says: (n) => `You tested ${n} different updates (among your last 100 comments).`,
  },
  { id: 'update-submitter', title: 'Update Submitter', thresholds: SERIES, trigger: { topic: 'bodhi.update.request.testing' }, previous: mine(), recipient: 'message.body["update"]["user"]["name"]', says: (n) => `You submitted ${n} updates to testing.` },
  { id: 'stable-pusher', title: 'Stable Pusher', thresholds: SERIES, trigger: { topic: 'bodhi.update.request.stable' }, previous: mine(), condition: (n) => ({ 'is greater than or equal to': n }), says: (n) => `You pushed ${n} updates to stable.` },
  {
    id: 'update-shepherd', title: 'Update Shepherd', thresholds: [10, 50, 100, 500],
    trigger: { all: [{ category: 'bodhi' }, { not: { topic: 'bodhi.update.comment' } }] },
    previous: { filter: { categories: [q('bodhi')], not_topics: [q(`${P}bodhi.update.comment`)], users: ['recipient'] }, operation: 'count' },
    recipient: 'message.usernames', says: (n) => `Your updates went through ${n} lifecycle events.`,
  },
  { id: 'karma-magnet', title: 'Karma Magnet', thresholds: [1, 5, 20], trigger: { topic: 'bodhi.update.karma.threshold.reach' }, previous: mine(), recipient: 'message.body["update"]["user"]["name"]', condition: (n) => ({ 'equal to': n }), says: (n) => `Your updates reached their karma threshold exactly ${n} times.` },
  { id: 'override-author', title: 'Override Author', thresholds: [1, 10, 50], trigger: { topic: 'bodhi.buildroot_override.tag' }, previous: mine(), says: (n) => `You created ${n} buildroot overrides.` },
  { id: 'bodhi-regular', title: 'Bodhi Regular', thresholds: [100, 1000], trigger: { category: 'bodhi' }, previous: { filter: { categories: ['message.category'], users: ['recipient'] }, operation: 'count' }, says: (n) => `${n} Bodhi events are about you.` },
  {
    id: 'bodhi-human', title: 'Human Reviewer', thresholds: [1, 100],
    trigger: { topic: 'bodhi.update.comment' }, previous: mineOn(['bodhi.update.comment'], 'agents', { not_users: [q('bodhi'), q('autoqa')] }),
    says: (n) => `You wrote ${n} comments on updates no bot touched.`,
  },
  {
    id: 'busy-week', title: 'Busy Week', thresholds: [20, 50],
    trigger: { topic: 'bodhi.update.comment' },
    previous: { filter: { topics: ['message.topic'], users: ['recipient'], start: 'message.timestamp.timestamp() - 7 * 86400', end: 'message.timestamp' }, operation: 'count' },
    says: (n) => `You commented on ${n} updates within one week.`,
  },
  {
    id: 'owner-feedback', title: 'Much Discussed', thresholds: [10, 100],
    trigger: { topic: 'bodhi.update.comment' }, recipient: 'message.body["comment"]["update"]["user"]["name"]',
    previous: { filter: { topics: ['message.topic'], users: ['recipient'], not_agents: ['recipient'] }, operation: 'count' },
    says: (n) => `Others commented ${n} times on your updates.`,
  },

  // Koji
  {
    id: 'koji-builder', title: 'Koji Builder', thresholds: LONG_SERIES,
    trigger: { all: [{ topic: 'buildsys.build.state.change' }, { lambda: 'message.body["new"] == 1', jre: eq('body', '$.new', 1) }] },
    previous: mineOn(['buildsys.build.state.change'], 'agents', { contains: [`'"new": 1'`] }), says: (n) => `You completed ${n} builds in Koji.`,
  },
  {
    id: 'build-failures', title: 'Rocky Road', thresholds: [1, 50, 500],
    trigger: { all: [{ topic: 'buildsys.build.state.change' }, { lambda: 'message.body["new"] == 3', jre: eq('body', '$.new', 3) }] },
    previous: mineOn(['buildsys.build.state.change'], 'users', { contains: [`'"new": 3'`] }), condition: (n) => ({ 'greater than': n - 1 }),
    says: (n) => `${n} of your builds failed. Keep going.`,
  },
  { id: 'koji-tagger', title: 'Tagger', thresholds: SHORT_SERIES, trigger: { topic: 'buildsys.tag' }, previous: mine('agents'), recipient: 'message.body["user"]', says: (n) => `You tagged ${n} builds.` },
  { id: 'package-lister', title: 'Package Lister', thresholds: [1, 10], trigger: { topic: 'buildsys.package.list.change' }, previous: mine(), says: (n) => `You changed ${n} package lists.` },
  {
    id: 'many-packages', title: 'Wide Builder', thresholds: [10, 50, 150],
    trigger: { all: [{ topic: 'buildsys.build.state.change' }, { lambda: 'message.body["new"] == 1', jre: eq('body', '$.new', 1) }] },
    previous: { filter: { topics: ['message.topic'], agents: ['recipient'], rows_per_page: '200', page: '1', order: q('desc') }, operation: { lambda: 'len(set(r.msg["name"] for r in results if r.msg["new"] == 1))' } },
    says: (n) => `You built ${n} different packages (among your last 200 builds).`,
  },
  {
    id: 'build-month', title: 'Build Month', thresholds: [100],
    trigger: { all: [{ topic: 'buildsys.build.state.change' }, { lambda: 'message.body["new"] == 1', jre: eq('body', '$.new', 1) }] },
    previous: { filter: { topics: ['message.topic'], agents: ['recipient'], start: 'message.timestamp.timestamp() - 30 * 86400', end: 'message.timestamp.timestamp()' }, operation: 'count' },
    says: (n) => `${n} builds in thirty days.`,
  },

  // dist-git
  { id: 'committer', title: 'Committer', thresholds: LONG_SERIES, trigger: { topic: `${P}git.receive` }, previous: mineOn(['git.receive']), recipient: 'message.body["commit"]["username"]', says: (n) => `You pushed ${n} commits to dist-git.` },
  {
    id: 'package-steward', title: 'Package Steward', thresholds: [25, 100, 500],
    trigger: { topic: 'git.receive' }, previous: { filter: { topics: ['message.topic'], users: ['recipient'], packages: ['message.packages'] }, operation: 'count' },
    says: (n) => `You pushed ${n} commits to one package.`,
  },
  {
    id: 'big-commit', title: 'Heavy Lifter', thresholds: [1],
    trigger: { all: [{ topic: 'git.receive' }, { lambda: 'message.body["commit"]["stats"]["total"]["additions"] > 500', jre: { fact: 'body', path: '$.commit.stats.total.additions', operator: 'greaterThan', value: 500 } }] },
    says: () => 'You pushed a commit adding more than 500 lines.',
  },
  {
    id: 'rawhide-rider', title: 'Rawhide Rider', thresholds: [1, 100, 1000],
    trigger: {
      lambda: 'message.category in ("git", "pagure") and message.body.get("commit", {}).get("branch") == "rawhide"',
      jre: { all: [{ fact: 'category', operator: 'in', value: ['git', 'pagure'] }, eq('body', '$.commit.branch', 'rawhide')] },
    },
    previous: { filter: { categories: [q('git')], users: ['recipient'], contains: [`'"branch": "rawhide"'`] }, operation: 'count' },
    says: (n) => `You pushed ${n} commits to rawhide.`,
  },
  { id: 'kernel-free', title: 'Userspace Hacker', thresholds: [50], trigger: { topic: 'git.receive' }, previous: { filter: { topics: ['message.topic'], users: ['recipient'], not_packages: [q('kernel'), q('glibc')] }, operation: 'count' }, says: (n) => `${n} commits outside the kernel and glibc.` },

  // Pagure
  { id: 'pr-opener', title: 'Pull Request Opener', thresholds: SERIES.slice(0, 7), trigger: { topic: 'pagure.pull-request.new' }, previous: mine(), recipient: 'message.body["pullrequest"]["user"]["name"]', says: (n) => `You opened ${n} pull requests.` },
  {
    id: 'pr-merged', title: 'Merged', thresholds: SHORT_SERIES,
    trigger: { all: [{ topic: 'pagure.pull-request.closed' }, { lambda: 'message.body["merged"]', jre: eq('body', '$.merged', true) }] },
    previous: mineOn(['pagure.pull-request.closed'], 'users', { contains: [`'"merged": true'`] }), recipient: 'message.body["pullrequest"]["user"]["name"]',
    says: (n) => `${n} of your pull requests were merged.`,
  },
  {
    id: 'pagure-commenter', title: 'Pagure Commenter', thresholds: [1, 10, 50, 100, 500, 1000],
    trigger: { any: [{ topic: 'pagure.pull-request.comment.added' }, { topic: 'pagure.issue.comment.added' }] },
    previous: mineOn(['pagure.pull-request.comment.added', 'pagure.issue.comment.added'], 'agents'), says: (n) => `You commented ${n} times on pagure.io.`,
  },
  { id: 'issue-reporter', title: 'Bug Reporter', thresholds: SHORT_SERIES, trigger: { topic: 'pagure.issue.new' }, previous: mine('agents'), recipient: 'message.body["issue"]["user"]["name"]', says: (n) => `You opened ${n} issues.` },
  { id: 'pagure-pusher', title: 'Infra Pusher', thresholds: SHORT_SERIES, trigger: { topic: 'pagure.git.receive' }, previous: mine(), recipient: 'message.body["agent"]', says: (n) => `You pushed to pagure.io ${n} times.` },
  { id: 'forge-regular', title: 'Forge Regular', thresholds: [100, 1000], trigger: { category: { any: ['pagure', 'git'] } }, previous: { filter: { categories: [q('pagure'), q('git')], users: ['recipient'] }, operation: 'count' }, says: (n) => `${n} events on the forges.` },
  {
    id: 'reviewed', title: 'Well Reviewed', thresholds: [10, 100],
    trigger: { topic: 'pagure.pull-request.comment.added' }, recipient: 'message.body["pullrequest"]["user"]["name"]',
    previous: { filter: { topics: ['message.topic'], users: ['recipient'], not_agents: ['recipient'] }, operation: 'count' },
    says: (n) => `Others commented ${n} times on your pull requests.`,
  },
  {
    id: 'committer-access', title: 'Trusted', thresholds: [1, 5],
    trigger: { topic: 'pagure.project.user.access.updated' }, recipient: 'message.body["new_user"]', converter: 'distgit',
    previous: { filter: { topics: ['message.topic'], contains: [`'"new_user": "https://src.fedoraproject.org/user/' + recipient + '"'`] }, operation: 'count' }, says: (n) => `You were given commit access ${n} times.`,
  },

  // Meetings
  {
    id: 'meeting-attendee', title: 'Meeting Attendee', thresholds: SERIES.slice(0, 8),
    trigger: { topic: 'meetbot.meeting.complete' }, recipient: '[u for u in message.body["attendees"]]', previous: mine(), says: (n) => `You attended ${n} meetings.`,
  },
  { id: 'meeting-chair', title: 'Chair', thresholds: SHORT_SERIES, trigger: { topic: 'meetbot.meeting.complete' }, recipient: 'list(message.body["chairs"].keys())', previous: mine(), says: (n) => `You chaired ${n} meetings.` },
  {
    id: 'meeting-runner', title: 'Meeting Runner', thresholds: [1, 10, 100],
    trigger: { any: [{ topic: 'meetbot.meeting.topic.update' }, { topic: 'meetbot.meeting.start' }] },
    previous: mineOn(['meetbot.meeting.topic.update', 'meetbot.meeting.start'], 'agents'), says: (n) => `You started meetings or changed topics ${n} times.`,
  },

  // Wiki
  { id: 'wiki-editor', title: 'Wiki Editor', thresholds: [...SERIES, 2500], trigger: { topic: 'wiki.article.edit' }, previous: mine(), recipient: 'message.body["user"]', says: (n) => `You edited the wiki ${n} times.` },
  {
    id: 'wiki-author', title: 'Wiki Author', thresholds: [10, 100],
    trigger: { all: [{ topic: 'wiki.article.edit' }, { lambda: 'not message.body["minor_edit"]', jre: eq('body', '$.minor_edit', false) }] },
    previous: mineOn(['wiki.article.edit'], 'users', { contains: [`'"minor_edit": false'`] }), says: (n) => `You made ${n} major wiki edits.`,
  },
  { id: 'wiki-uploader', title: 'Illustrator', thresholds: [1, 10, 50], trigger: { topic: 'wiki.upload.complete' }, previous: mine(), says: (n) => `You uploaded ${n} files to the wiki.` },
  { id: 'wiki-regular', title: 'Wiki Regular', thresholds: [500], trigger: { category: 'wiki' }, previous: { filter: { categories: ['message.category'], agents: ['recipient'] }, operation: 'count' }, says: (n) => `${n} wiki events.` },

  // Accounts
  { id: 'sponsor', title: 'Mentor', thresholds: [1, 5, 10, 25, 50, 100], trigger: { topic: 'fas.group.member.sponsor' }, previous: mine('agents'), recipient: 'message.body["msg"]["agent"]', says: (n) => `You sponsored ${n} people.` },
  {
    id: 'sponsored-packager', title: 'Sponsored Packager', thresholds: [1],
    trigger: { all: [{ topic: 'fas.group.member.sponsor' }, { lambda: 'message.body["msg"]["group"] == "packager"', jre: eq('body', '$.msg.group', 'packager') }] },
    recipient: 'message.body["msg"]["user"]', says: () => 'You were sponsored into the packager group.',
  },
  { id: 'account', title: 'Involvement', thresholds: [1], trigger: { topic: 'fas.user.create' }, recipient: 'message.body["msg"]["user"]', says: () => 'You created a Fedora account.' },
  { id: 'applicant', title: 'Joiner', thresholds: [1, 10], trigger: { topic: 'fas.group.member.apply' }, previous: mine(), says: (n) => `You applied to ${n} groups.` },

  // Planet, Discourse
  { id: 'planet-writer', title: 'Planet Writer', thresholds: [1, 10, 50, 100, 250], trigger: { topic: 'planet.post.new' }, previous: mine(), recipient: 'message.body["username"]', says: (n) => `You wrote ${n} posts on the Planet.` },
  { id: 'discourse-poster', title: 'Discussion Poster', thresholds: SERIES.slice(0, 8), trigger: { topic: 'discourse.post.post_created' }, previous: mine('agents'), recipient: 'message.body["webhook_body"]["post"]["username"]', says: (n) => `You posted ${n} times on Discussion.` },
  { id: 'topic-starter', title: 'Conversation Starter', thresholds: SHORT_SERIES, trigger: { topic: 'discourse.topic.topic_created' }, previous: mine('agents'), says: (n) => `You started ${n} topics.` },
  { id: 'liker', title: 'Appreciator', thresholds: [1, 25, 100, 500], trigger: { topic: 'discourse.like.post_liked' }, previous: mine('agents'), recipient: 'message.body["webhook_body"]["like"]["user"]["username"]', says: (n) => `You liked ${n} posts.` },
  {
    id: 'replier', title: 'Replier', thresholds: [10, 100],
    trigger: { all: [{ topic: 'discourse.post.post_created' }, { lambda: 'message.body["webhook_body"]["post"]["reply_to_post_number"] is not None', jre: { fact: 'body', path: '$.webhook_body.post.reply_to_post_number', operator: 'notEqual', value: null } }] },
    previous: mine('agents'), says: (n) => `You replied ${n} times.`,
  },
  { id: 'first-post', title: 'First Post', thresholds: [2], trigger: { topic: 'discourse.post.post_created' }, previous: mine('agents'), condition: (n) => ({ 'less than': n }), says: () => 'You wrote your first post.' },
  { id: 'first-topic', title: 'First Topic', thresholds: [1], trigger: { topic: 'discourse.topic.topic_created' }, previous: mine('agents'), condition: (n) => ({ 'less than or equal to': n }), says: () => 'You started your first topic.' },

  // Copr
  {
    id: 'copr-builder', title: 'Copr Builder', thresholds: [1, 10, 50, 100, 500, 1000, 5000],
    trigger: { all: [{ topic: 'copr.build.end' }, { lambda: 'message.body["status"] == 1', jre: eq('body', '$.status', 1) }] },
    recipient: 'message.body["user"]', previous: mineOn(['copr.build.end'], 'users', { contains: [`'"status": 1'`] }), says: (n) => `You finished ${n} Copr builds.`,
  },
  { id: 'binary-builder', title: 'Binary Builder', thresholds: [0], trigger: { topic: 'copr.build.end' }, recipient: 'message.body["user"]', previous: mine(), condition: () => ({ lambda: 'value != 0 and ((value & (value - 1)) == 0)' }), says: () => 'The number of your Copr builds is a power of two.' },
  {
    id: 'chroot-explorer', title: 'Chroot Explorer', thresholds: [3, 5],
    trigger: { topic: 'copr.chroot.start' },
    previous: { filter: { topics: ['message.topic'], users: ['recipient'], rows_per_page: '500' }, operation: { lambda: 'len(set(r.msg["chroot"] for r in results))' } },
    says: (n) => `You built in ${n} different chroots.`,
  },
  { id: 'copr-regular', title: 'Copr Regular', thresholds: [1000], trigger: { category: 'copr' }, previous: { filter: { categories: ['message.category'], users: ['recipient'] }, operation: 'count' }, condition: (n) => ({ 'is equal to': n }), says: (n) => `Exactly ${n} Copr events.` },

  // Mailing lists, badges, IRC, Ask, GitHub, CI, calendar
  { id: 'list-poster', title: 'Mailing List Poster', thresholds: SERIES.slice(0, 7), trigger: { topic: 'mailman.receive' }, previous: mine(), recipient: 'message.body["msg"]["from_email"]', converter: 'email', says: (n) => `You wrote ${n} messages to the lists.` },
  { id: 'badge-collector', title: 'Collector', thresholds: [10, 25, 50, 100, 200], trigger: { topic: 'fedbadges.badge.award' }, previous: mine(), recipient: 'message.body["user"]["username"]', says: (n) => `You hold ${n} badges.` },
  { id: 'cookie', title: 'Cookie', thresholds: [1, 5, 10, 25, 50, 100], trigger: { topic: 'irc.karma' }, previous: mine(), recipient: 'message.body["recipient"]', converter: 'nick', says: (n) => `You were given ${n} cookies.` },
  { id: 'ask-fedora', title: 'Asker', thresholds: [1, 10, 50], trigger: { topic: 'askbot.post.edit' }, previous: mine(), recipient: 'message.body["agent"]', converter: 'openid', says: (n) => `You edited ${n} posts on Ask Fedora.` },
  { id: 'github-contributor', title: 'Upstream Contributor', thresholds: [1, 10], trigger: { topic: 'github.pull_request' }, previous: mine(), recipient: 'message.body["sender"]["url"]', converter: 'github', says: (n) => `You opened ${n} pull requests on GitHub.` },
  { id: 'ci-tester', title: 'CI Tester', thresholds: [1, 10, 100], trigger: { topic: 'ci.koji-build.test.complete' }, previous: mine(), recipient: 'message.body["run"]["submitter"]', converter: 'krb', condition: (n) => ({ 'is greater than or equal to': n }), says: (n) => `You ran ${n} CI tests.` },
  { id: 'calendar', title: 'Scheduler', thresholds: [1], trigger: { topic: 'fedocal.meeting.new' }, previous: { filter: { msg_id: 'message.id' }, operation: 'count' }, condition: (n) => ({ 'is not': n - 1 }), says: () => 'You scheduled a meeting.' },
  { id: 'calendar-regular', title: 'Timekeeper', thresholds: [5], trigger: { topic: 'fedocal.meeting.new' }, previous: mine(), condition: (n) => ({ 'is not equal to': n - 1 }), says: (n) => `You scheduled more than ${n - 1} meetings.` },
  { id: 'playbook-runner', title: 'Automator', thresholds: [1, 10, 100], trigger: { topic: 'ansible.playbook.complete' }, recipient: 'message.body["userid"]', previous: mine(), condition: (n) => ({ 'is less than or equal to': 10 * n }), says: (n) => `You ran playbooks, at most ${10 * n} times.` },

  // Across the project
  {
    id: 'community-spirit', title: 'Community Spirit', thresholds: [5],
    trigger: { not: { category: { any: ['bodhi', 'buildsys', 'git', 'fas', 'copr', 'anitya'] } } },
    previous: { filter: { users: ['recipient'], not_categories: [q('bodhi'), q('buildsys'), q('git'), q('fas')], rows_per_page: '200', order: q('desc') }, operation: { lambda: 'len(set(r.category for r in results))' } },
    says: (n) => `You were active in ${n} community areas.`,
  },
];

export const gteCondition = gte;
