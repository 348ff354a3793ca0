#!/usr/bin/env node
// `pnpm check:packages`: the public packages as a user gets them.
//
// Packs every public package (pnpm pack, so workspace: ranges become versions),
// checks each tarball's file list, runs publint and @arethetypeswrong/cli on it,
// then installs the tarballs with npm into a fresh project outside the workspace,
// type-checks a small bot against them with skipLibCheck: false under module
// nodenext, node16 and bundler, runs it, and runs the installed `accolade validate`.
// Expects a built workspace (`pnpm build`). Temp dirs are removed, also on failure
// (set ACCOLADE_KEEP_PACK_DIR=1 to keep them for a look).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The public packages, dependencies first. */
const PACKAGES = ['core', 'postgres', 'fedora', 'amqp', 'cli'];
const bin = (name) => join(root, 'node_modules', '.bin', name);

let failures = 0;
const fail = (message) => {
  failures++;
  console.error(`FAIL ${message}`);
};
const run = (command, args, options = {}) => {
  console.log(`$ ${command} ${args.join(' ')}`);
  return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
};
/** Runs a command, printing its output; a non-zero exit is a failure, not a crash. */
const check = (what, command, args, options = {}) => {
  try {
    const out = run(command, args, options);
    if (out.trim() !== '') console.log(out.trimEnd());
    return out;
  } catch (error) {
    fail(`${what}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    return null;
  }
};

const work = mkdtempSync(join(tmpdir(), 'accolade-packages-'));
try {
  // 1. Pack.
  const tarDir = join(work, 'tarballs');
  mkdirSync(tarDir);
  const tarballs = {};
  for (const name of PACKAGES) {
    const before = new Set(readdirSync(tarDir));
    run('pnpm', ['pack', '--pack-destination', tarDir], { cwd: join(root, 'packages', name) });
    const made = readdirSync(tarDir).filter((f) => !before.has(f));
    if (made.length !== 1) throw new Error(`pnpm pack of ${name} made ${made.length} files`);
    tarballs[name] = join(tarDir, made[0]);
  }

  // 2. What each tarball holds; publint; attw.
  for (const name of PACKAGES) {
    const tgz = tarballs[name];
    const files = run('tar', ['-tzf', tgz]).split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    for (const required of ['package.json', 'LICENSE', 'README.md']) {
      if (!files.includes(required)) fail(`${name}: the tarball has no ${required}`);
    }
    // A `testing/` folder ships only where the package exports it (`<pkg>/testing`, helpers for users' tests).
    const manifest = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
    const exportsTesting = manifest.exports !== undefined && './testing' in manifest.exports;
    const unwanted = files.filter((f) => /\.tsbuildinfo$|\.test\.[cm]?[jt]s(\.map)?$/.test(f) || (!exportsTesting && /(^|\/)testing\//.test(f)));
    if (unwanted.length > 0) fail(`${name}: the tarball holds files a user does not need: ${unwanted.join(', ')}`);
    // Source and declaration maps are shipped with the sources they point at.
    const unpacked = join(work, 'unpacked', name);
    mkdirSync(unpacked, { recursive: true });
    run('tar', ['-xzf', tgz, '-C', unpacked]);
    const shipped = new Set(files);
    const dangling = [];
    for (const map of files.filter((f) => f.endsWith('.map'))) {
      const { sources } = JSON.parse(readFileSync(join(unpacked, 'package', map), 'utf8'));
      for (const source of sources) {
        const target = posix.normalize(posix.join(posix.dirname(map), source));
        if (!shipped.has(target)) dangling.push(`${map} -> ${target}`);
      }
    }
    if (dangling.length > 0) fail(`${name}: maps point at files the tarball does not hold: ${dangling.slice(0, 5).join(', ')}${dangling.length > 5 ? ', ...' : ''}`);
    console.log(`${name}: ${files.length} files`);

    check(`publint ${name}`, bin('publint'), ['run', tgz, '--strict']);
    // ESM only, on purpose (see the packages' "type": "module" and exports maps): a CommonJS
    // `require` of these packages gets ERR_REQUIRE_ESM on Node < 22, which the esm-only profile
    // leaves out. Everything else (node16 ESM, bundler) must resolve to the right types.
    check(`attw ${name}`, bin('attw'), [tgz, '--profile', 'esm-only', '--format', 'table-flipped', '--no-emoji', '--no-color']);
  }

  // 3. A fresh npm project outside the workspace, with the tarballs installed.
  const app = join(work, 'app');
  mkdirSync(join(app, 'rules'), { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'accolade-consumer', private: true, type: 'module' }, null, 2));
  const typesNode = JSON.parse(run('node', ['-p', 'JSON.stringify(require("./package.json").devDependencies)'], { cwd: root }))['@types/node'];
  check('npm install of the tarballs', 'npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', ...PACKAGES.map((n) => tarballs[n]), `@types/node@${typesNode}`], { cwd: app });

  const rule = [
    'name: First Comment',
    'description: You commented on a Bodhi update.',
    'creator: accolade',
    'discussion: https://example.org/first-comment',
    'image_url: https://example.org/first-comment.png',
    'trigger:',
    '  topic: bodhi.update.comment',
    'recipient: message.body["comment"]["user"]["name"]',
    '',
  ].join('\n');
  writeFileSync(join(app, 'rules', 'first-comment.yml'), rule);

  // Every public entry point is in the program, so every declaration they reach is checked.
  writeFileSync(join(app, 'surface.ts'), [
    "export * as core from '@accolade/core';",
    "export * as postgres from '@accolade/postgres';",
    "export * as fedora from '@accolade/fedora';",
    "export * as amqp from '@accolade/amqp';",
    "export * as cli from '@accolade/cli';",
    "export * as coreTesting from '@accolade/core/testing';",
    "export * as fedoraTesting from '@accolade/fedora/testing';",
    '',
  ].join('\n'));
  // A rules project's tests, under node:test: expectAwards on its rule, and the store conformance suites.
  writeFileSync(join(app, 'badges.test.ts'), [
    "import { describe, it } from 'node:test';",
    "import { MemoryAwardStore, MemoryHistoryStore } from '@accolade/core';",
    "import { describeAwardStoreConformance, describeHistoryStoreConformance, expectAwards } from '@accolade/core/testing';",
    '',
    "const comment = (id: string, name: string) => ({ id, topic: 'org.fedoraproject.prod.bodhi.update.comment', body: { comment: { user: { name } } } });",
    "it('awards First Comment once per commenter', async () => {",
    "  await expectAwards({ rules: 'rules/first-comment.yml', messages: [comment('m1', 'ralph'), comment('m2', 'ralph'), comment('m3', 'ann')],",
    "    awards: [{ badge_id: 'first-comment', user: 'ralph' }, { badge_id: 'first-comment', user: 'ann' }] });",
    '});',
    "describeHistoryStoreConformance('memory history', () => ({ store: new MemoryHistoryStore() }), { describe, it });",
    "describeAwardStoreConformance('memory awards', ({ optedOut, awards }) => ({ store: new MemoryAwardStore({ optedOut, awards }) }), { describe, it });",
    '',
  ].join('\n'));
  writeFileSync(join(app, 'bot.ts'), [
    "import { readFileSync } from 'node:fs';",
    "import { type AwardResult, MemoryAwardStore, MemoryHistoryStore, createEngine, loadRuleSource } from '@accolade/core';",
    '',
    "const file = 'rules/first-comment.yml';",
    "const { rule, issues } = loadRuleSource(readFileSync(file, 'utf8'), file);",
    "if (rule === null) throw new Error(issues.map((i) => i.message).join('; '));",
    'const engine = createEngine({ rules: [rule], history: new MemoryHistoryStore(), awards: new MemoryAwardStore() });',
    'const awards: AwardResult[] = await engine.process({',
    "  id: 'msg-1',",
    "  topic: 'org.fedoraproject.prod.bodhi.update.comment',",
    "  headers: { 'sent-at': '2024-05-01T12:00:00+00:00' },",
    "  body: { comment: { user: { name: 'ralph' } } },",
    "  agent_name: 'ralph',",
    '});',
    'for (const a of awards) console.log(`${a.user} ${a.badgeId} ${a.messageId}`);',
    '',
  ].join('\n'));

  // The TypeScript examples of the packages' READMEs are type-checked too (not run: they need servers).
  const examples = [];
  for (const name of PACKAGES) {
    const readme = readFileSync(join(root, 'packages', name, 'README.md'), 'utf8');
    [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].forEach((block, i) => {
      const example = `readme-${name}-${i + 1}.ts`;
      writeFileSync(join(app, example), `${block[1]}\nexport {};\n`);
      examples.push(example);
    });
  }

  const configs = {
    nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
    node16: { module: 'node16', moduleResolution: 'node16' },
    bundler: { module: 'esnext', moduleResolution: 'bundler' },
  };
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const [label, modes] of Object.entries(configs)) {
    const emit = label === 'nodenext';
    writeFileSync(join(app, `tsconfig.${label}.json`), JSON.stringify({
      compilerOptions: {
        ...modes, target: 'es2022', lib: ['es2023'], types: ['node'], strict: true, skipLibCheck: false,
        ...(emit ? { outDir: 'out' } : { noEmit: true }),
      },
      files: ['bot.ts', 'badges.test.ts', 'surface.ts', ...(emit ? [] : examples)],
    }, null, 2));
    check(`tsc (module ${label}, skipLibCheck false)`, 'node', [tsc, '-p', `tsconfig.${label}.json`], { cwd: app });
  }
  // No dependency's typings in our public surface: the program holds only our declarations, Node's and TypeScript's.
  const programFiles = run('node', [tsc, '-p', 'tsconfig.nodenext.json', '--listFilesOnly'], { cwd: app }).split('\n').filter(Boolean);
  const foreign = programFiles.filter((f) => f.includes('/node_modules/') && !/\/node_modules\/(@accolade|@types\/node|undici-types|typescript)\//.test(f));
  if (foreign.length > 0) fail(`the public declarations pull in other packages' typings:\n  ${foreign.join('\n  ')}`);

  const printed = check('running the bot', 'node', ['out/bot.js'], { cwd: app });
  if (printed !== null && printed.trim() !== 'ralph first-comment msg-1') fail(`the bot printed ${JSON.stringify(printed)}, expected "ralph first-comment msg-1"`);

  const tap = check('node --test on the rules project\'s tests (@accolade/core/testing)', 'node', ['--test', '--test-reporter=tap', 'out/badges.test.js'], { cwd: app });
  if (tap !== null && !/^# pass [1-9]\d*$/m.test(tap)) fail(`node --test ran no passing test:\n${tap}`);

  const accolade = join(app, 'node_modules', '.bin', 'accolade');
  check('accolade validate on a valid rule', accolade, ['validate', 'rules/first-comment.yml'], { cwd: app });
  writeFileSync(join(app, 'rules', 'bad.yml'), 'name: Bad\ntrigger:\n  topic: 3\n');
  try {
    run(accolade, ['validate', 'rules/bad.yml'], { cwd: app });
    fail('accolade validate accepted an invalid rule');
  } catch (error) {
    if (error.status !== 1 || !/rules\/bad\.yml:\d+:\d+: /.test(error.stderr)) fail(`accolade validate on an invalid rule: exit ${error.status}, stderr ${error.stderr}`);
    else console.log(`accolade validate on an invalid rule: exit 1\n${error.stderr.trimEnd()}`);
  }

  // 4. The CLI alone: no database or broker driver comes with it, and asking for a store says what to install.
  const cliOnly = join(work, 'cli-only');
  mkdirSync(cliOnly);
  writeFileSync(join(cliOnly, 'package.json'), JSON.stringify({ name: 'accolade-cli-only', private: true }, null, 2));
  // The CLI's own dependencies on core and fedora come from the tarballs, as the registry would give them.
  check('npm install of the CLI alone', 'npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', tarballs.cli, tarballs.core, tarballs.fedora], { cwd: cliOnly });
  const installed = run('npm', ['ls', '--all', '--parseable'], { cwd: cliOnly });
  for (const heavy of ['pg', '@electric-sql/pglite', 'amqplib', '@accolade/postgres', '@accolade/amqp']) {
    if (installed.split('\n').some((line) => line.endsWith(`/node_modules/${heavy}`))) fail(`installing @accolade/cli installed ${heavy}`);
  }
  writeFileSync(join(cliOnly, 'messages.jsonl'), '');
  writeFileSync(join(cliOnly, 'rule.yml'), rule);
  try {
    run(join(cliOnly, 'node_modules', '.bin', 'accolade'), ['replay', '--rules', 'rule.yml', '--store', 'pglite:memory', 'messages.jsonl'], { cwd: cliOnly });
    fail('accolade replay --store pglite:memory ran without @accolade/postgres');
  } catch (error) {
    if (error.status !== 2 || !error.stderr.includes('@accolade/postgres')) fail(`replay --store without @accolade/postgres: exit ${error.status}, stderr ${error.stderr}`);
    else console.log(`replay --store without @accolade/postgres: exit 2\n${error.stderr.trimEnd()}`);
  }
} finally {
  if (process.env.ACCOLADE_KEEP_PACK_DIR === '1') console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

if (failures > 0) {
  console.error(`${failures} packaging check(s) failed`);
  process.exit(1);
}
console.log('packages: all checks passed');
