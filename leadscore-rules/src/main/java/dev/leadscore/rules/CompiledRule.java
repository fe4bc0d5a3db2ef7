package dev.leadscore.rules;

import dev.leadscore.core.Lead;
import dev.leadscore.core.internal.EventColumns;
import dev.leadscore.core.internal.EventRouting;
import dev.leadscore.core.Reason;
import dev.leadscore.core.schema.CategoricalFeature;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureOffers;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.ReasonTemplates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A rule bound to a fitted schema: names resolved to column indices, band edges transformed,
 * points rounded to the grid, its family and its attainable range fixed. Immutable after
 * construction, so a scorer shares its compiled rules between threads; all per-lead state lives
 * in the arguments.
 */
abstract class CompiledRule {

  /**
   * {@link Instant#toEpochMilli()}, saturating at {@code Long.MIN_VALUE}/{@code MAX_VALUE} for the
   * instants (beyond about 292 million years from 1970) it cannot represent, so such events score
   * as "long ago" or "in the future" instead of overflowing.
   */
  static long epochMillis(java.time.Instant t) {
    return epochMillis(t.getEpochSecond(), t.getNano());
  }

  /** {@link #epochMillis(java.time.Instant)} of the instant {@code (second, nano)}, without building it. */
  static long epochMillis(long second, int nano) {
    try {
      // Instant.toEpochMilli's arithmetic: for a negative second, add the nanoseconds to the next
      // second up so that the product cannot overflow when the sum would not.
      if (second < 0 && nano > 0) {
        return Math.addExact(Math.multiplyExact(second + 1, 1000), nano / 1_000_000 - 1000);
      }
      return Math.addExact(Math.multiplyExact(second, 1000), nano / 1_000_000);
    } catch (ArithmeticException e) {
      return second < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
  static final double MILLIS_PER_DAY = 86_400_000.0;

  /** Which sub-score a rule feeds. */
  enum Group {
    /** Firmographic: who the lead is. */
    FIT,
    /** Behavioural or email: what the lead does. */
    INTENT,
    /** Another family: counted in the total only. */
    OTHER;

    static Group of(String family) {
      switch (family) {
        case FeatureInfo.FIRMOGRAPHIC:
          return FIT;
        case FeatureInfo.BEHAVIORAL:
        case FeatureInfo.EMAIL:
          return INTENT;
        default:
          return OTHER;
      }
    }
  }

  final String id;
  final String family;
  final Group group;
  /** Least and most points the rule can give, on the grid; {@code min <= 0 <= max}. */
  final double min;
  final double max;

  CompiledRule(Rule rule, String family, double min, double max) {
    this.id = rule.id();
    this.family = family;
    this.group = Group.of(family);
    this.min = Math.min(0.0, min);
    this.max = Math.max(0.0, max);
  }

  /**
   * The rule's points for a lead, on the grid and within {@code [min, max]}.
   *
   * @param row the lead's extracted vector at {@code asOf}
   * @param pts the points of the rules evaluated before this one (bonuses read their parts')
   * @param scratch per-call buffers
   */
  abstract double points(Lead lead, Instant asOf, long asOfMillis, double[] row, double[] pts, Scratch scratch);

  /**
   * The rule's line in an explanation; {@code values} are the lead's display values of every
   * schema feature ({@code FittedSchema.displayValues}), computed once per explained score.
   */
  abstract Reason reason(Lead lead, long asOfMillis, String[] values, double points);

  /** Per-call buffers for event rules, grown on demand; one per scoring call, never shared. */
  static final class Scratch {
    long[] ages = new long[0];
    int[] counts = new int[0];
    long[] keys = new long[0];
    /**
     * Filled by {@link #route}: the positions of the events rule {@code i} reads are
     * {@code routed[start[i]] .. routed[start[i + 1] - 1]}, in the lead's event order.
     */
    int[] start = new int[0];
    int[] routed = new int[0];
    /** Per event, the rules reading its type (shared, read-only arrays of the routing), or null. */
    int[][] readers = new int[0][];

    void ensure(int n) {
      if (ages.length < n) {
        ages = new long[n];
        counts = new int[n];
        keys = new long[n];
      }
    }
  }

  /**
   * Which events rules read which event type, fixed for a scorer: the lead's events are bucketed
   * by type once per score ({@link #route}) instead of every events rule testing every event's
   * type. The same table as extraction's event routing, here with rule positions (ascending).
   * Immutable, so shared between threads; the per-lead buckets live in a {@link Scratch}.
   */
  static EventRouting routing(CompiledRule[] compiled) {
    Map<String, int[]> m = new java.util.HashMap<>();
    for (int i = 0; i < compiled.length; i++) {
      if (compiled[i] instanceof EventsRule e) {
        // Rule.Events rejects a type listed twice, so a rule is at most once among a type's
        // readers and route never puts an event twice in one rule's bucket.
        for (String t : e.types) {
          int[] rs = m.get(t);
          int[] grown = rs == null ? new int[1] : Arrays.copyOf(rs, rs.length + 1);
          grown[grown.length - 1] = i;
          m.put(t, grown);
        }
      }
    }
    return new EventRouting(m);
  }

  /**
   * Buckets the lead's events by the rules that read their type ({@code routing}, over
   * {@code ruleCount} rules) into {@code scratch.start} and {@code scratch.routed}. Events with a
   * count of 0 are left out (no rule counts them). Each rule's bucket keeps the lead's event
   * order, so it is exactly the sequence of events the rule's own type test would have kept.
   */
  static void route(EventRouting routing, int ruleCount, Lead lead, Scratch scratch) {
    EventColumns events = EventColumns.copyOf(lead.events()); // the lead's own, not a copy
    int n = events.size();
    if (scratch.start.length < ruleCount + 1) {
      scratch.start = new int[ruleCount + 1];
    } else {
      Arrays.fill(scratch.start, 0);
    }
    if (scratch.readers.length < n) {
      scratch.readers = new int[n][];
    }
    int[] start = scratch.start;
    int[][] readers = scratch.readers;
    int total = 0;
    for (int k = 0; k < n; k++) {
      int[] rs = events.count(k) == 0 ? null : routing.slotsOf(events.type(k));
      readers[k] = rs;
      if (rs != null) {
        for (int i : rs) {
          start[i]++;
        }
        total += rs.length;
      }
    }
    // Inclusive prefix sums: start[i] is the end of rule i's bucket.
    for (int i = 1; i < ruleCount; i++) {
      start[i] += start[i - 1];
    }
    start[ruleCount] = total;
    if (scratch.routed.length < total) {
      scratch.routed = new int[total];
    }
    int[] routed = scratch.routed;
    // Filled from the back, so each bucket keeps the event order and start[i] ends at its beginning.
    for (int k = n - 1; k >= 0; k--) {
      int[] rs = readers[k];
      if (rs != null) {
        for (int i : rs) {
          routed[--start[i]] = k;
        }
      }
    }
  }

  // ------------------------------------------------------------------------ compilation

  /**
   * Binds one rule. Ordinary rules need only the schema; a bonus needs its parts compiled first.
   *
   * @param indexOf each rule's position in the rule set
   * @param compiled the rules compiled so far, by position
   */
  static CompiledRule compile(Rule rule, FittedSchema schema, Map<String, Integer> indexOf, CompiledRule[] compiled) {
    if (rule instanceof Rule.Levels r) {
      return new LevelsRule(r, schema);
    } else if (rule instanceof Rule.Bands r) {
      return new BandsRule(r, schema);
    } else if (rule instanceof Rule.Flag r) {
      return new FlagRule(r, schema);
    } else if (rule instanceof Rule.Events r) {
      return new EventsRule(r, schema);
    } else if (rule instanceof Rule.Bonus r) {
      return new BonusRule(r, indexOf, compiled);
    }
    throw new AssertionError("unhandled rule kind " + rule.kind());
  }

  static FeatureSpec feature(Rule rule, String feature, FittedSchema schema) {
    if (!schema.schema().hasFeature(feature)) {
      List<String> names = new ArrayList<>();
      schema.schema().features().forEach(f -> names.add(f.name()));
      throw RuleSetException.of(rule.id(), "feature '" + feature + "' is not in schema '" + schema.schema().name()
          + "'; its features are " + names);
    }
    return schema.schema().feature(feature);
  }

  static RuleSetException wrongKind(Rule rule, FeatureSpec f, String needed) {
    return RuleSetException.of(rule.id(), "feature '" + f.name() + "' is a " + f.kind() + " feature; a " + rule.kind()
        + " rule needs " + needed);
  }

  // ------------------------------------------------------------------------ attribute rules

  /** A rule reading one attribute feature: knows how to tell a missing value and how to word it. */
  abstract static class AttributeRule extends CompiledRule {
    final FittedSchema schema;
    final int feature;
    final ReasonTemplates templates;

    AttributeRule(Rule rule, FeatureSpec spec, FittedSchema schema, ReasonTemplates override, double min, double max) {
      super(rule, spec.family(), min, max);
      this.schema = schema;
      this.feature = schema.featureIndex(spec.name());
      this.templates = override != null ? override : spec.info().reasons();
    }

    /** The slot (level, band, yes/no) the lead falls in, or -1 when it has no value or is in no slot. */
    abstract int slot(Lead lead, Instant asOf, double[] row);

    abstract double slotPoints(int slot);

    @Override
    final double points(Lead lead, Instant asOf, long asOfMillis, double[] row, double[] pts, Scratch scratch) {
      int s = slot(lead, asOf, row);
      return s < 0 ? 0.0 : slotPoints(s);
    }

    @Override
    final Reason reason(Lead lead, long asOfMillis, String[] values, double points) {
      String value = values[feature];
      return new Reason(id, family, points, templates.render(points > 0, value == null, value), value);
    }

    /** Whether the schema has no value for the lead, told by the display value (the schema's own definition). */
    boolean displayMissing(Lead lead, Instant asOf, double[] row) {
      return schema.displayValue(lead, asOf, feature, row) == null;
    }

    static int column(FittedSchema schema, String feature, Column.Role role) {
      for (Column c : schema.columns()) {
        if (c.feature().equals(feature) && c.role() == role) {
          return c.index();
        }
      }
      return -1;
    }
  }

  /** Points by one-hot level. */
  static final class LevelsRule extends AttributeRule {
    private final int[] cols;
    private final double[] slotPoints;
    /** Slot of the level that means "no value", or -1. */
    private final int missingSlot;
    /** Slot of {@code other} when missing values also land there (a categorical without a missing level), else -1. */
    private final int ambiguousOtherSlot;
    private final Map<String, Integer> slotOf;

    LevelsRule(Rule.Levels r, FittedSchema schema) {
      this(r, schema, resolve(r, schema));
    }

    private LevelsRule(Rule.Levels r, FittedSchema schema, Resolved res) {
      super(r, res.spec, schema, r.reasons(), res.min, res.max);
      this.cols = res.cols;
      this.slotPoints = res.points;
      this.missingSlot = res.missingSlot;
      this.ambiguousOtherSlot = res.ambiguousOtherSlot;
      this.slotOf = res.slotOf;
    }

    private record Resolved(FeatureSpec spec, int[] cols, double[] points, int missingSlot, int ambiguousOtherSlot,
        Map<String, Integer> slotOf, double min, double max) {}

    private static Resolved resolve(Rule.Levels r, FittedSchema schema) {
      FeatureSpec spec = feature(r, r.feature(), schema);
      FeatureOffers offers = spec.offers();
      if (!offers.levels()) {
        throw wrongKind(r, spec, "a titleSeniority, emailDomain or categorical feature (one-hot levels)");
      }
      String missingLevel = offers.missingLevel();
      boolean learned = offers.levelsLearned();
      boolean otherHoldsMissing = offers.otherHoldsMissing();
      List<Column> levelCols = new ArrayList<>();
      for (Column c : schema.columns()) {
        if (c.feature().equals(spec.name()) && c.role() == Column.Role.LEVEL) {
          levelCols.add(c);
        }
      }
      Map<String, Integer> slotOf = new LinkedHashMap<>();
      for (int i = 0; i < levelCols.size(); i++) {
        slotOf.put(levelCols.get(i).level(), i);
      }
      double[] points = new double[levelCols.size()];
      double min = 0;
      double max = 0;
      for (Map.Entry<String, Double> e : r.points().entrySet()) {
        String level = e.getKey();
        if (level.equals(missingLevel)) {
          throw RuleSetException.of(r.id(), "level '" + level + "' of feature '" + spec.name()
              + "' means the value is missing, and a missing value scores 0; remove it (levels are " + slotOf.keySet() + ")");
        }
        Integer slot = slotOf.get(level);
        if (slot == null) {
          if (learned) {
            continue; // a learned level the fitted schema folded into 'other': such leads score as 'other'
          }
          throw RuleSetException.of(r.id(), "level '" + level + "' is not a level of feature '" + spec.name()
              + "'; its levels are " + slotOf.keySet());
        }
        double p = Points.q(e.getValue());
        points[slot] = p;
        min = Math.min(min, p);
        max = Math.max(max, p);
      }
      int[] cols = new int[levelCols.size()];
      for (int i = 0; i < cols.length; i++) {
        cols[i] = levelCols.get(i).index();
      }
      int missingSlot = slotOf.getOrDefault(missingLevel, -1);
      int otherSlot = otherHoldsMissing ? slotOf.getOrDefault(CategoricalFeature.OTHER, -1) : -1;
      return new Resolved(spec, cols, points, missingSlot, otherSlot, Map.copyOf(slotOf), min, max);
    }

    @Override
    int slot(Lead lead, Instant asOf, double[] row) {
      for (int s = 0; s < cols.length; s++) {
        if (row[cols[s]] == 1.0) {
          if (s == missingSlot || (s == ambiguousOtherSlot && displayMissing(lead, asOf, row))) {
            return -1;
          }
          return s;
        }
      }
      return -1;
    }

    @Override
    double slotPoints(int slot) {
      return slotPoints[slot];
    }

    /** The slot of a level, or -1 when the fitted schema does not have it (folded into other). */
    int slotOf(String level) {
      return slotOf.getOrDefault(level, -1);
    }
  }

  /** Points by band of a numeric or ordinal value, edges in raw units, compared after the feature's transform. */
  static final class BandsRule extends AttributeRule {
    private final int valueCol;
    private final int missingCol;
    private final boolean canBeMissing;
    private final double[] from;
    private final double[] to;
    private final double[] bandPoints;

    BandsRule(Rule.Bands r, FittedSchema schema) {
      this(r, schema, feature(r, r.feature(), schema));
    }

    private BandsRule(Rule.Bands r, FittedSchema schema, FeatureSpec spec) {
      super(r, checkKind(r, spec), schema, r.reasons(), minOf(r), maxOf(r));
      this.valueCol = column(schema, spec.name(), Column.Role.VALUE);
      this.missingCol = column(schema, spec.name(), Column.Role.MISSING_FLAG);
      // Event features always have a value: a count of 0, or "never" counted as capDays when unflagged.
      this.canBeMissing = !spec.offers().alwaysHasValue();
      FeatureOffers offers = spec.offers();
      int n = r.bands().size();
      this.from = new double[n];
      this.to = new double[n];
      this.bandPoints = new double[n];
      for (int i = 0; i < n; i++) {
        Rule.Band b = r.bands().get(i);
        String never = offers.whyBandNeverMatches(b.from(), b.to());
        if (never != null) {
          throw RuleSetException.of(r.id(), "band " + i + " " + b + " can never match: " + never);
        }
        from[i] = offers.bandEdge(b.from());
        to[i] = offers.bandEdge(b.to());
        bandPoints[i] = Points.q(b.points());
      }
    }

    private static FeatureSpec checkKind(Rule.Bands r, FeatureSpec spec) {
      if (!spec.offers().bands()) {
        throw wrongKind(r, spec, "a numeric, ordinal, recency or eventCount feature");
      }
      return spec;
    }

    private static double minOf(Rule.Bands r) {
      double m = 0;
      for (Rule.Band b : r.bands()) {
        m = Math.min(m, Points.q(b.points()));
      }
      return m;
    }

    private static double maxOf(Rule.Bands r) {
      double m = 0;
      for (Rule.Band b : r.bands()) {
        m = Math.max(m, Points.q(b.points()));
      }
      return m;
    }

    @Override
    int slot(Lead lead, Instant asOf, double[] row) {
      if (missingCol >= 0 ? row[missingCol] == 1.0 : canBeMissing && displayMissing(lead, asOf, row)) {
        return -1;
      }
      double v = row[valueCol];
      for (int i = 0; i < from.length; i++) {
        if (from[i] <= v && v < to[i]) {
          return i;
        }
      }
      return -1;
    }

    @Override
    double slotPoints(int slot) {
      return bandPoints[slot];
    }
  }

  /** Points for a yes/no value: slot 1 is yes, slot 0 is no. */
  static final class FlagRule extends AttributeRule {
    private final int valueCol;
    private final int missingCol;
    private final double ifTrue;
    private final double ifFalse;

    FlagRule(Rule.Flag r, FittedSchema schema) {
      this(r, schema, feature(r, r.feature(), schema));
    }

    private FlagRule(Rule.Flag r, FittedSchema schema, FeatureSpec spec) {
      super(r, checkKind(r, spec), schema, r.reasons(), Math.min(Points.q(r.ifTrue()), Points.q(r.ifFalse())),
          Math.max(Points.q(r.ifTrue()), Points.q(r.ifFalse())));
      this.valueCol = column(schema, spec.name(), Column.Role.VALUE);
      this.missingCol = column(schema, spec.name(), Column.Role.MISSING_FLAG);
      this.ifTrue = Points.q(r.ifTrue());
      this.ifFalse = Points.q(r.ifFalse());
    }

    private static FeatureSpec checkKind(Rule.Flag r, FeatureSpec spec) {
      if (!spec.offers().yesNo()) {
        throw wrongKind(r, spec, "a boolean feature");
      }
      return spec;
    }

    @Override
    int slot(Lead lead, Instant asOf, double[] row) {
      if (missingCol >= 0 ? row[missingCol] == 1.0 : displayMissing(lead, asOf, row)) {
        return -1;
      }
      return row[valueCol] == 1.0 ? 1 : 0;
    }

    @Override
    double slotPoints(int slot) {
      return slot == 1 ? ifTrue : ifFalse;
    }
  }

  // ---------------------------------------------------------------------------- events

  /** Points per decayed, capped occurrence of some event types. */
  static final class EventsRule extends CompiledRule {
    private static final int AGE_BITS = 42;
    private static final int COUNT_BITS = 21;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

    private final Rule.Events r;
    private final Set<String> types;
    private final double pointsPerEvent;
    private final ReasonTemplates templates;

    EventsRule(Rule.Events r, FittedSchema schema) {
      super(r, familyOf(r, schema), bound(r), bound(r));
      this.r = r;
      this.types = Set.copyOf(r.eventTypes());
      this.pointsPerEvent = r.pointsPerEvent();
      this.templates = r.reasons() != null ? r.reasons() : generic(r);
    }

    private static double bound(Rule.Events r) {
      return Points.q(r.pointsPerEvent() * (r.maxEvents() * r.maxWeight()));
    }

    private static String familyOf(Rule.Events r, FittedSchema schema) {
      Set<String> known = schema.schema().eventTypes();
      for (String t : r.eventTypes()) {
        if (!known.contains(t)) {
          throw RuleSetException.of(r.id(), "event type '" + t + "' is not read by schema '" + schema.schema().name()
              + "'; it reads " + known);
        }
      }
      for (FeatureSpec f : schema.schema().features()) {
        for (String t : f.eventTypes()) {
          if (r.eventTypes().contains(t)) {
            return f.family();
          }
        }
      }
      throw new AssertionError("a known event type without a feature");
    }

    private static ReasonTemplates generic(Rule.Events r) {
      List<String> labels = new ArrayList<>();
      for (String t : r.eventTypes()) {
        labels.add(t.replace('_', ' '));
      }
      String label = String.join(" or ", labels);
      label = label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1);
      String window = Double.isFinite(r.windowDays()) ? " in the last " + format(r.windowDays()) + " days" : "";
      String sentence = label + ": " + ReasonTemplates.VALUE + window;
      return new ReasonTemplates(sentence, sentence, label + ": none" + window);
    }

    static String format(double v) {
      if (v == Math.rint(v) && Math.abs(v) < 1e15) {
        return Long.toString((long) v);
      }
      return Double.toString(v);
    }

    /** Age in milliseconds of event {@code i} when at or before asOf, or -1 when after it. */
    private static long ageMillis(long asOfMillis, EventColumns events, int i) {
      long t = epochMillis(events.epochSecond(i), events.nano(i));
      if (t > asOfMillis) {
        return -1;
      }
      long age = asOfMillis - t;
      return age < 0 ? Long.MAX_VALUE : age; // overflow: older than anything representable
    }

    /** Whether event {@code i} counts at all: right type, not in the future, inside the window, non-zero count. */
    private long eligibleAge(long asOfMillis, EventColumns events, int i) {
      if (events.count(i) == 0 || !types.contains(events.type(i))) {
        return -1;
      }
      return eligibleAgeOfType(asOfMillis, events, i);
    }

    /**
     * {@link #eligibleAge} for an event already known to be of one of the rule's types and to have
     * a non-zero count: {@link #eligibleAge} tests both first, and {@link #route} leaves
     * zero-count events out of every bucket.
     */
    private long eligibleAgeOfType(long asOfMillis, EventColumns events, int i) {
      long age = ageMillis(asOfMillis, events, i);
      if (age < 0 || !(age / MILLIS_PER_DAY <= r.windowDays())) {
        return -1;
      }
      return age;
    }

    /**
     * The decayed, capped number of counted occurrences: the {@code maxEvents} most recent
     * occurrences, each weighted by the decay, summed in (age, count) order so that the result
     * does not depend on the order of the lead's events.
     *
     * <p>Scoring uses the bucketed {@link #countedWeight(Lead, long, Scratch, int, int)}; this
     * unbucketed loop (every event's type tested here) is kept as the independent reference the
     * bucketed path is checked against through {@code RuleScorer.rulePointsUnbucketed} in tests,
     * so it must not be rewritten in terms of the bucketed one.
     */
    double countedWeight(Lead lead, long asOfMillis, Scratch scratch) {
      EventColumns events = EventColumns.copyOf(lead.events());
      int n = events.size();
      if (n == 0) {
        return 0.0;
      }
      scratch.ensure(n);
      long[] ages = scratch.ages;
      int[] counts = scratch.counts;
      int m = 0;
      boolean packable = true;
      for (int i = 0; i < n; i++) {
        long age = eligibleAge(asOfMillis, events, i);
        if (age >= 0) {
          ages[m] = age;
          counts[m] = events.count(i);
          packable &= age < (1L << AGE_BITS);
          m++;
        }
      }
      return sum(ages, counts, scratch.keys, m, packable);
    }

    /**
     * {@link #countedWeight(Lead, long, Scratch)} over the rule's bucket of a routed lead
     * ({@link #route} filled {@code scratch} for this lead): the events at
     * {@code scratch.routed[from .. to - 1]}, all of the rule's types, in the lead's event order.
     * Bit-identical: the same events reach the same (age, count) arrays in the same order.
     */
    double countedWeight(Lead lead, long asOfMillis, Scratch scratch, int from, int to) {
      if (from == to) {
        return 0.0;
      }
      EventColumns events = EventColumns.copyOf(lead.events());
      int[] routed = scratch.routed;
      scratch.ensure(to - from);
      long[] ages = scratch.ages;
      int[] counts = scratch.counts;
      int m = 0;
      boolean packable = true;
      for (int k = from; k < to; k++) {
        int i = routed[k];
        long age = eligibleAgeOfType(asOfMillis, events, i);
        if (age >= 0) {
          ages[m] = age;
          counts[m] = events.count(i);
          packable &= age < (1L << AGE_BITS);
          m++;
        }
      }
      return sum(ages, counts, scratch.keys, m, packable);
    }

    /** Sorts the first {@code m} (age, count) pairs and sums the decayed weights of the {@code maxEvents} first. */
    private double sum(long[] ages, int[] counts, long[] keys, int m, boolean packable) {
      if (m == 0) {
        return 0.0;
      }
      sort(ages, counts, keys, m, packable);
      double sum = 0.0;
      long remaining = r.maxEvents();
      for (int i = 0; i < m && remaining > 0; i++) {
        long c = Math.min(counts[i], remaining);
        sum += c * r.decay().weight(ages[i] / MILLIS_PER_DAY);
        remaining -= c;
      }
      return sum;
    }

    /** Sorts the first {@code m} (age, count) pairs by age, then count. */
    private static void sort(long[] ages, int[] counts, long[] keys, int m, boolean packable) {
      if (m == 1) {
        return;
      }
      if (packable) {
        // Counts above 2^21 - 1 are clipped in the key only where they exceed any cap (maxEvents <= 10^6).
        for (int i = 0; i < m; i++) {
          keys[i] = (ages[i] << COUNT_BITS) | Math.min(counts[i], COUNT_MASK);
        }
        Arrays.sort(keys, 0, m);
        for (int i = 0; i < m; i++) {
          ages[i] = keys[i] >>> COUNT_BITS;
          counts[i] = (int) (keys[i] & COUNT_MASK);
        }
        return;
      }
      Integer[] idx = new Integer[m];
      for (int i = 0; i < m; i++) {
        idx[i] = i;
      }
      long[] a = Arrays.copyOf(ages, m);
      int[] c = Arrays.copyOf(counts, m);
      Arrays.sort(idx, Comparator.<Integer>comparingLong(i -> a[i]).thenComparingInt(i -> c[i]));
      for (int i = 0; i < m; i++) {
        ages[i] = a[idx[i]];
        counts[i] = c[idx[i]];
      }
    }

    /**
     * The unbucketed points: only {@code RuleScorer.rulePointsUnbucketed}, the tests' reference,
     * reaches it; scoring calls {@link #points(Lead, long, Scratch, int, int)} instead.
     */
    @Override
    double points(Lead lead, Instant asOf, long asOfMillis, double[] row, double[] pts, Scratch scratch) {
      return pointsOf(countedWeight(lead, asOfMillis, scratch));
    }

    /** {@link #points} over the rule's bucket of a routed lead (see {@link #countedWeight(Lead, long, Scratch, int, int)}). */
    double points(Lead lead, long asOfMillis, Scratch scratch, int from, int to) {
      return pointsOf(countedWeight(lead, asOfMillis, scratch, from, to));
    }

    private double pointsOf(double w) {
      return w == 0.0 ? 0.0 : Points.clamp(Points.q(pointsPerEvent * w), min, max);
    }

    /** Occurrences in the window at or before asOf, counted or not: what a person reads. */
    long occurrences(Lead lead, long asOfMillis) {
      long total = 0;
      EventColumns events = EventColumns.copyOf(lead.events());
      for (int i = 0, n = events.size(); i < n; i++) {
        if (eligibleAge(asOfMillis, events, i) >= 0) {
          total += events.count(i);
        }
      }
      return total;
    }

    @Override
    Reason reason(Lead lead, long asOfMillis, String[] values, double points) {
      long n = occurrences(lead, asOfMillis);
      String value = Long.toString(n);
      return new Reason(id, family, points, templates.render(points > 0, n == 0, value), value);
    }
  }

  // ---------------------------------------------------------------------------- bonus

  /** Extra points for a combination of other rules that all fired. */
  static final class BonusRule extends CompiledRule {
    private final int[] parts;
    private final double extraFactor;
    private final String text;

    /**
     * @param indexOf each rule's position in the rule set (the index into {@code pts})
     * @param compiled the compiled rules by position; every ordinary rule is already compiled
     */
    BonusRule(Rule.Bonus r, Map<String, Integer> indexOf, CompiledRule[] compiled) {
      this(r, resolve(r, indexOf, compiled), indexOf);
    }

    private BonusRule(Rule.Bonus r, List<CompiledRule> parts, Map<String, Integer> indexOf) {
      super(r, familyOf(parts), extra(r, parts), extra(r, parts));
      this.parts = new int[parts.size()];
      for (int i = 0; i < parts.size(); i++) {
        this.parts[i] = indexOf.get(parts.get(i).id);
      }
      this.extraFactor = r.multiplier() - 1.0;
      this.text = r.text();
    }

    private static List<CompiledRule> resolve(Rule.Bonus r, Map<String, Integer> indexOf, CompiledRule[] compiled) {
      List<CompiledRule> out = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (String p : r.parts()) {
        Integer i = indexOf.get(p);
        CompiledRule c = i == null ? null : compiled[i];
        if (c == null || c instanceof BonusRule || !seen.add(p)) {
          throw RuleSetException.of(r.id(), "bonus part '" + p + "' is not an ordinary rule of the rule set");
        }
        out.add(c);
      }
      return out;
    }

    private static String familyOf(List<CompiledRule> parts) {
      for (CompiledRule p : parts) {
        if (p.group == Group.INTENT) {
          return p.family;
        }
      }
      return parts.get(0).family;
    }

    /** The extra points when every part is at its maximum: the bonus's extreme. */
    private static double extra(Rule.Bonus r, List<CompiledRule> parts) {
      double sum = 0;
      for (CompiledRule p : parts) {
        sum += p.max;
      }
      return Points.q((r.multiplier() - 1.0) * sum);
    }

    /** Whether every part earned strictly positive points. */
    boolean earned(double[] pts) {
      for (int p : parts) {
        if (!(pts[p] > 0)) {
          return false;
        }
      }
      return true;
    }

    /** The sum of the parts' points (exact: grid values). */
    double partsSum(double[] pts) {
      double sum = 0;
      for (int p : parts) {
        sum += pts[p];
      }
      return sum;
    }

    @Override
    double points(Lead lead, Instant asOf, long asOfMillis, double[] row, double[] pts, Scratch scratch) {
      if (!earned(pts)) {
        return 0.0;
      }
      return Points.clamp(Points.q(extraFactor * partsSum(pts)), min, max);
    }

    @Override
    Reason reason(Lead lead, long asOfMillis, String[] values, double points) {
      return new Reason(id, family, points, points != 0 ? text : text + " (not earned)", null);
    }
  }
}
