package dev.leadscore.core.schema;

import java.util.List;

/**
 * How much an event counts as it ages. Ages are measured back from the scoring instant
 * {@code asOf}, in days ({@link #weight(double)}) or in whole milliseconds
 * ({@link #weightMillis(long)}, the form the rule scorer has); an event at {@code asOf} has age 0
 * and weight 1 under {@link #none()} and {@link HalfLife}, and a half-life never weighs an older
 * event more.
 *
 * <p>Weights are the same bits on every JVM and CPU: they are defined with strict arithmetic and
 * {@link StrictMath} only (see {@link HalfLife}), never with a {@code Math} intrinsic whose last
 * bit varies, so a saved model scores identically wherever it is loaded.
 *
 * <p>All implementations are immutable, safe to share between threads.
 */
public sealed interface Decay permits Decay.None, Decay.HalfLife, Decay.StepSchedule {

  /**
   * The weight of one event of the given age in days ({@code ageDays >= 0}); how a fractional
   * age is read is each decay's own (see {@link HalfLife#weight(double)}).
   *
   * @param ageDays the event's age in days, {@code >= 0}
   * @return its weight, 0–1
   */
  double weight(double ageDays);

  /**
   * The weight of one event {@code ageMillis >= 0} whole milliseconds old, for callers that hold
   * integer ages: {@code weight(ageMillis / 86_400_000.0)}, bit for bit, for every age under a
   * step schedule or no decay, and for every age below 2^51 ms (71,000 years) under a half-life,
   * which is defined on whole milliseconds and skips the round trip through days here.
   *
   * @param ageMillis the event's age in milliseconds, {@code >= 0}
   * @return its weight, 0–1
   */
  double weightMillis(long ageMillis);

  /**
   * No decay: every event in the window counts 1.
   *
   * @return the decay that weighs every event 1
   */
  static Decay none() {
    return None.INSTANCE;
  }

  /**
   * Exponential decay: weight about {@code 0.5^(age / halfLifeDays)}, exactly as {@link HalfLife} defines it.
   *
   * @param halfLifeDays the half-life in days
   * @return the decay
   */
  static Decay halfLife(double halfLifeDays) {
    return new HalfLife(halfLifeDays);
  }

  /** {@return the schedule 1.0 up to 7 days, 0.75 up to 30, 0.5 up to 90, 0.25 beyond} */
  static Decay standardSteps() {
    return new StepSchedule(List.of(new Step(7, 1.0), new Step(30, 0.75), new Step(90, 0.5)), 0.25);
  }

  /** No decay. */
  enum None implements Decay {
    /** The only instance. */
    INSTANCE;

    @Override
    public double weight(double ageDays) {
      return 1.0;
    }

    @Override
    public double weightMillis(long ageMillis) {
      return 1.0;
    }
  }

  /**
   * Exponential half-life decay: an event loses half its weight every half-life, and loses it
   * in the same bits on every JVM.
   *
   * <p><b>Definition.</b> Let {@code h = rint(days × 86,400,000)}, the half-life in whole
   * milliseconds, at least 1 and at most 2^52; and {@code t} the age in whole milliseconds
   * (at most 2^62: older is read as 2^62). With {@code q = t / h} and {@code r = t % h} (integer
   * division), the weight is {@code 2^-q × F(r)} rounded once, where {@code F(r)} is the product,
   * taken from the lowest base-256 digit {@code d_j} of {@code r} up, of the factors
   * {@code T_j[d_j] = StrictMath.pow(0.5, d_j·256^j / h)} (each lowered where needed to
   * {@code T_j[d-1] × F(256^j - 1)}, which keeps the weight non-increasing across every carry;
   * it only bites for half-lives of many millennia), floored at 0.5. So whole half-lives are
   * exact ({@code weight(k·days) = 2^-k}), and a weight differs from
   * {@code StrictMath.pow(0.5, ageDays / days)} by at most a few ulps when {@code days} is a
   * whole number of milliseconds (the bound is stated and checked in {@code DecayProperties});
   * otherwise also by the rounding of the half-life to a millisecond. The factor tables are
   * built once, in the constructor, and take at most 12.4 KB (7.4 KB for 30 days).
   *
   * <p>Equality, hash code and text are those of a record with the one component {@code days};
   * the tables are derived from it.
   */
  final class HalfLife implements Decay {
    private final double days;
    private final HalfLifeTable table;

    /**
     * @param days the half-life in days, finite and {@code > 0}
     * @throws IllegalArgumentException if the half-life is not finite and positive
     */
    public HalfLife(double days) {
      if (!(days > 0) || !Double.isFinite(days)) {
        throw new IllegalArgumentException("half-life days must be finite and > 0, got " + days);
      }
      this.days = days;
      this.table = new HalfLifeTable(days);
    }

    /** {@return the half-life in days, as declared} */
    public double days() {
      return days;
    }

    /**
     * The weight at a fractional age: {@code ageDays × 86,400,000} rounded to the nearest whole
     * millisecond (ties to even), then {@link #weightMillis(long)}. Ages computed as a whole
     * number of milliseconds over 86,400,000 therefore map back to that number exactly.
     *
     * @throws IllegalArgumentException for a negative or NaN age
     */
    @Override
    public double weight(double ageDays) {
      return table.weightOfDays(ageDays);
    }

    /**
     * The weight as the class comment defines it.
     *
     * @throws IllegalArgumentException for a negative age
     */
    @Override
    public double weightMillis(long ageMillis) {
      return table.weightOfMillis(ageMillis);
    }

    /** The tables, for extraction's per-event path. */
    HalfLifeTable table() {
      return table;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof HalfLife other && Double.compare(days, other.days) == 0;
    }

    @Override
    public int hashCode() {
      return Double.hashCode(days);
    }

    @Override
    public String toString() {
      return "HalfLife[days=" + days + "]";
    }
  }

  /**
   * One band of a step schedule: events up to and including {@code upToDays} old weigh
   * {@code weight}.
   */
  record Step(double upToDays, double weight) {
    /**
     * @param upToDays the band's upper age in days, inclusive, {@code >= 0}
     * @param weight the weight of an event in the band, finite and {@code >= 0}
     * @throws IllegalArgumentException for a negative or non-finite bound or weight
     */
    public Step {
      if (!(upToDays >= 0) || !Double.isFinite(upToDays)) {
        throw new IllegalArgumentException("step upToDays must be finite and >= 0, got " + upToDays);
      }
      if (!(weight >= 0) || !Double.isFinite(weight)) {
        throw new IllegalArgumentException("step weight must be finite and >= 0, got " + weight);
      }
    }
  }

  /**
   * A step schedule: the first step whose {@code upToDays} is at least the age gives the weight;
   * older events weigh {@code beyond}.
   *
   * @param steps non-empty, strictly increasing {@code upToDays}
   * @param beyond weight of events older than the last step, finite and {@code >= 0}
   */
  record StepSchedule(List<Step> steps, double beyond) implements Decay {
    /**
     * @param steps non-empty, strictly increasing {@code upToDays}
     * @param beyond weight of events older than the last step, finite and {@code >= 0}
     * @throws IllegalArgumentException for empty or unordered steps or a bad {@code beyond}
     */
    public StepSchedule {
      steps = List.copyOf(steps);
      if (steps.isEmpty()) {
        throw new IllegalArgumentException("a step schedule needs at least one step");
      }
      for (int i = 1; i < steps.size(); i++) {
        if (!(steps.get(i).upToDays() > steps.get(i - 1).upToDays())) {
          throw new IllegalArgumentException("step upToDays must be strictly increasing, got "
              + steps.get(i - 1).upToDays() + " then " + steps.get(i).upToDays());
        }
      }
      if (!(beyond >= 0) || !Double.isFinite(beyond)) {
        throw new IllegalArgumentException("step beyond weight must be finite and >= 0, got " + beyond);
      }
    }

    @Override
    public double weight(double ageDays) {
      // Index loop: the rule scorer calls this once per counted event.
      for (int i = 0, n = steps.size(); i < n; i++) {
        Step s = steps.get(i);
        if (ageDays <= s.upToDays()) {
          return s.weight();
        }
      }
      return beyond;
    }

    @Override
    public double weightMillis(long ageMillis) {
      return weight(ageMillis / HalfLifeTable.MILLIS_PER_DAY);
    }
  }
}
