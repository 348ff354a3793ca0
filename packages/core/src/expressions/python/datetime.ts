// The two functions' own modules: the package index loads all of date-fns, 300 files, on every start-up.
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';
import { formatNumber } from './numbers.js';
import { PyDateTime, PyTimeDelta } from './values.js';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `2024-05-01 12:00:00+00:00` (str) or with 'T' (isoformat), as Python prints an aware UTC datetime. */
export function formatDateTime(value: PyDateTime, separator: string): string {
  const d = value.toDate();
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const ms = d.getUTCMilliseconds();
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${ms ? `.${pad(ms * 1000, 6)}` : ''}`;
  return `${date}${separator}${time}+00:00`;
}

export function formatTimeDelta(value: PyTimeDelta): string {
  const totalSeconds = value.ms / 1000;
  const days = Math.floor(totalSeconds / 86400);
  const rest = totalSeconds - days * 86400;
  const h = Math.floor(rest / 3600);
  const m = Math.floor((rest % 3600) / 60);
  const s = rest % 60;
  const seconds = Number.isInteger(s) ? pad(s) : formatNumber(s).padStart(9, '0');
  const clock = `${h}:${pad(m)}:${seconds}`;
  if (days === 0) return clock;
  return `${days} day${Math.abs(days) === 1 ? '' : 's'}, ${clock}`;
}

/**
 * A point in time from what messages and rules carry: an ISO 8601 string
 * (a missing zone means UTC, as datanommer stores naive UTC), epoch seconds,
 * a Date or a datetime. Returns null when the value is none of these.
 */
export function toDateTime(value: unknown): PyDateTime | null {
  if (value instanceof PyDateTime) return value;
  if (value instanceof Date) return isValid(value) ? new PyDateTime(value.getTime()) : null;
  if (typeof value === 'number' && Number.isFinite(value)) return new PyDateTime(Math.round(value * 1000));
  if (typeof value === 'string') {
    const parsed = parseISO(normaliseIso(value.trim()));
    return isValid(parsed) ? new PyDateTime(parsed.getTime()) : null;
  }
  return null;
}

export function isoformat(value: PyDateTime): string {
  return formatDateTime(value, 'T');
}

/** A zoneless time means UTC (datanommer stores naive UTC); a bare date means its UTC midnight. */
function normaliseIso(text: string): string {
  const withT = text.replace(/^(\d{4}-?\d\d-?\d\d) (?=\d)/, '$1T');
  if (!withT.includes('T')) return `${withT}T00:00:00Z`;
  return /(Z|[+-]\d\d(:?\d\d)?)$/i.test(withT) ? withT : `${withT}Z`;
}

export const DATETIME_ATTRIBUTES: Record<string, (d: Date) => number> = {
  year: (d) => d.getUTCFullYear(),
  month: (d) => d.getUTCMonth() + 1,
  day: (d) => d.getUTCDate(),
  hour: (d) => d.getUTCHours(),
  minute: (d) => d.getUTCMinutes(),
  second: (d) => d.getUTCSeconds(),
  microsecond: (d) => d.getUTCMilliseconds() * 1000,
};
