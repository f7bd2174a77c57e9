/** Amounts as people type them, read without ever becoming a float (no React: tests import it). */

/**
 * What someone typed as an amount (a caseworker's split, an administrator's limit) → the API's
 * decimal string ("1196.00"), or null when it is not an amount. A decimal comma or point
 * followed by at most two decimals is the decimal mark, and the other mark before it groups
 * thousands ("1.196,50", "1,196.50", "598,5"); a mark followed by three digits only groups
 * ("1.196" is 1196). Spaces are ignored.
 */
export function parseAmountInput(text: string): string | null {
  const m = /^(-?)(\d[\d.,]*)$/.exec(text.replace(/[\s\u00a0]/g, ''));
  if (!m) return null;
  const negative = m[1] === '-';
  const body = m[2]!;
  const GROUPED = /^\d{1,3}([.,]\d{3})+$/;
  let whole: string;
  let frac = '';
  const last = Math.max(body.lastIndexOf(','), body.lastIndexOf('.'));
  if (last < 0) whole = body;
  else {
    const mark = body[last]!;
    const after = body.slice(last + 1);
    const before = body.slice(0, last);
    const single = !before.includes(mark);
    if (single && after.length <= 2) {
      // the decimal mark; what precedes may group thousands with the other mark
      if (/[.,]/.test(before) && !GROUPED.test(before)) return null;
      whole = before.replace(/[.,]/g, '');
      frac = after;
    } else {
      // grouping only ("1.196", "1,196,000", "1.196.000")
      if (!GROUPED.test(body) || !body.split(/\d+/).every((c) => c === '' || c === mark)) return null;
      whole = body.replace(/[.,]/g, '');
    }
  }
  const digits = whole.replace(/^0+(?=\d)/, '');
  if (digits.length > 13) return null;
  const cents = frac.padEnd(2, '0');
  const sign = negative && /[1-9]/.test(digits + cents) ? '-' : '';
  return `${sign}${digits}.${cents}`;
}
