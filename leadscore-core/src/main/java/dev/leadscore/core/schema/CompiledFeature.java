package dev.leadscore.core.schema;

import dev.leadscore.core.Lead;
import dev.leadscore.core.internal.EventColumns;
import java.time.Instant;
import java.util.Locale;

/**
 * A feature with its names resolved, its fitted parameters bound and its column offset fixed:
 * the form extraction runs on. Each kind's subclass is nested in its kind file
 * ({@code NumericKind.Compiled}, ...); this holds what they share. Immutable after construction
 * apart from the text memos (thread-safe caches), so a fitted schema can share it between threads.
 */
abstract class CompiledFeature {

  final FeatureSpec spec;
  final int offset;

  CompiledFeature(FeatureSpec spec, int offset) {
    this.spec = spec;
    this.offset = offset;
  }

  abstract int width();

  /**
   * Writes this feature's columns into {@code out[offset .. offset+width)}. Event features find
   * their accumulators there (filled by the event pass) and finish them.
   */
  abstract void write(Lead lead, Instant asOf, double[] out);

  /**
   * The lead's value as a person reads it, or {@code null} when it has none; {@code row} is the
   * lead's extracted vector at the same {@code asOf}.
   */
  abstract String display(Lead lead, Instant asOf, double[] row);

  /**
   * The sentence saying what the lead's value is, from the feature's compiled templates; by default
   * the display value as a level. Kinds whose value is a number, a yes/no or a recency override it.
   */
  String text(ReasonTemplates.Compiled wording, Lead lead, Instant asOf, double[] row) {
    return wording.level(display(lead, asOf, row));
  }

  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    String s = String.format(Locale.ROOT, "%.2f", v);
    s = s.replaceAll("0+$", "");
    s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    return s.equals("-0") ? "0" : s; // a tiny negative rounds to zero, not "minus zero"
  }

  /** Writes a value (NaN meaning missing, so imputed) and, when declared, its 0/1 missing flag. */
  static void writeImputed(double v, double impute, boolean missingFlag, int offset, double[] out) {
    boolean isMissing = Double.isNaN(v);
    out[offset] = isMissing ? impute : v;
    if (missingFlag) {
      out[offset + 1] = isMissing ? 1 : 0;
    }
  }

  static double signedLog1p(double v) {
    return v >= 0 ? log1pCount(v) : -log1pCount(-v);
  }

  /** {@code StrictMath.log1p(k)} for k = 0 .. LOG1P_TABLE.length - 1. */
  private static final double[] LOG1P_TABLE = new double[1024];

  static {
    for (int k = 0; k < LOG1P_TABLE.length; k++) {
      LOG1P_TABLE[k] = StrictMath.log1p(k);
    }
  }

  /**
   * Bit for bit {@code StrictMath.log1p(v)}, which is what {@code Math.log1p} returns on JDK 17
   * (it delegates): from a table when {@code v} is a small non-negative integer (an undecayed
   * count, a head count), otherwise from {@link FdlibmLog1p}, the same routine without the native
   * call. Zero is returned as is, so -0.0 stays -0.0 as log1p keeps it.
   */
  static double log1pCount(double v) {
    int k = (int) v;
    if (k == v && k >= 0 && k < LOG1P_TABLE.length) {
      return k == 0 ? v : LOG1P_TABLE[k];
    }
    return FdlibmLog1p.log1p(v);
  }

  // ---------------------------------------------------------------- event features

  /** A feature fed by the single pass over a lead's events. */
  abstract static class EventFeature extends CompiledFeature {
    EventFeature(FeatureSpec spec, int offset) {
      super(spec, offset);
    }

    /** Prepares the accumulator in {@code out[offset]} before the event pass. */
    abstract void reset(double[] out);

    /**
     * Folds in one event of a type this feature reads, {@code ageDays >= 0}; {@code ageMillis} is
     * the same age in whole milliseconds, of which {@code ageDays} is the quotient by 86,400,000.
     */
    abstract void accept(double ageDays, double ageMillis, int count, double[] out);

    /** The start value of the display pass's accumulator. */
    abstract double displayStart();

    /** The display accumulator after one more event of a type this feature reads. */
    abstract double displayAccept(double acc, double ageDays, int count);

    /** The display value from the finished accumulator, or {@code null} for none. */
    abstract String displayOf(double acc);

    /** The sentence from the finished display accumulator. */
    abstract String textOf(ReasonTemplates.Compiled wording, double acc);

    @Override
    final String text(ReasonTemplates.Compiled wording, Lead lead, Instant asOf, double[] row) {
      return textOf(wording, displayAccumulator(lead, asOf));
    }

    /**
     * This feature's display value alone: the same fold as {@link FittedSchema#displayValues}, over
     * this feature's own event types. People read plain counts and whole days, not decayed weights.
     */
    @Override
    final String display(Lead lead, Instant asOf, double[] row) {
      return displayOf(displayAccumulator(lead, asOf));
    }

    private double displayAccumulator(Lead lead, Instant asOf) {
      double acc = displayStart();
      double asOfMillis = EventColumns.epochMillis(asOf);
      EventColumns events = EventColumns.copyOf(lead.events());
      for (int i = 0, n = events.size(); i < n; i++) {
        if (spec.eventTypes().contains(events.type(i)) && !events.isAfter(i, asOf.getEpochSecond(), asOf.getNano())) {
          acc = displayAccept(acc, events.ageDays(i, asOfMillis), events.count(i));
        }
      }
      return acc;
    }
  }
}
