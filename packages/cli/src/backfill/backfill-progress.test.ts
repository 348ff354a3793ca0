import { describe, expect, it } from 'vitest';
import { BackfillProgress, duration, progressLine } from './backfill-progress.js';

describe('backfill progress', () => {
  it('says done of total, the share, the rate, the time left and the awards', () => {
    expect(progressLine(250_000, 1_000_000, 1_234, 500)).toBe('backfill: 250,000 of 1,000,000 messages (25.0 %), 500 msg/s, ETA 25m 00s, 1,234 awards');
    expect(progressLine(0, 0, 0, 0)).toBe('backfill: 0 of 0 messages, 0 msg/s, 0 awards');
    expect(duration(3 * 3600 + 125)).toBe('3h 02m');
    expect(duration(59.4)).toBe('59s');
  });

  it('writes a line every interval when stderr is not a terminal, and redraws one on a terminal', () => {
    let t = 0;
    const log: string[] = [];
    const plain = new BackfillProgress({ stdout: () => {}, stderr: (s) => log.push(s), stderrIsTty: false }, () => t, { everyMs: 10_000 });
    for (t = 0; t <= 30_000; t += 1_000) plain.tick(() => `at ${t}`);
    expect(log).toEqual(['at 10000\n', 'at 20000\n', 'at 30000\n']);

    const screen: string[] = [];
    const tty = new BackfillProgress({ stdout: () => {}, stderr: (s) => screen.push(s), stderrIsTty: true }, () => t, { everyMs: 250 });
    t += 300;
    tty.tick(() => 'one');
    tty.finish('done');
    expect(screen).toEqual(['\r\x1b[2Kone', '\r\x1b[2K', 'done\n']);
  });
});
