package dev.leadscore.rules;

import dev.leadscore.core.Lead;
import dev.leadscore.core.internal.EventColumns;
import dev.leadscore.core.internal.EventRouting;
import dev.leadscore.core.Reason;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A rule bound to a fitted schema: names resolved to column indices, band edges transformed,
 * points rounded to the grid, its family and its attainable range fixed. Immutable after
 * construction, so a scorer shares its compiled rules between threads; all per-lead state lives
 * in the arguments. Each rule kind's compiled form is a subclass in its own file
 * ({@link LevelsRule}, {@link BandsRule}, {@link FlagRule}, {@link EventsRule}, {@link BonusRule});
 * this holds what they share and the event routing.
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
   * The rule's line in an explanation, its sentence rendered when first read (through the schema's
   * shared wording, {@code FittedSchema.describe}); {@code row} is the lead's extracted vector, owned
   * by this call and never changed afterwards, {@code occurrences} an events rule's occurrences in
   * its window at or before asOf (0 for the other kinds), and {@code scorePoints} the rule's points
   * restated in points of the 0–100 score.
   */
  abstract Reason reason(Lead lead, Instant asOf, double[] row, long occurrences, double points, double scorePoints);

  /** A reason whose words are fixed text. */
  static Reason fixed(String id, String family, double points, double scorePoints, String text, String value) {
    return Reason.of(id, family, points, scorePoints, new Reason.Wording() {
      @Override
      public String text(Reason reason) {
        return text;
      }

      @Override
      public String value(Reason reason) {
        return value;
      }
    });
  }

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
}
