import { describe, expect, it } from 'vitest';
import type { CliIo } from './cli-io.js';
import { Progress, formatProgress } from './progress.js';

const io = (log: string[], stderrIsTty: boolean): CliIo => ({ stdout: () => {}, stderr: (s) => { log.push(s); }, stderrIsTty });

describe('progress', () => {
  it('says done of total, the share, the rate, the time left, the awards and the lines skipped', () => {
    const counts = { label: 'replay', done: 120_000, unit: 'lines', rateUnit: 'lines/s', elapsedSeconds: 12 };
    expect(formatProgress({ ...counts, total: 300_000, awards: 1, skipped: 3 })).toBe('replay: 120,000 of 300,000 lines (40.0 %), 10,000 lines/s, ETA 18s, 1 award, 3 skipped');
    // Standard input has no total: no share and no time left.
    expect(formatProgress({ ...counts, awards: 2, skipped: 0 })).toBe('replay: 120,000 lines, 10,000 lines/s, 2 awards');
    expect(formatProgress({ ...counts, done: 300_000, total: 300_000 })).toBe('replay: 300,000 of 300,000 lines (100.0 %), 25,000 lines/s');
  });

  it('off a terminal writes a line every interval (a short run writes none), and says whether it did', () => {
    let t = 0;
    const log: string[] = [];
    const plain = new Progress(io(log, false), { now: () => t, everyMs: 5_000, drawAtOnce: true });
    for (t = 0; t < 5_000; t += 1_000) plain.update(() => `at ${t}`);
    expect(log).toEqual([]);
    expect(plain.logged).toBe(false);
    for (; t <= 12_000; t += 1_000) plain.update(() => `at ${t}`);
    expect(log).toEqual(['at 5000\n', 'at 10000\n']);
    expect(plain.logged).toBe(true);
    plain.finish('end');
    expect(log.at(-1)).toBe('end\n');
  });

  it('on a terminal draws at once when asked, redraws in place, and wipes its line', () => {
    let t = 0;
    const screen: string[] = [];
    const tty = new Progress(io(screen, true), { now: () => t, everyMs: 250, drawAtOnce: true });
    tty.update(() => 'one');
    t += 100;
    tty.update(() => 'too soon');
    t += 200;
    tty.update(() => 'two');
    tty.clear();
    tty.clear();
    tty.finish();
    expect(screen).toEqual(['\r\x1b[2Kone', '\r\x1b[2Ktwo', '\r\x1b[2K']);
  });

  it('says nothing when disabled', () => {
    let t = 0;
    const log: string[] = [];
    const off = new Progress(io(log, false), { now: () => t, everyMs: 1, enabled: false });
    for (; t < 100; t++) off.update(() => 'x');
    off.finish('end');
    expect(log).toEqual([]);
  });
});
