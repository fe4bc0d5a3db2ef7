package dev.leadscore.rules;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.Policy;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.TierPolicy;
import dev.leadscore.core.internal.EventColumns;
import dev.leadscore.core.internal.EventRouting;
import dev.leadscore.core.schema.FittedSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rule baseline as a {@link LeadScorer}: a {@link RuleSet} bound to a {@link FittedSchema}
 * and tier cut-offs. It takes the same raw leads as the learned model and gives the same kind of
 * {@link Score}, so the two can be compared side by side.
 *
 * <p><b>Scoring.</b> The lead is extracted with the schema (which validates its data: a value the
 * schema cannot read raises {@link dev.leadscore.core.LeadDataException}, and
 * {@link #scoreAll} reports it per row). Each rule then gives points (see {@link Rule}); a lead
 * missing the value a rule reads gets 0 from that rule. The raw points are the rule set's base
 * plus the sum of the rules' points. Every rule's points are rounded to a grid of 2<sup>-20</sup>
 * points, so the explanation's contributions add up to the raw points exactly, in any order.
 *
 * <p><b>The 0–100 score.</b> {@code score = 100 × (points − floor) / (ceiling − floor)}, clamped
 * to [0, 100]. By default floor and ceiling are the least and the most raw points the rules can
 * give, {@link #totalRange()}: base plus the sum over rules of each rule's most negative and most
 * positive outcome (0 included: every rule can give nothing), where an events rule's extreme is
 * {@code pointsPerEvent × maxEvents × (weight at age 0)} and a bonus's is
 * {@code (multiplier − 1) ×} the sum of its parts' maxima. These are bounds, not always reached
 * together (two rules on one feature cannot both peak), so with the default range clamping never
 * changes a score and the score is a strictly increasing function of the points. A rule set may
 * instead declare a {@link RuleSet.Scale}; points beyond it are clamped to 0 or 100. The fit and
 * intent sub-scores are normalised the same way over the fit rules' and the intent rules' own
 * ranges ({@link #fitRange()}, {@link #intentRange()}), without the base and never a declared
 * scale; a sub-score with no rules (an empty range) is 0.
 *
 * <p>{@link Score#probability()} is {@code score / 100}. It is <em>not</em> a calibrated
 * probability: points are not odds, and a rule score of 70 does not mean 70 % convert. Use the
 * learned model for probabilities, or calibrate these scores on outcomes.
 *
 * <p><b>Tiers</b> come from {@link TierCutoffs} on the 0–100 score, by default
 * {@link TierPolicy#defaults()}. To fit a policy that needs data, score the leads, fit the policy
 * on the scores and use {@link #withCutoffs}.
 *
 * <p><b>Explanation</b> ({@link Detail#EXPLAINED} only; {@link Detail#SCORE_ONLY} builds none):
 * unit {@link Explanation#POINTS}, base value the rule set's base, one {@link Reason} per rule
 * whose {@code feature} is the rule id, with its points ({@link Reason#points()}: the same restated
 * on the 0–100 score) and a sentence saying what the lead's value is, worded by the schema
 * ({@link FittedSchema#describe}, with the rule's own templates when it has them) exactly as the
 * model's reasons are, and rendered when first read. The top three reasons and risks are
 * {@link Explanation#topReasons()} and {@link Explanation#risks()}, material reasons only
 * ({@link #withMateriality}).
 *
 * <p><b>Policy overrides.</b> The rule set's {@link RuleSet#policy() disqualifiers} are applied
 * after the tier is cut: a disqualified lead is suppressed or capped whatever its points, and the
 * override is its explanation's first reason.
 *
 * <p><b>Threads.</b> Immutable and safe to share between threads: every call allocates its own
 * buffers (the feature vector, one double per rule and the ages and counts of the events the
 * events rules read, which extraction's one pass over the lead's events hands over),
 * nothing is cached between calls, and the wall clock is never read.
 */
public final class RuleScorer implements LeadScorer {

  /**
   * A range of raw points, the floor and ceiling of a 0–100 normalisation.
   *
   * <p>Immutable record, safe to share between threads.
   *
   * @param min raw points mapped to 0
   * @param max raw points mapped to 100, {@code >= min}
   */
  public record Range(double min, double max) {
    /** @throws IllegalArgumentException unless both are finite and {@code min <= max} */
    public Range {
      if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
        throw new IllegalArgumentException("a range needs finite min <= max, got [" + min + ", " + max + "]");
      }
    }

    /** {@code 100 × (points − min) / (max − min)} clamped to [0, 100]; 0 for an empty range. */
    public double normalise(double points) {
      if (!(max > min)) {
        return 0.0;
      }
      // Halved first so that ranges near ±Double.MAX_VALUE do not overflow max - min.
      double s = 100.0 * ((points / 2 - min / 2) / (max / 2 - min / 2));
      return s > 0 ? Math.min(100.0, s) : 0.0;
    }
  }

  private final RuleSet ruleSet;
  private final String version;
  private final FittedSchema schema;
  private final TierCutoffs cutoffs;
  private final CompiledRule[] compiled;
  /** Evaluation order: ordinary rules first (declaration order), then bonuses. */
  private final int[] order;
  /** Which events rules read which event type, for the raw-events path (see {@link EventTally}). */
  private final EventRouting routing;
  /**
   * Per {@link FittedSchema#eventTypeId}, the type's slot among the types the events rules read,
   * or -1; null without events rules.
   */
  private final int[] tallySlotOfType;
  private final int tallySlots;
  private final double base;
  private final Range total;
  private final Range fit;
  private final Range intent;
  private final Policy.Bound policy;
  private final double materiality;

  private RuleScorer(RuleSet ruleSet, FittedSchema schema, TierCutoffs cutoffs, double materiality) {
    this.ruleSet = Objects.requireNonNull(ruleSet, "ruleSet");
    this.version = Integer.toString(ruleSet.version());
    this.schema = Objects.requireNonNull(schema, "schema");
    this.cutoffs = Objects.requireNonNull(cutoffs, "cutoffs");
    if (!(materiality >= 0) || Double.isInfinite(materiality)) {
      throw new IllegalArgumentException("materiality must be finite and >= 0 points, got " + materiality);
    }
    this.materiality = materiality;
    try {
      this.policy = ruleSet.policy().bind(schema);
    } catch (IllegalArgumentException e) {
      throw new RuleSetException("rule set '" + ruleSet.name() + "': " + e.getMessage());
    }
    List<Rule> rules = ruleSet.rules();
    Map<String, Integer> indexOf = new HashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      indexOf.put(rules.get(i).id(), i);
    }
    this.compiled = new CompiledRule[rules.size()];
    this.order = new int[rules.size()];
    int k = 0;
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < rules.size(); i++) {
        Rule r = rules.get(i);
        if ((r instanceof Rule.Bonus) == (pass == 1)) {
          compiled[i] = CompiledRule.compile(r, schema, indexOf, compiled);
          order[k++] = i;
        }
      }
    }
    this.routing = CompiledRule.routing(compiled);
    int[] slotOfType = new int[schema.eventTypeIdBound()];
    Arrays.fill(slotOfType, -1);
    boolean anyEvents = false;
    for (CompiledRule c : compiled) {
      if (c instanceof EventsRule e) {
        anyEvents = true;
        for (int j = 0; j < e.typeIds.length; j++) {
          slotOfType[e.typeIds[j]] = e.typeSlots[j];
        }
      }
    }
    this.tallySlotOfType = anyEvents ? slotOfType : null;
    this.tallySlots = schema.schema().eventTypes().size();
    this.base = Points.q(ruleSet.base());
    double lo = base;
    double hi = base;
    double fitLo = 0;
    double fitHi = 0;
    double intentLo = 0;
    double intentHi = 0;
    double magnitude = Math.abs(base);
    for (CompiledRule c : compiled) {
      lo += c.min;
      hi += c.max;
      magnitude += Math.max(-c.min, c.max);
      if (!(magnitude <= Points.MAX_MAGNITUDE)) {
        throw RuleSetException.of(c.id, "the rule set can reach more than " + (long) Points.MAX_MAGNITUDE
            + " points in magnitude by this rule (it gives between " + c.min + " and " + c.max + "); scale the points down");
      }
      if (c.group == CompiledRule.Group.FIT) {
        fitLo += c.min;
        fitHi += c.max;
      } else if (c.group == CompiledRule.Group.INTENT) {
        intentLo += c.min;
        intentHi += c.max;
      }
    }
    this.total = ruleSet.scale().map(s -> new Range(s.floor(), s.ceiling())).orElse(new Range(lo, hi));
    this.fit = new Range(fitLo, fitHi);
    this.intent = new Range(intentLo, intentHi);
  }

  /**
   * A scorer with the default tier cut-offs ({@link TierPolicy#defaults()}: 80 / 60 / 30).
   *
   * @throws RuleSetException naming the rule when the rule set does not fit the schema: a
   *     feature or event type the schema lacks, a feature of the wrong kind for the rule, a level
   *     the feature does not have (or its missing level), a band that can never match. For a
   *     feature whose levels are learned, a level the fit did not keep scores as {@code other}
   *     (rare levels are folded into it), unless it is one edit from a kept level, which is
   *     refused as a misspelling ({@code "sofware"} beside {@code "software"})
   */
  public static RuleScorer of(RuleSet ruleSet, FittedSchema schema) {
    return new RuleScorer(ruleSet, schema, TierPolicy.defaults().fit(null, null), Explanation.DEFAULT_MATERIALITY);
  }

  /**
   * A scorer with the given tier cut-offs on the 0–100 score.
   *
   * @throws RuleSetException as {@link #of(RuleSet, FittedSchema)}
   */
  public static RuleScorer of(RuleSet ruleSet, FittedSchema schema, TierCutoffs cutoffs) {
    return new RuleScorer(ruleSet, schema, cutoffs, Explanation.DEFAULT_MATERIALITY);
  }

  /** The same scorer with other tier cut-offs. */
  public RuleScorer withCutoffs(TierCutoffs cutoffs) {
    return new RuleScorer(ruleSet, schema, cutoffs, materiality);
  }

  /**
   * The same scorer listing only reasons that move the 0–100 score by at least {@code points}
   * (default {@link Explanation#DEFAULT_MATERIALITY}); every rule's contribution is kept either way.
   *
   * @throws IllegalArgumentException unless {@code points} is finite and {@code >= 0}
   */
  public RuleScorer withMateriality(double points) {
    return new RuleScorer(ruleSet, schema, cutoffs, points);
  }

  @Override
  public Score score(Lead lead, Instant asOf, Detail detail) {
    return evaluate(lead, asOf, detail).score();
  }

  /**
   * Scores one lead and returns the raw points and the fit and intent sub-scores besides the
   * {@link Score}.
   *
   * @param lead the lead
   * @param asOf the scoring instant: events after it are ignored, ages are measured back from it
   * @param detail {@link Detail#SCORE_ONLY} to skip building the explanation
   * @throws dev.leadscore.core.LeadDataException naming the lead and field when the schema cannot
   *     read the lead's data
   */
  public RuleScore evaluate(Lead lead, Instant asOf, Detail detail) {
    Objects.requireNonNull(lead, "lead");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(detail, "detail");
    double[] row = new double[schema.width()];
    long asOfMillis = CompiledRule.epochMillis(asOf);
    EventTally tally = extract(lead, asOf, asOfMillis, row);
    long[] occurrences = detail == Detail.EXPLAINED ? new long[compiled.length] : null;
    double[] pts = rulePoints(lead, asOf, asOfMillis, row, tally, occurrences);
    double raw = base;
    double fitPts = 0;
    double intentPts = 0;
    for (int i = 0; i < compiled.length; i++) {
      raw += pts[i];
      if (compiled[i].group == CompiledRule.Group.FIT) {
        fitPts += pts[i];
      } else if (compiled[i].group == CompiledRule.Group.INTENT) {
        intentPts += pts[i];
      }
    }
    double score = total.normalise(raw);
    Tier tier = cutoffs.tierOf(score);
    int override = policy.isEmpty() ? -1 : policy.match(row, tier);
    Explanation explanation = null;
    if (detail == Detail.EXPLAINED) {
      List<Reason> reasons = new ArrayList<>(compiled.length);
      // Points of the 0-100 score per rule point; the row is this call's own, so the sentences
      // (rendered when read) may use it later.
      double perPoint = total.max() > total.min() ? 50.0 / (total.max() / 2 - total.min() / 2) : 0.0;
      for (int i = 0; i < compiled.length; i++) {
        double scorePoints = perPoint * pts[i];
        if (!Double.isFinite(scorePoints)) { // a declared scale near the limits of a double
          scorePoints = Math.copySign(Double.MAX_VALUE, pts[i]);
        }
        reasons.add(compiled[i].reason(lead, asOf, row, occurrences[i], pts[i], scorePoints));
      }
      explanation = Explanation.of(Explanation.POINTS, base, reasons, materiality);
      if (override >= 0) {
        explanation = explanation.withOverride(policy.reason(override, lead, asOf, row));
      }
    }
    if (override >= 0) {
      tier = policy.disqualifier(override).apply(tier);
    }
    Score s = Score.of(lead.id(), score / 100.0, score, tier, explanation, ruleSet.name(), version, asOf);
    return new RuleScore(s, raw, fitPts + 0.0, intentPts + 0.0, fit.normalise(fitPts), intent.normalise(intentPts));
  }

  /** Each rule's points for a lead, by position in the rule set; for derivation and tests. */
  double[] rulePoints(Lead lead, Instant asOf) {
    double[] row = new double[schema.width()];
    long asOfMillis = CompiledRule.epochMillis(asOf);
    EventTally tally = extract(lead, asOf, asOfMillis, row);
    return rulePoints(lead, asOf, asOfMillis, row, tally, null);
  }

  /**
   * Extracts the lead into {@code row}, tallying the events the events rules read on the way;
   * returns the tally, or {@code null} when there are no events rules.
   */
  private EventTally extract(Lead lead, Instant asOf, long asOfMillis, double[] row) {
    if (tallySlotOfType == null) {
      schema.extract(lead, asOf, row);
      return null;
    }
    EventTally tally = new EventTally(tallySlotOfType, tallySlots, lead.events().size(), asOfMillis);
    schema.extract(lead, asOf, row, tally.rawPath() ? null : tally);
    return tally;
  }

  /**
   * The lead as of {@code asOf}: itself, or (rarely) a copy without the events that fall in asOf's
   * own millisecond but after it. Events rules age events in whole milliseconds, so without this an
   * event a few nanoseconds after asOf would count, while extraction and the {@code LeadScorer}
   * contract ignore every event after asOf to the nanosecond. O(events), allocation-free unless such
   * an event exists. Only the raw-events path needs it: extraction hands over no event after asOf.
   */
  static Lead atAsOf(Lead lead, Instant asOf) {
    EventColumns events = EventColumns.copyOf(lead.events()); // the lead's own columns, not a copy
    long second = asOf.getEpochSecond();
    int nano = asOf.getNano();
    long asOfMillis = CompiledRule.epochMillis(asOf);
    boolean any = false;
    for (int i = 0; i < events.size() && !any; i++) {
      any = events.isAfter(i, second, nano) && CompiledRule.epochMillis(events.epochSecond(i), events.nano(i)) <= asOfMillis;
    }
    if (!any) {
      return lead;
    }
    Lead.Builder b = Lead.builder(lead.id());
    lead.attributes().forEach(b::attribute);
    lead.createdAt().ifPresent(b::createdAt);
    for (ActivityEvent e : lead.events()) {
      if (!e.at().isAfter(asOf)) {
        b.event(e);
      }
    }
    return b.build();
  }

  /**
   * Each rule's points for an extracted lead. Events rules read the events extraction handed to
   * {@code tally}; when the tally cannot give exact ages ({@link EventTally#rawPath()}: instants
   * tens of thousands of years from 1970), they read the lead's raw events instead, bucketed by
   * type once for all events rules.
   *
   * @param occurrences where to put each events rule's occurrences in its window, or {@code null}
   */
  private double[] rulePoints(Lead lead, Instant asOf, long asOfMillis, double[] row, EventTally tally,
      long[] occurrences) {
    double[] pts = new double[compiled.length];
    Lead atAsOf = null;
    CompiledRule.Scratch scratch = null;
    if (tally != null && tally.rawPath()) {
      atAsOf = atAsOf(lead, asOf);
      scratch = new CompiledRule.Scratch();
      route(atAsOf, scratch);
    }
    for (int i : order) {
      CompiledRule c = compiled[i];
      if (!(c instanceof EventsRule e)) {
        pts[i] = c.points(lead, asOf, asOfMillis, row, pts, scratch);
      } else if (atAsOf == null) {
        pts[i] = e.points(tally, occurrences, i);
      } else {
        pts[i] = e.points(atAsOf, asOfMillis, scratch, scratch.start[i], scratch.start[i + 1]);
        if (occurrences != null) {
          occurrences[i] = e.occurrences(atAsOf, asOfMillis);
        }
      }
    }
    return pts;
  }

  /**
   * Each rule's points by the unbucketed path (every events rule tests every event's type): the
   * reference the bucketed path must match bit for bit; for tests.
   */
  double[] rulePointsUnbucketed(Lead lead, Instant asOf) {
    lead = atAsOf(lead, asOf);
    double[] row = new double[schema.width()];
    schema.extract(lead, asOf, row);
    long asOfMillis = CompiledRule.epochMillis(asOf);
    double[] pts = new double[compiled.length];
    CompiledRule.Scratch scratch = new CompiledRule.Scratch();
    for (int i : order) {
      pts[i] = compiled[i].points(lead, asOf, asOfMillis, row, pts, scratch);
    }
    return pts;
  }

  /** Buckets the lead's events by the events rules reading them, into {@code scratch}. */
  void route(Lead lead, CompiledRule.Scratch scratch) {
    CompiledRule.route(routing, compiled.length, lead, scratch);
  }

  CompiledRule compiled(int i) {
    return compiled[i];
  }

  /** {@return the rule set scored with} */
  public RuleSet ruleSet() {
    return ruleSet;
  }

  /** {@return the fitted schema leads are extracted with} */
  public FittedSchema schema() {
    return schema;
  }

  /** {@return the tier cut-offs on the 0–100 score} */
  public TierCutoffs cutoffs() {
    return cutoffs;
  }

  /** Raw points mapped to 0 and 100: the declared scale, or the least and most the rules can give. */
  public Range totalRange() {
    return total;
  }

  /** {@return the least and most points the fit (firmographic) rules can give together} */
  public Range fitRange() {
    return fit;
  }

  /** {@return the least and most points the intent (behavioural and email) rules can give together} */
  public Range intentRange() {
    return intent;
  }

  /** The rule set's name. */
  @Override
  public String modelId() {
    return ruleSet.name();
  }

  /** The rule set's version, as text. */
  @Override
  public String modelVersion() {
    return version;
  }

  @Override
  public String toString() {
    return "RuleScorer[" + ruleSet.name() + " v" + ruleSet.version() + ", " + compiled.length + " rules, schema "
        + schema.schema().name() + ", points " + total.min() + ".." + total.max() + "]";
  }
}
