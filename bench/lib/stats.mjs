/** Median and range of the rounds that produced a number; the others are counted as missing. */
export function summarize(values) {
  const nums = values.filter((v) => typeof v == 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (!nums.length) return { median: null, min: null, max: null, n: 0, missing: values.length };
  const mid = nums.length >> 1;
  const median = nums.length % 2 ? nums[mid] : (nums[mid - 1] + nums[mid]) / 2;
  return { median, min: nums[0], max: nums[nums.length - 1], n: nums.length, missing: values.length - nums.length };
}

/** Round r visits the targets starting at a different one, so no target always goes first. */
export const rotate = (list, r) => list.map((_, i) => list[(i + r) % list.length]);
