// Shared by the browser and Node benchmarks: every figure is a ratio to a baseline measured in
// the same process, subjects interleaved round by round, because the machine is shared and noisy.

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Runs `warmup` unrecorded rounds, then `rounds` recorded ones. A round runs every subject once;
 * the order alternates each round so neither side always runs first (JIT state, GC debt, cache).
 * `run(subject, round)` returns milliseconds (or any cost). The first subject is the baseline.
 * Returns, per subject: its median cost and the median of its per-round ratios to the baseline.
 */
export async function interleave(subjects, run, { warmup, rounds }) {
  const costs = Object.fromEntries(subjects.map((s) => [s, []]))
  for (let r = 0; r < warmup + rounds; r++) {
    const order = r % 2 ? [...subjects].reverse() : subjects
    const round = {}
    for (const subject of order) round[subject] = await run(subject, r)
    if (r >= warmup) for (const subject of subjects) costs[subject].push(round[subject])
  }
  const [baseline] = subjects
  const result = {}
  for (const subject of subjects) {
    const ratios = costs[subject].map((cost, i) => cost / costs[baseline][i])
    const diffs = costs[subject].map((cost, i) => cost - costs[baseline][i])
    result[subject] = {
      median: median(costs[subject]),
      ratio: median(ratios),
      diff: median(diffs),
      // A second estimator that shrugs off preemption: the fastest run of each side.
      bestRatio: Math.min(...costs[subject]) / Math.min(...costs[baseline]),
      // The spread of the per-round ratios, so a reader can see how noisy the run was.
      ratioMin: Math.min(...ratios),
      ratioMax: Math.max(...ratios),
      rounds: costs[subject].length,
    }
  }
  return result
}
