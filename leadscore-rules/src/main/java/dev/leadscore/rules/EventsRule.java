package dev.leadscore.rules;

import dev.leadscore.core.Lead;
import dev.leadscore.core.internal.EventColumns;
import dev.leadscore.core.Reason;
import dev.leadscore.core.schema.Decay;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.ReasonTemplates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Points per decayed, capped occurrence of some event types. */
final class EventsRule extends CompiledRule {
  private static final int AGE_BITS = 42;
  private static final int COUNT_BITS = 21;
  private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

  private final Rule.Events r;
  final Set<String> types; // read by CompiledRule.routing
  /** {@link FittedSchema#eventTypeId} of each of the rule's types. */
  final int[] typeIds;
  /** Each type's slot in an {@link EventTally} ({@link EventTally#slotOf}). */
  final int[] typeSlots;
  /**
   * The oldest age in milliseconds inside the window: {@code age / MILLIS_PER_DAY <= windowDays}
   * exactly when {@code age <= windowMillis}, for ages {@code >= 0}, since the quotient does not
   * decrease with the age.
   */
  private final long windowMillis;
  private final double pointsPerEvent;
  private final ReasonTemplates templates;

  EventsRule(Rule.Events r, FittedSchema schema) {
    super(r, familyOf(r, schema), bound(r), bound(r));
    this.r = r;
    this.types = Set.copyOf(r.eventTypes());
    this.typeIds = r.eventTypes().stream().mapToInt(schema::eventTypeId).toArray();
    this.typeSlots = r.eventTypes().stream().mapToInt(t -> EventTally.slotOf(schema, t)).toArray();
    this.windowMillis = windowMillis(r.windowDays());
    this.pointsPerEvent = r.pointsPerEvent();
    this.templates = r.reasons() != null ? r.reasons() : generic(r);
  }

  /** The largest age {@code a >= 0} in milliseconds with {@code a / MILLIS_PER_DAY <= windowDays}. */
  static long windowMillis(double windowDays) {
    if (Long.MAX_VALUE / MILLIS_PER_DAY <= windowDays) {
      return Long.MAX_VALUE;
    }
    long lo = 0; // inside: windowDays > 0
    long hi = Long.MAX_VALUE; // outside
    while (hi - lo > 1) {
      long mid = lo + (hi - lo) / 2;
      if (mid / MILLIS_PER_DAY <= windowDays) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
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
    // "No demo requests in the last 90 days", "1 demo request ...", "3 demo requests ..."
    String one = r.eventTypes().size() == 1 ? label.toLowerCase(Locale.ROOT) : label.toLowerCase(Locale.ROOT) + " event";
    return ReasonTemplates.of(ReasonTemplates.VALUE + window, label + ": unknown" + window).withUnit(one + "s", one);
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
   * <p>Scoring uses {@link #countedWeight(EventTally, long[], int)} on the events extraction
   * handed over, or, on the raw-events path and in {@code PointsDeriver}, the bucketed
   * {@link #countedWeight(Lead, long, Scratch, int, int)}; this unbucketed loop (every event's type tested here) is kept as the independent reference the
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

  /**
   * {@link #countedWeight(Lead, long, Scratch)} from the events extraction handed over: the
   * tally's events of the rule's types. Bit-identical: the same (age, count) pairs reach
   * {@link #sum}, in another order, which its sort by (age, count) undoes.
   *
   * @param occurrences where to put the occurrences in the window at {@code position} (what
   *     {@link #occurrences} counts), or {@code null}
   */
  double countedWeight(EventTally tally, long[] occurrences, int position) {
    int m = 0;
    long seen = 0;
    boolean packable = true;
    long[] ages = null;
    int[] counts = null;
    for (int slot : typeSlots) {
      for (int k = tally.head[slot]; k > 0; k = tally.next[k - 1]) {
        long age = tally.ages[k - 1];
        if (age <= windowMillis) {
          if (ages == null) {
            tally.ensureSortBuffers();
            ages = tally.sortAges;
            counts = tally.sortCounts;
          }
          ages[m] = age;
          counts[m] = tally.counts[k - 1];
          seen += counts[m];
          packable &= age < (1L << AGE_BITS);
          m++;
        }
      }
    }
    if (occurrences != null) {
      occurrences[position] = seen;
    }
    return m == 0 ? 0.0 : sum(ages, counts, tally.sortKeys, m, packable);
  }

  /** {@link #points} from the events extraction handed over (see {@link #countedWeight(EventTally, long[], int)}). */
  double points(EventTally tally, long[] occurrences, int position) {
    return pointsOf(countedWeight(tally, occurrences, position));
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
      sum += c * weightMillis(ages[i]);
      remaining -= c;
    }
    return sum;
  }

  /**
   * {@code r.decay().weightMillis(ageMillis)}, called on the decay's own class so that each call
   * site sees one class (a call through the interface sees all three and is not inlined).
   */
  private double weightMillis(long ageMillis) {
    Decay d = r.decay();
    if (d instanceof Decay.StepSchedule s) {
      return s.weightMillis(ageMillis);
    } else if (d instanceof Decay.HalfLife h) {
      return h.weightMillis(ageMillis);
    }
    return d.weightMillis(ageMillis);
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
  Reason reason(Lead lead, Instant asOf, double[] row, long occurrences, double points, double scorePoints) {
    long n = occurrences;
    return Reason.of(id, family, points, scorePoints, new Reason.Wording() {
      @Override
      public String text(Reason reason) {
        return templates.renderNumber(n, id); // the schema's number wording: "no demo requests", "1 demo request"
      }

      @Override
      public String value(Reason reason) {
        return Long.toString(n);
      }
    });
  }
}
