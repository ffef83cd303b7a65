// Edit distance for "did you mean": insertions, deletions, substitutions and swaps of two neighbours
// (`Decrpyt`), each costing one. Only distances up to a small bound matter, so the table is computed in a
// band around its diagonal and abandoned as soon as a whole row exceeds the bound: O(bound × length).

/** The distance between `a` and `b` when it is at most `bound`, else `bound + 1`. */
export function boundedEditDistance(a: string, b: string, bound: number): number {
  const over = bound + 1;
  if (Math.abs(a.length - b.length) > bound) return over;
  if (a === b) return 0;
  const width = b.length + 1;
  let beforePrevious = new Array<number>(width).fill(over);
  let previous = new Array<number>(width).fill(over);
  let current = new Array<number>(width).fill(over);
  for (let j = 0; j <= Math.min(b.length, bound); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current.fill(over);
    if (i <= bound) current[0] = i;
    const from = Math.max(1, i - bound);
    const to = Math.min(b.length, i + bound);
    let rowMin = current[0];
    for (let j = from; j <= to; j++) {
      const substitution = previous[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      let best = Math.min(substitution, previous[j] + 1, current[j - 1] + 1);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        best = Math.min(best, beforePrevious[j - 2] + 1);
      }
      current[j] = Math.min(best, over);
      if (current[j] < rowMin) rowMin = current[j];
    }
    if (rowMin > bound) return over;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return Math.min(previous[b.length], over);
}

/** How many edits a typo in a name of this length may plausibly hold. */
export function typoBound(name: string): number {
  if (name.length <= 3) return 1;
  if (name.length <= 8) return 2;
  return 3;
}
