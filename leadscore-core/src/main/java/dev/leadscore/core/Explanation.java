package dev.leadscore.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Why a lead scored what it did: a base value plus one signed contribution per feature, which add
 * up exactly to the scorer's raw output (the logit for a model, the raw points for rules).
 *
 * <p>Contributions are ordered by contribution, largest first; ties are broken by feature name,
 * so the order is deterministic. {@link #topReasons()} are the up to three largest positive
 * contributions and {@link #risks()} the up to three most negative ones. {@link #fit()} and
 * {@link #intent()} split the total by family: who the lead is versus what the lead does.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Explanation {
  /** The unit of a learned model's contributions. */
  public static final String LOG_ODDS = "log-odds";
  /** The unit of the rule baseline's contributions. */
  public static final String POINTS = "points";
  /** How many reasons and risks the short lists hold. */
  public static final int SHORT_LIST = 3;

  private static final Comparator<Reason> ORDER =
      Comparator.comparingDouble(Reason::contribution).reversed().thenComparing(Reason::feature);

  private final String unit;
  private final double baseValue;
  private final List<Reason> contributions;

  private Explanation(String unit, double baseValue, List<Reason> contributions) {
    this.unit = Objects.requireNonNull(unit, "unit");
    if (!Double.isFinite(baseValue)) {
      throw new IllegalArgumentException("base value must be finite, got " + baseValue);
    }
    this.baseValue = baseValue;
    List<Reason> sorted = new ArrayList<>(contributions);
    sorted.sort(ORDER);
    this.contributions = Collections.unmodifiableList(sorted);
  }

  /**
   * An explanation from its parts.
   *
   * @param unit {@link #LOG_ODDS}, {@link #POINTS} or another unit name
   * @param baseValue the output for an average lead, in that unit
   * @param contributions one per feature, any order
   */
  public static Explanation of(String unit, double baseValue, List<Reason> contributions) {
    return new Explanation(unit, baseValue, contributions);
  }

  /** {@return the unit contributions are in} */
  public String unit() {
    return unit;
  }

  /** {@return the output for a lead at the background average, in {@link #unit()}} */
  public double baseValue() {
    return baseValue;
  }

  /** {@return every contribution, largest first, ties by feature name (unmodifiable)} */
  public List<Reason> contributions() {
    return contributions;
  }

  /** {@code baseValue + Σ contributions}: the scorer's raw output for this lead. */
  public double total() {
    double sum = baseValue;
    for (Reason r : contributions) {
      sum += r.contribution();
    }
    return sum;
  }

  /** Up to three positive contributions, largest first. */
  public List<Reason> topReasons() {
    List<Reason> out = new ArrayList<>(SHORT_LIST);
    for (Reason r : contributions) {
      if (out.size() == SHORT_LIST || r.contribution() <= 0) {
        break;
      }
      out.add(r);
    }
    return Collections.unmodifiableList(out);
  }

  /** Up to three negative contributions, most negative first, ties by feature name. */
  public List<Reason> risks() {
    List<Reason> negative = new ArrayList<>();
    for (int i = contributions.size() - 1; i >= 0 && contributions.get(i).contribution() < 0; i--) {
      negative.add(contributions.get(i));
    }
    negative.sort(Comparator.comparingDouble(Reason::contribution).thenComparing(Reason::feature));
    return Collections.unmodifiableList(new ArrayList<>(negative.subList(0, Math.min(SHORT_LIST, negative.size()))));
  }

  /** Sum of contributions per family, in first-seen order of the sorted contributions. */
  public Map<String, Double> byFamily() {
    Map<String, Double> m = new LinkedHashMap<>();
    for (Reason r : contributions) {
      m.merge(r.family(), r.contribution(), Double::sum);
    }
    return Collections.unmodifiableMap(m);
  }

  /** Sum of firmographic contributions: who the lead is. */
  public double fit() {
    return byFamily().getOrDefault("firmographic", 0.0);
  }

  /** Sum of behavioural and email contributions: what the lead does. */
  public double intent() {
    Map<String, Double> m = byFamily();
    return m.getOrDefault("behavioral", 0.0) + m.getOrDefault("email", 0.0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Explanation e && unit.equals(e.unit)
        && Double.compare(baseValue, e.baseValue) == 0 && contributions.equals(e.contributions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(unit, baseValue, contributions);
  }

  @Override
  public String toString() {
    return "Explanation[" + unit + ", base=" + baseValue + ", reasons=" + topReasons() + ", risks=" + risks() + "]";
  }
}
