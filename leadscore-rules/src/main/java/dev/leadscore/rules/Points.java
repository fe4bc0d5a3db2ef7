package dev.leadscore.rules;

/**
 * The grid points live on. Every rule's points are rounded to a multiple of 2<sup>-20</sup>
 * (about one millionth of a point, far below anything a person reads), and a rule set's total
 * attainable magnitude is kept below 2<sup>31</sup> points. A double then holds every partial sum
 * of such values exactly (52 significant bits suffice), so the contributions of an explanation
 * add up to the raw total bit for bit, in whatever order they are added. Stateless.
 */
final class Points {
  private Points() {}

  /** Grid resolution: 2^20 steps per point. */
  static final double STEPS_PER_POINT = 1048576.0;
  /** Largest total magnitude a rule set may reach: 2^31 points. */
  static final double MAX_MAGNITUDE = 2147483648.0;

  /** {@code x} rounded to the grid (half to even), never negative zero. */
  static double q(double x) {
    return Math.rint(x * STEPS_PER_POINT) / STEPS_PER_POINT + 0.0;
  }

  /** {@code x} clamped to {@code [lo, hi]}. */
  static double clamp(double x, double lo, double hi) {
    return x < lo ? lo : x > hi ? hi : x;
  }
}
