package dev.leadscore.core.schema;

import java.util.List;

/**
 * How much an event counts as it ages. Ages are in days (fractional), measured back from the
 * scoring instant {@code asOf}; an event at {@code asOf} has age 0 and weight 1 under every decay.
 *
 * <p>All implementations are immutable records, safe to share between threads.
 */
public sealed interface Decay permits Decay.None, Decay.HalfLife, Decay.StepSchedule {

  /** The weight of one event of the given age in days ({@code ageDays >= 0}). */
  double weight(double ageDays);

  /** No decay: every event in the window counts 1. */
  static Decay none() {
    return None.INSTANCE;
  }

  /** Exponential decay: weight {@code 0.5^(age / halfLifeDays)}. */
  static Decay halfLife(double halfLifeDays) {
    return new HalfLife(halfLifeDays);
  }

  /** The schedule 1.0 up to 7 days, 0.75 up to 30, 0.5 up to 90, 0.25 beyond. */
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
  }

  /**
   * Exponential half-life decay.
   *
   * @param days the half-life in days, finite and {@code > 0}
   */
  record HalfLife(double days) implements Decay {
    /** @throws IllegalArgumentException if the half-life is not finite and positive */
    public HalfLife {
      if (!(days > 0) || !Double.isFinite(days)) {
        throw new IllegalArgumentException("half-life days must be finite and > 0, got " + days);
      }
    }

    @Override
    public double weight(double ageDays) {
      return Math.pow(0.5, ageDays / days);
    }
  }

  /**
   * One band of a step schedule: events up to and including {@code upToDays} old weigh
   * {@code weight}.
   */
  record Step(double upToDays, double weight) {
    /** @throws IllegalArgumentException for a negative or non-finite bound or weight */
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
    /** @throws IllegalArgumentException for empty or unordered steps or a bad {@code beyond} */
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
  }
}
