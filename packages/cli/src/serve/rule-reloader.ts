import { type CompiledRule, type RuleIssue, formatIssue, loadRuleFiles } from '@accolade/core';
import { type FSWatcher, watch } from 'chokidar';

export interface ReloadOutcome {
  rules: CompiledRule[] | null;
  issues: RuleIssue[];
}

/** Load the rule set; `rules` is null when it has errors (the running set is then kept). */
export async function loadRuleSet(paths: readonly string[]): Promise<ReloadOutcome> {
  const { rules, issues } = await loadRuleFiles(paths);
  return { rules: issues.some((i) => i.severity === 'error') ? null : rules, issues };
}

export const issueLine = (issue: RuleIssue): { at: string; severity: string; text: string } => ({
  at: `${issue.file}:${issue.line}:${issue.column}`, severity: issue.severity, text: formatIssue(issue),
});

/**
 * Reload on SIGHUP and when a rule file changes (after a short quiet time,
 * so an editor's save or a `git pull` is one reload). Reloads never overlap.
 */
export class RuleReloader {
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<void> = Promise.resolve();
  private readonly onHup = (): void => this.request('SIGHUP');

  constructor(private readonly paths: readonly string[], private readonly reload: (why: string) => Promise<void>, private readonly quietMs = 300) {}

  start(watchFiles: boolean): void {
    process.on('SIGHUP', this.onHup);
    if (!watchFiles) return;
    this.watcher = watch([...this.paths], {
      ignoreInitial: true,
      ignored: (path: string) => /(^|[\\/])(node_modules|\.[^\\/]+)([\\/]|$)/.test(path),
    });
    this.watcher.on('all', (_event: string, path: string) => {
      if (/\.ya?ml$/i.test(path) || !/\.[^\\/]+$/.test(path)) this.request(`change in ${path}`);
    });
  }

  private request(why: string): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.busy = this.busy.then(() => this.reload(why)).catch(() => {});
    }, why === 'SIGHUP' ? 0 : this.quietMs);
  }

  async close(): Promise<void> {
    process.off('SIGHUP', this.onHup);
    if (this.timer !== null) clearTimeout(this.timer);
    await this.watcher?.close();
    await this.busy;
  }
}
