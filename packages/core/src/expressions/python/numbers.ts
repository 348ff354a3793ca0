/**
 * Python's repr() of a float. JavaScript and Python both print the shortest
 * digits that round-trip; they differ in when they switch to exponent form
 * (Python: exponent < -4 or >= 16) and in how the exponent is written.
 * Integral numbers are ints here, so they print without a fraction.
 */
export function formatNumber(x: number): string {
  // Beyond 1e16 a JSON integer has already lost precision in JavaScript, so such a value prints as the float it is.
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return String(x === 0 ? 0 : x);
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  const exponent = Number(exp);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  let body: string;
  if (exponent < -4 || exponent >= 16) {
    const frac = digits.slice(1);
    const sign = exponent < 0 ? '-' : '+';
    body = `${digits[0]}${frac ? `.${frac}` : ''}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  } else if (exponent < 0) {
    body = `0.${'0'.repeat(-exponent - 1)}${digits}`;
  } else {
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    const frac = digits.slice(exponent + 1);
    body = `${whole}.${frac || '0'}`;
  }
  return negative ? `-${body}` : body;
}

/**
 * Python's round(): to the nearest, ties to even. Ties are judged on the
 * exact binary value, as Python does, so round(2.675, 2) is 2.67.
 */
export function roundHalfEven(x: number, digits = 0): number {
  if (!Number.isFinite(x)) return x;
  if (digits < 0 || digits > 60) {
    if (digits > 0) return x;
    // Beyond 10**308 every finite number rounds to 0, as in Python (not NaN from 0 * Infinity).
    if (digits < -308) return 0;
    const factor = 10 ** -digits;
    return roundHalfEven(x / factor) * factor;
  }
  // toFixed with spare digits shows the exact decimal value of the double.
  const exact = Math.abs(x).toFixed(digits + 40);
  const cut = exact.length - 40;
  const isTie = /^50*$/.test(exact.slice(cut));
  if (!isTie) return Number(x.toFixed(digits));
  const kept = exact.slice(0, cut).replace(/\.$/, '');
  const lastDigit = Number(kept.replace('.', '').slice(-1));
  const step = 10 ** -digits;
  const down = Number(kept);
  const magnitude = lastDigit % 2 === 0 ? down : Number((down + step).toFixed(digits));
  return x < 0 ? -magnitude : magnitude;
}
