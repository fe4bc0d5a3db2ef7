package dev.leadscore.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Why a lead scored what it did: a base value plus one signed contribution per feature, which add
 * up exactly to the scorer's raw output (the logit for a model, the raw points for rules), and
 * the policy override that set its tier, if any.
 *
 * <p>Contributions are ordered by contribution, largest first; ties are broken by feature name,
 * so the order is deterministic. The short lists a person reads list only <em>material</em>
 * reasons, those moving the score by at least {@link #materiality()} points of the 0–100 score
 * ({@link Reason#points()}): {@link #topReasons()} are the policy override (when there is one)
 * followed by the largest material positive contributions, up to three in all, and
 * {@link #risks()} the up to three most negative material ones; fewer are listed when fewer
 * matter. {@link #contributions()} always holds every one. {@link #fit()} and {@link #intent()}
 * split the total by family: who the lead is versus what the lead does.
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
  /** The scorers' default materiality: half a point of the 0–100 score. */
  public static final double DEFAULT_MATERIALITY = 0.5;

  private static final Comparator<Reason> ORDER =
      Comparator.comparingDouble(Reason::contribution).reversed().thenComparing(Reason::feature);

  private final String unit;
  private final double baseValue;
  private final List<Reason> contributions;
  private final double materiality;
  private final Reason override;

  private Explanation(String unit, double baseValue, List<Reason> contributions, double materiality, Reason override) {
    this.unit = Objects.requireNonNull(unit, "unit");
    if (!Double.isFinite(baseValue)) {
      throw new IllegalArgumentException("base value must be finite, got " + baseValue);
    }
    if (!(materiality >= 0) || Double.isInfinite(materiality)) {
      throw new IllegalArgumentException("materiality must be finite and >= 0 points, got " + materiality);
    }
    this.baseValue = baseValue;
    this.materiality = materiality;
    this.override = override;
    List<Reason> sorted = new ArrayList<>(contributions);
    if (!isSorted(sorted)) { // scorers hand them over sorted; checking is cheaper than sorting
      sorted.sort(ORDER);
    }
    this.contributions = Collections.unmodifiableList(sorted);
  }

  private static boolean isSorted(List<Reason> rs) {
    for (int i = 1; i < rs.size(); i++) {
      if (ORDER.compare(rs.get(i - 1), rs.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * An explanation from its parts that lists every non-zero contribution (materiality 0).
   *
   * @param unit {@link #LOG_ODDS}, {@link #POINTS} or another unit name
   * @param baseValue the output for an average lead, in that unit
   * @param contributions one per feature, any order
   */
  public static Explanation of(String unit, double baseValue, List<Reason> contributions) {
    return new Explanation(unit, baseValue, contributions, 0.0, null);
  }

  /**
   * An explanation whose short lists hold only reasons of at least {@code materiality} points.
   *
   * @param materiality in points of the 0–100 score, finite and {@code >= 0}
   * @throws IllegalArgumentException for a materiality out of range
   */
  public static Explanation of(String unit, double baseValue, List<Reason> contributions, double materiality) {
    return new Explanation(unit, baseValue, contributions, materiality, null);
  }

  /**
   * The same explanation with a policy override as its first reason.
   *
   * @param override a reason whose {@link Reason#direction()} is {@link Reason.Direction#OVERRIDES}
   * @throws IllegalArgumentException for another reason
   */
  public Explanation withOverride(Reason override) {
    if (override.direction() != Reason.Direction.OVERRIDES) {
      throw new IllegalArgumentException("not an override: " + override);
    }
    return new Explanation(unit, baseValue, contributions, materiality, override);
  }

  /** The same explanation with every contribution (and the base) restated in another unit. */
  public Explanation restated(String unit, double baseValue, List<Reason> contributions) {
    return new Explanation(unit, baseValue, contributions, materiality, override);
  }

  /** The least {@link Reason#points()} (in magnitude) a reason needs to be listed. */
  public double materiality() {
    return materiality;
  }

  /** The policy override that set the tier, if one applied. */
  public Optional<Reason> override() {
    return Optional.ofNullable(override);
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

  /**
   * The policy override (if any), then the largest material positive contributions, up to three
   * in all.
   */
  public List<Reason> topReasons() {
    List<Reason> out = new ArrayList<>(SHORT_LIST);
    if (override != null) {
      out.add(override);
    }
    for (Reason r : contributions) {
      if (out.size() == SHORT_LIST || r.contribution() <= 0) {
        break;
      }
      if (material(r)) {
        out.add(r);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** Up to three material negative contributions, most negative first, ties by feature name. */
  public List<Reason> risks() {
    List<Reason> negative = new ArrayList<>();
    for (int i = contributions.size() - 1; i >= 0 && contributions.get(i).contribution() < 0; i--) {
      if (material(contributions.get(i))) {
        negative.add(contributions.get(i));
      }
    }
    negative.sort(Comparator.comparingDouble(Reason::contribution).thenComparing(Reason::feature));
    return Collections.unmodifiableList(new ArrayList<>(negative.subList(0, Math.min(SHORT_LIST, negative.size()))));
  }

  private boolean material(Reason r) {
    return r.contribution() != 0 && Math.abs(r.points()) >= materiality;
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
        && Double.compare(baseValue, e.baseValue) == 0 && contributions.equals(e.contributions)
        && Double.compare(materiality, e.materiality) == 0 && Objects.equals(override, e.override);
  }

  @Override
  public int hashCode() {
    return Objects.hash(unit, baseValue, contributions, materiality, override);
  }

  @Override
  public String toString() {
    return "Explanation[" + unit + ", base=" + baseValue + ", reasons=" + topReasons() + ", risks=" + risks() + "]";
  }
}
