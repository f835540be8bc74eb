/** AI spend in dollars: tenths of a cent matter below $1, but zero reads "$0", never "$0.000". */
export function usd(n: number): string {
  if (n === 0) return '$0';
  const text = n.toFixed(n < 1 ? 3 : 2);
  return `$${n < 1 ? text.replace(/0+$/, '').replace(/\.$/, '') : text}`;
}
