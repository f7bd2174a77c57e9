/** EAN/GLN location numbers: 13 digits, the last a GS1 modulo-10 check digit. */

export function gs1CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const d = first12.charCodeAt(i) - 48;
    sum += i % 2 === 0 ? d : d * 3;
  }
  return (10 - (sum % 10)) % 10;
}

/** True for 13 digits with a correct GS1 check digit. */
export function isValidEan(ean: string): boolean {
  if (!/^\d{13}$/.test(ean)) return false;
  return gs1CheckDigit(ean.slice(0, 12)) === ean.charCodeAt(12) - 48;
}
