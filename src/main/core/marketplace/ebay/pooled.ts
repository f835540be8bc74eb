/** Bounded parallelism for eBay calls: eBay throttles bursts, and order matters to the caller. */

/** Runs `work` over `list` with at most `n` at a time, keeping order in the answers. */
export async function pooled<T, R>(list: T[], n: number, work: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(list.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, list.length) }, async () => {
      while (next < list.length) {
        const i = next++;
        out[i] = await work(list[i]!);
      }
    }),
  );
  return out;
}
