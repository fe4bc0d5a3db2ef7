package dev.leadscore.rules;

import dev.leadscore.core.schema.Decay;
import dev.leadscore.core.schema.ReasonTemplates;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One rule of a {@link RuleSet}: how many points a lead earns (or loses) for one signal. Every
 * rule has a unique {@link #id()}, which is the {@link dev.leadscore.core.Reason#feature()} of its
 * line in an explanation. The kinds are closed (a sealed set), so a rule-set document can never
 * name a class to load:
 *
 * <ul>
 *   <li>{@link Levels}: points per level of a one-hot feature (job seniority, email domain class,
 *       a categorical such as industry or country);
 *   <li>{@link Bands}: points per band of a numeric or ordinal feature, bands in raw units
 *       (company size 50–200 employees: +10);
 *   <li>{@link Flag}: points for a yes/no feature being yes or no (decision-maker: +10);
 *   <li>{@link Events}: points per activity event with recency decay, a window and a cap on the
 *       events counted (pricing-page visits: +6 each, at most 3 counted);
 *   <li>{@link Bonus}: a multiplier on the points of two or more other rules when all of them
 *       fired (a decision-maker who visited the pricing page: x1.5), its extra points a line of
 *       its own.
 * </ul>
 *
 * <p>Negative indicators are ordinary rules with negative points, and penalties are asymmetric by
 * construction: an unsubscribe can cost 20 points while staying subscribed earns nothing.
 *
 * <p>Points are in the rule set's unit, <em>points</em>; a lead's raw points are the rule set's
 * base plus the sum of its rules' points. A lead missing the attribute a rule reads scores 0 for
 * that rule. Structural problems are rejected on construction with a {@link RuleSetException}
 * naming the rule; problems that need the schema (an unknown feature or event type) are rejected
 * when a {@link RuleScorer} is built.
 *
 * <p>All implementations are immutable records, safe to share between threads.
 */
public sealed interface Rule permits Rule.Levels, Rule.Bands, Rule.Flag, Rule.Events, Rule.Bonus {

  /** {@return the rule's unique id within its rule set: letters, digits, '_', '-' and '.' only} */
  String id();

  /** {@return the kind's name in rule-set JSON, e.g. {@code "levels"}} */
  String kind();

  /** The largest number of occurrences an {@link Events} rule may count. */
  int MAX_EVENTS_LIMIT = 1_000_000;

  // ------------------------------------------------------------------------------------ kinds

  /**
   * Points by level of a one-hot feature ({@code titleSeniority}, {@code emailDomain} or
   * {@code categorical}): the lead earns the points of the level its extracted row has a 1 in.
   * Levels not listed earn 0. A lead with no value (title unknown, no usable email address, a
   * categorical's {@code missing} level) earns 0 and its explanation uses the feature's missing
   * wording, so the missing levels ({@code unknown} for titles and email, {@code missing} for
   * categoricals) cannot be given points. A categorical level that the fitted schema folded into
   * {@code other} scores as {@code other}.
   *
   * @param id the rule's id
   * @param feature the schema feature read
   * @param points level → points; keys are normalised (trimmed, lower-case, inner whitespace
   *     collapsed) like the schema's levels and kept in alphabetical order, so that the rule (and
   *     its fingerprint) does not depend on the iteration order of the map passed in; values finite
   * @param reasons wording overriding the feature's reason templates, or {@code null} to use them
   */
  record Levels(String id, String feature, Map<String, Double> points, ReasonTemplates reasons) implements Rule {
    /**
     * Validates and copies the points, keys normalised.
     *
     * @param id the rule's id
     * @param feature the schema feature read
     * @param points level → points
     * @param reasons wording overriding the feature's reason templates, or {@code null}
     * @throws RuleSetException naming the rule for a blank feature, no levels or a non-finite value
     */
    public Levels {
      Checks.checkId(id);
      feature = Checks.checkName(id, "feature", feature);
      if (points == null || points.isEmpty()) {
        throw RuleSetException.of(id, "a levels rule needs at least one level with points");
      }
      Map<String, Double> copy = new TreeMap<>();
      for (Map.Entry<String, Double> e : points.entrySet()) {
        if (e.getKey() == null || e.getKey().isBlank()) {
          throw RuleSetException.of(id, "level names must not be blank, got " + (e.getKey() == null ? "null" : "'" + e.getKey() + "'"));
        }
        String level = Checks.normalise(e.getKey());
        Checks.checkPoints(id, "points for level '" + level + "'", e.getValue());
        if (copy.put(level, e.getValue() + 0.0) != null) {
          throw RuleSetException.of(id, "level '" + level + "' is given points twice (levels are compared trimmed and lower-case)");
        }
      }
      points = Collections.unmodifiableMap(copy);
    }

    /**
     * Points per level, using the feature's own wording.
     *
     * @param id the rule's id
     * @param feature the schema feature read
     * @param points level → points
     * @return the rule
     * @throws RuleSetException naming the rule for a blank feature, no levels or a non-finite value
     */
    public static Levels of(String id, String feature, Map<String, Double> points) {
      return new Levels(id, feature, points, null);
    }

    @Override
    public String kind() {
      return "levels";
    }
  }

  /**
   * One band of a {@link Bands} rule: raw values {@code from <= x < to} earn {@code points}.
   *
   * @param from lower edge in the attribute's raw units, inclusive; {@code -Infinity} for none
   * @param to upper edge in raw units, exclusive; {@code +Infinity} for none
   * @param points points for a value in the band, finite
   */
  record Band(double from, double to, double points) {
    /**
     * Validates the band.
     *
     * @param from lower edge in raw units, inclusive
     * @param to upper edge in raw units, exclusive
     * @param points points for a value in the band
     * @throws IllegalArgumentException for NaN edges, {@code from >= to} or non-finite points
     */
    public Band {
      if (Double.isNaN(from) || Double.isNaN(to) || !(from < to) || from == Double.POSITIVE_INFINITY
          || to == Double.NEGATIVE_INFINITY) {
        throw new IllegalArgumentException("a band needs from < to, got [" + from + ", " + to + ")");
      }
      if (!Double.isFinite(points)) {
        throw new IllegalArgumentException("band [" + from + ", " + to + ") points must be finite, got " + points);
      }
      from += 0.0;
      to += 0.0;
      points += 0.0;
    }

    @Override
    public String toString() {
      return "[" + edge(from) + ", " + edge(to) + ") -> " + points;
    }

    private static String edge(double v) {
      return Double.isInfinite(v) ? (v > 0 ? "+inf" : "-inf") : Double.toString(v);
    }
  }

  /**
   * Points by band of a {@code numeric} or {@code ordinal} feature, bands declared in the
   * attribute's raw units (employees, dollars, the ordinal's mapped number). A value in no band
   * earns 0, and so does a missing value (its explanation uses the feature's missing wording).
   * Bands also apply to a {@code recency} feature (days since the last event, up to its
   * {@code capDays}; "never" is missing when the feature has a missing flag, else it counts as
   * {@code capDays}) and to an {@code eventCount} feature (its decayed, capped count in its
   * window, the edges in counts; never missing).
   *
   * <p>How raw bands meet the feature's transform: a numeric feature is clipped to
   * {@code [clipMin, clipMax]} and then optionally {@code log1p}-transformed, which is monotone.
   * The scorer transforms each band edge once, when it is built, with the same {@code log1p}
   * (but without clipping) and compares the lead's extracted value against the transformed edges,
   * so a raw value exactly on an edge lands in the band that edge opens, bit for bit. Because the
   * extracted value is clipped, a raw value beyond a clip bound scores as the clip bound would
   * (a company of 500,000 employees clipped at 100,000 falls in the band holding 100,000). A band
   * that holds no value of {@code [clipMin, clipMax]} could never match and is rejected when the
   * scorer is built.
   *
   * @param id the rule's id
   * @param feature the schema feature read
   * @param bands non-empty, ordered by {@code from} and not overlapping ({@code to} of one band
   *     {@code <=} {@code from} of the next); gaps are allowed and earn 0
   * @param reasons wording overriding the feature's reason templates, or {@code null} to use them
   */
  record Bands(String id, String feature, List<Band> bands, ReasonTemplates reasons) implements Rule {
    /**
     * Validates and copies the bands.
     *
     * @param id the rule's id
     * @param feature the schema feature read
     * @param bands the bands, ordered and not overlapping
     * @param reasons wording overriding the feature's reason templates, or {@code null}
     * @throws RuleSetException naming the rule for no bands, or bands that overlap or are out of order
     */
    public Bands {
      Checks.checkId(id);
      feature = Checks.checkName(id, "feature", feature);
      if (bands == null || bands.isEmpty()) {
        throw RuleSetException.of(id, "a bands rule needs at least one band");
      }
      bands = List.copyOf(bands);
      for (int i = 1; i < bands.size(); i++) {
        Band prev = bands.get(i - 1);
        Band next = bands.get(i);
        if (!(prev.to() <= next.from())) {
          throw RuleSetException.of(id, "bands must be ordered and must not overlap, got " + prev + " then " + next
              + " (band " + (i - 1) + " ends after band " + i + " starts)");
        }
      }
    }

    /**
     * Bands using the feature's own wording.
     *
     * @param id the rule's id
     * @param feature the schema feature read
     * @param bands the bands, ordered and not overlapping
     * @return the rule
     * @throws RuleSetException naming the rule for no bands, or bands that overlap or are out of order
     */
    public static Bands of(String id, String feature, Band... bands) {
      return new Bands(id, feature, Arrays.asList(bands), null);
    }

    @Override
    public String kind() {
      return "bands";
    }
  }

  /**
   * Points for a {@code boolean} feature: {@code ifTrue} when the lead's value is yes,
   * {@code ifFalse} when it is no, 0 when it is missing (whatever the schema imputes; the
   * explanation uses the feature's missing wording). Asymmetric on purpose: unsubscribed
   * {@code ifTrue = -20, ifFalse = 0}.
   *
   * @param id the rule's id
   * @param feature the schema feature read
   * @param ifTrue points for yes, finite
   * @param ifFalse points for no, finite
   * @param reasons wording overriding the feature's reason templates, or {@code null} to use them
   */
  record Flag(String id, String feature, double ifTrue, double ifFalse, ReasonTemplates reasons) implements Rule {
    /**
     * Validates the rule.
     *
     * @param id the rule's id
     * @param feature the schema feature read
     * @param ifTrue points for yes
     * @param ifFalse points for no
     * @param reasons wording overriding the feature's reason templates, or {@code null}
     * @throws RuleSetException naming the rule for a blank feature or non-finite points
     */
    public Flag {
      Checks.checkId(id);
      feature = Checks.checkName(id, "feature", feature);
      Checks.checkPoints(id, "ifTrue", ifTrue);
      Checks.checkPoints(id, "ifFalse", ifFalse);
      ifTrue += 0.0;
      ifFalse += 0.0;
    }

    /**
     * Points for yes and no, using the feature's own wording.
     *
     * @param id the rule's id
     * @param feature the schema feature read
     * @param ifTrue points for yes
     * @param ifFalse points for no
     * @return the rule
     * @throws RuleSetException naming the rule for a blank feature or non-finite points
     */
    public static Flag of(String id, String feature, double ifTrue, double ifFalse) {
      return new Flag(id, feature, ifTrue, ifFalse, null);
    }

    @Override
    public String kind() {
      return "boolean";
    }
  }

  /**
   * Points per activity event, read from the lead's events directly. Each occurrence of one of
   * the {@code eventTypes} at or before {@code asOf} and at most {@code windowDays} old earns
   * {@code pointsPerEvent × decay.weight(ageDays)}; an event with {@code count = c} is {@code c}
   * occurrences. Only the {@code maxEvents} most recent occurrences count ("at most 3 counted
   * pricing-page visits"), which bounds the rule's points and with them the 0–100 scale. Events
   * after {@code asOf} are ignored. A lead without such events earns 0: zero is an observation,
   * not a missing value.
   *
   * <p>The decay must not increase with age (a later step may not weigh more than an earlier
   * one), so "most recent" and "weighing most" pick the same occurrences.
   *
   * @param id the rule's id
   * @param eventTypes the event types counted, non-empty, distinct; each must be read by the
   *     schema (checked when the scorer is built)
   * @param pointsPerEvent points per occurrence at full weight; negative for a penalty
   * @param decay weight by age in days ({@link Decay#none()}, a half-life or a step schedule)
   * @param windowDays how far back to look in days, {@code > 0}; {@code +Infinity} for all history.
   *     An event exactly {@code windowDays} old is inside the window
   * @param maxEvents how many occurrences count at most, in {@code [1, 1,000,000]}
   * @param reasons the wording, {@code {value}} being the number of occurrences in the window, or
   *     {@code null} for a generic sentence built from the event types
   */
  record Events(String id, List<String> eventTypes, double pointsPerEvent, Decay decay, double windowDays,
      int maxEvents, ReasonTemplates reasons) implements Rule {
    /**
     * Validates the rule and copies the event types.
     *
     * @param id the rule's id
     * @param eventTypes the event types counted
     * @param pointsPerEvent points per occurrence at full weight
     * @param decay weight by age in days
     * @param windowDays how far back to look, in days
     * @param maxEvents how many occurrences count at most
     * @param reasons the wording, or {@code null} for a generic sentence
     * @throws RuleSetException naming the rule for a component that breaks its rule
     */
    public Events {
      Checks.checkId(id);
      if (eventTypes == null || eventTypes.isEmpty()) {
        throw RuleSetException.of(id, "an events rule needs at least one event type");
      }
      Set<String> seen = new HashSet<>();
      for (String t : eventTypes) {
        if (t == null || t.isBlank()) {
          throw RuleSetException.of(id, "event types must not be blank, got " + eventTypes);
        }
        if (!seen.add(t)) {
          throw RuleSetException.of(id, "event type '" + t + "' is listed twice");
        }
      }
      eventTypes = List.copyOf(eventTypes);
      Checks.checkPoints(id, "pointsPerEvent", pointsPerEvent);
      pointsPerEvent += 0.0;
      if (decay == null) {
        throw RuleSetException.of(id, "decay is required (use Decay.none())");
      }
      if (decay instanceof Decay.StepSchedule s) {
        double prev = Double.POSITIVE_INFINITY;
        for (Decay.Step step : s.steps()) {
          if (step.weight() > prev) {
            throw RuleSetException.of(id, "decay step weights must not increase with age, got " + s.steps()
                + " beyond " + s.beyond());
          }
          prev = step.weight();
        }
        if (s.beyond() > prev) {
          throw RuleSetException.of(id, "decay 'beyond' weight " + s.beyond() + " is larger than the last step's weight " + prev
              + "; weights must not increase with age");
        }
      }
      if (!(windowDays > 0)) {
        throw RuleSetException.of(id, "windowDays must be > 0 (or +Infinity for all history), got " + windowDays);
      }
      if (maxEvents < 1 || maxEvents > MAX_EVENTS_LIMIT) {
        throw RuleSetException.of(id, "maxEvents must be in [1, " + MAX_EVENTS_LIMIT + "], got " + maxEvents
            + " (event points need a cap so that the 0-100 scale is bounded)");
      }
    }

    /**
     * Points per event of one type, with the generic wording.
     *
     * @param id the rule's id
     * @param eventType the event type counted
     * @param pointsPerEvent points per occurrence at full weight; negative for a penalty
     * @param decay weight by age in days
     * @param windowDays how far back to look, in days; {@code +Infinity} for all history
     * @param maxEvents how many occurrences count at most
     * @return the rule
     * @throws RuleSetException naming the rule for a component that breaks its rule
     */
    public static Events of(String id, String eventType, double pointsPerEvent, Decay decay, double windowDays,
        int maxEvents) {
      return new Events(id, List.of(eventType), pointsPerEvent, decay, windowDays, maxEvents, null);
    }

    /** The largest weight an occurrence can have under the decay (its weight at age 0). */
    double maxWeight() {
      return decay.weight(0.0);
    }

    @Override
    public String kind() {
      return "events";
    }
  }

  /**
   * A bonus for a combination: when every one of the {@code parts} earned strictly positive
   * points for a lead, the lead earns an extra {@code (multiplier - 1) × (sum of the parts'
   * points)}, else nothing. The parts keep their own points and lines in the explanation; the
   * extra points are this rule's own line, worded by {@code text} ("Decision-maker who visited
   * the pricing page"), so contributions still add up exactly to the raw total. Parts must be
   * other non-bonus rules of the same rule set (checked by {@link RuleSet}).
   *
   * <p>Its family (and so fit or intent) is that of its first intent part (behavioural or email),
   * else that of its first part: a combination that includes behaviour is evidence of intent.
   *
   * @param id the rule's id
   * @param parts ids of at least two distinct non-bonus rules
   * @param multiplier finite and {@code > 0}; above 1 a bonus, below 1 a damper
   * @param text the sentence of the bonus line when it is earned; not blank
   */
  record Bonus(String id, List<String> parts, double multiplier, String text) implements Rule {
    /**
     * Validates the rule and copies the parts.
     *
     * @param id the rule's id
     * @param parts ids of at least two distinct non-bonus rules
     * @param multiplier finite and {@code > 0}
     * @param text the sentence of the bonus line
     * @throws RuleSetException naming the rule for fewer than two parts, a repeated part, a bad multiplier or blank text
     */
    public Bonus {
      Checks.checkId(id);
      if (parts == null || parts.size() < 2) {
        throw RuleSetException.of(id, "a bonus needs at least two parts (rule ids), got " + parts);
      }
      Set<String> seen = new HashSet<>();
      for (String p : parts) {
        if (p == null || p.isBlank()) {
          throw RuleSetException.of(id, "bonus parts must be rule ids, got " + parts);
        }
        if (p.equals(id)) {
          throw RuleSetException.of(id, "a bonus cannot be its own part");
        }
        if (!seen.add(p)) {
          throw RuleSetException.of(id, "part '" + p + "' is listed twice");
        }
      }
      parts = List.copyOf(parts);
      if (!(multiplier > 0) || !Double.isFinite(multiplier)) {
        throw RuleSetException.of(id, "multiplier must be finite and > 0, got " + multiplier);
      }
      multiplier += 0.0;
      if (text == null || text.isBlank()) {
        throw RuleSetException.of(id, "a bonus needs the text of its explanation line, got "
            + (text == null ? "null" : "'" + text + "'"));
      }
    }

    /**
     * A bonus over the given parts.
     *
     * @param id the rule's id
     * @param multiplier finite and {@code > 0}; above 1 a bonus, below 1 a damper
     * @param text the sentence of the bonus line
     * @param parts ids of at least two distinct non-bonus rules
     * @return the rule
     * @throws RuleSetException naming the rule for fewer than two parts, a repeated part, a bad multiplier or blank text
     */
    public static Bonus of(String id, double multiplier, String text, String... parts) {
      return new Bonus(id, new ArrayList<>(Arrays.asList(parts)), multiplier, text);
    }

    @Override
    public String kind() {
      return "bonus";
    }
  }
}
