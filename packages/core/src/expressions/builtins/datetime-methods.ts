import { valueError } from '../errors.js';
import { DATETIME_ATTRIBUTES, isoformat } from '../python/datetime.js';
import { PyBuiltin, PyDateTime, PyTimeDelta, type Signature } from '../python/values.js';

type Impl<T> = (self: T, args: readonly unknown[]) => unknown;
const method = <T>(name: string, sig: Signature, impl: Impl<T>): PyBuiltin =>
  new PyBuiltin(name, { ...sig, min: sig.min + 1, max: sig.max + 1 }, ([self, ...args]) => impl(self as T, args));

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const weekday = (d: Date): number => (d.getUTCDay() + 6) % 7;

function strftime(value: PyDateTime, format: unknown): string {
  if (typeof format !== 'string') throw valueError('strftime() argument must be str');
  const d = value.toDate();
  const dayOfYear = Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  return format.replace(/%([a-zA-Z%])/g, (whole, code: string) => {
    switch (code) {
      case 'Y': return pad(d.getUTCFullYear(), 4);
      case 'y': return pad(d.getUTCFullYear() % 100);
      case 'm': return pad(d.getUTCMonth() + 1);
      case 'd': return pad(d.getUTCDate());
      case 'H': return pad(d.getUTCHours());
      case 'I': return pad(((d.getUTCHours() + 11) % 12) + 1);
      case 'p': return d.getUTCHours() < 12 ? 'AM' : 'PM';
      case 'M': return pad(d.getUTCMinutes());
      case 'S': return pad(d.getUTCSeconds());
      case 'f': return pad(d.getUTCMilliseconds() * 1000, 6);
      case 'j': return pad(dayOfYear, 3);
      case 'a': return DAYS[weekday(d)]!.slice(0, 3);
      case 'A': return DAYS[weekday(d)]!;
      case 'b': return MONTHS[d.getUTCMonth()]!.slice(0, 3);
      case 'B': return MONTHS[d.getUTCMonth()]!;
      case 'w': return String(d.getUTCDay());
      case 'z': return '+0000';
      case 'Z': return 'UTC';
      case '%': return '%';
      default: return whole;
    }
  });
}

export const DATETIME_METHODS: ReadonlyMap<string, PyBuiltin> = new Map([
  method<PyDateTime>('isoformat', { min: 0, max: 0 }, (self) => isoformat(self)),
  method<PyDateTime>('timestamp', { min: 0, max: 0 }, (self) => self.ms / 1000),
  method<PyDateTime>('weekday', { min: 0, max: 0 }, (self) => weekday(self.toDate())),
  method<PyDateTime>('isoweekday', { min: 0, max: 0 }, (self) => weekday(self.toDate()) + 1),
  method<PyDateTime>('strftime', { min: 1, max: 1 }, (self, [f]) => strftime(self, f)),
].map((m) => [m.name, m] as const));

export const TIMEDELTA_METHODS: ReadonlyMap<string, PyBuiltin> = new Map([
  method<PyTimeDelta>('total_seconds', { min: 0, max: 0 }, (self) => self.ms / 1000),
].map((m) => [m.name, m] as const));

/** Read-only attributes: `dt.year`, `delta.days`... */
export function datetimeAttribute(value: PyDateTime | PyTimeDelta, name: string): { found: boolean; value?: number } {
  if (value instanceof PyDateTime) {
    if (!Object.hasOwn(DATETIME_ATTRIBUTES, name)) return { found: false };
    return { found: true, value: DATETIME_ATTRIBUTES[name]!(value.toDate()) };
  }
  const seconds = value.ms / 1000;
  const days = Math.floor(seconds / 86400);
  switch (name) {
    case 'days': return { found: true, value: days };
    case 'seconds': return { found: true, value: Math.floor(seconds - days * 86400) };
    case 'microseconds': return { found: true, value: Math.round((value.ms % 1000 + 1000) % 1000) * 1000 };
    default: return { found: false };
  }
}
