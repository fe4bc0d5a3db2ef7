package dev.leadscore.core.ops;

/**
 * The two arms of a champion/challenger {@link Experiment}.
 *
 * <p>Enum constants are immutable and safe to share between threads.
 */
public enum Arm {
  /** The scorer in production today; most leads are usually assigned to it. */
  CHAMPION,
  /** The candidate scorer being tried on a share of the leads. */
  CHALLENGER;

  /** {@return the other arm} */
  public Arm other() {
    return this == CHAMPION ? CHALLENGER : CHAMPION;
  }
}
