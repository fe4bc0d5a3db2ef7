package dev.leadscore.core.schema;

import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import dev.leadscore.core.internal.EventColumns;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A feature with its names resolved, its fitted parameters bound and its column offset fixed:
 * the form extraction runs on. Immutable after construction, so a fitted schema can share it
 * between threads.
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

  // ---------------------------------------------------------------- attribute features

  static final class Numeric extends CompiledFeature {
    private final Values.MissingTokens missing;
    private final double impute;
    private final Basis.Kind basis;
    private final double[] knots;
    private final int valueWidth;
    // The spec's fields the per-lead path reads, copied here: the spec is one more object (and
    // cache line) per feature per lead.
    private final String attribute;
    private final double clipMin;
    private final double clipMax;
    private final boolean log1p;
    private final boolean missingFlag;

    /** @param knots the fitted basis knots, strictly increasing (empty without a basis); not retained */
    Numeric(NumericFeature f, int offset, double impute, double[] knots) {
      super(f, offset);
      this.attribute = f.attribute();
      this.clipMin = f.clipMin();
      this.clipMax = f.clipMax();
      this.log1p = f.log1p();
      this.missingFlag = f.missingFlag();
      this.missing = new Values.MissingTokens(f.missingTokens());
      this.impute = impute;
      this.basis = f.basis().kind();
      this.knots = knots.clone();
      this.valueWidth = basisWidth(basis, knots.length);
    }

    /** Columns taken by the value (before the missing flag) under a basis with {@code k} knots. */
    static int basisWidth(Basis.Kind basis, int k) {
      // HINGE: the value plus one hinge per knot; QUANTILE_BINS: one bin more than knots.
      return basis == Basis.Kind.NONE ? 1 : k + 1;
    }

    /** The raw value clipped and transformed, or NaN when missing. */
    double transformed(Lead lead) {
      double v = Values.number(lead.id(), attribute, lead.attribute(attribute), missing);
      return Double.isNaN(v) ? v : transform(v, clipMin, clipMax, log1p);
    }

    static double transform(NumericFeature f, double raw) {
      return transform(raw, f.clipMin(), f.clipMax(), f.log1p());
    }

    private static double transform(double raw, double clipMin, double clipMax, boolean log1p) {
      double v = Math.min(Math.max(raw, clipMin), clipMax);
      return log1p ? signedLog1p(v) : v;
    }

    @Override
    int width() {
      return valueWidth + (missingFlag ? 1 : 0);
    }

    @Override
    void write(Lead lead, Instant asOf, double[] out) {
      double v = transformed(lead);
      boolean isMissing = Double.isNaN(v);
      if (isMissing) {
        v = impute;
      }
      // Comparisons with the constants, not a switch: an enum switch reads the enum's ordinal and
      // a synthetic lookup array first, two more dependent loads per feature per lead.
      if (basis == Basis.Kind.NONE) {
        out[offset] = v;
      } else if (basis == Basis.Kind.HINGE) {
        out[offset] = v;
        for (int j = 0; j < knots.length; j++) {
          out[offset + 1 + j] = Math.max(0.0, v - knots[j]);
        }
      } else if (basis == Basis.Kind.QUANTILE_BINS) {
        int bin = 0;
        while (bin < knots.length && v >= knots[bin]) {
          bin++;
        }
        java.util.Arrays.fill(out, offset, offset + valueWidth, 0.0);
        out[offset + bin] = 1.0;
      } else {
        throw new AssertionError(basis);
      }
      if (missingFlag) {
        out[offset + valueWidth] = isMissing ? 1 : 0;
      }
    }

    @Override
    String display(Lead lead, Instant asOf, double[] row) {
      double v = Values.number(lead.id(), attribute, lead.attribute(attribute), missing);
      return Double.isNaN(v) ? null : format(v);
    }
  }

  static final class Bool extends CompiledFeature {
    private final Values.MissingTokens missing;
    private final double impute;
    private final String attribute; // with missingFlag, copied from the spec as in Numeric
    private final boolean missingFlag;

    private final TextMemo memo = new TextMemo();

    Bool(BooleanFeature f, int offset, double impute) {
      super(f, offset);
      this.attribute = f.attribute();
      this.missingFlag = f.missingFlag();
      this.missing = new Values.MissingTokens(f.missingTokens());
      this.impute = impute;
    }

    /** 1, 0 or NaN (missing); texts through the memo (code 1, 0 or -1). */
    double value(Lead lead) {
      AttributeValue v = lead.attribute(attribute);
      if (v instanceof AttributeValue.Text t) {
        int code = memo.get(t.value());
        if (code != TextMemo.ABSENT) {
          return code < 0 ? Double.NaN : code;
        }
        double d = Values.bool(lead.id(), attribute, v, missing);
        memo.remember(t.value(), Double.isNaN(d) ? -1 : (int) d);
        return d;
      }
      return Values.bool(lead.id(), attribute, v, missing);
    }

    @Override
    int width() {
      return missingFlag ? 2 : 1;
    }

    @Override
    void write(Lead lead, Instant asOf, double[] out) {
      writeImputed(value(lead), impute, missingFlag, offset, out);
    }

    @Override
    String display(Lead lead, Instant asOf, double[] row) {
      double v = value(lead);
      return Double.isNaN(v) ? null : v == 1 ? "yes" : "no";
    }
  }

  static final class Ordinal extends CompiledFeature {
    private final OrdinalFeature f;
    private final Values.MissingTokens missing;
    private final TextKeys keys;
    private final double[] mapped;
    private final double impute;
    private final String attribute; // with missingFlag, copied from the spec as in Numeric
    private final boolean missingFlag;
    private final TextMemo memo = new TextMemo();

    Ordinal(OrdinalFeature f, int offset, double impute) {
      super(f, offset);
      this.f = f;
      this.attribute = f.attribute();
      this.missingFlag = f.missingFlag();
      this.missing = new Values.MissingTokens(f.missingTokens());
      List<String> k = new java.util.ArrayList<>(f.mapping().keySet());
      this.keys = new TextKeys(k);
      this.mapped = new double[k.size()];
      for (int i = 0; i < k.size(); i++) {
        mapped[i] = f.mapping().get(k.get(i));
      }
      this.impute = impute;
    }

    /** The mapped value or NaN (missing); texts through the memo (key index, or -1 for missing). */
    double value(Lead lead) {
      AttributeValue v = lead.attribute(attribute);
      if (v instanceof AttributeValue.Text t) {
        int code = memo.get(t.value());
        int i = code != TextMemo.ABSENT ? code : memo.remember(t.value(), index(lead, v));
        return i < 0 ? Double.NaN : mapped[i];
      }
      int i = index(lead, v);
      return i < 0 ? Double.NaN : mapped[i];
    }

    /** The index of the value's key, or -1 when it is missing. */
    private int index(Lead lead, AttributeValue v) {
      String t = Values.rawText(lead.id(), attribute, v, missing, true);
      if (t == null) {
        return -1;
      }
      int i = keys.indexOf(t);
      if (i == TextKeys.ABSENT) {
        throw new dev.leadscore.core.LeadDataException(lead.id(), attribute,
            "'" + v.display() + "' is not one of the declared values " + f.mapping().keySet());
      }
      return i;
    }

    @Override
    int width() {
      return missingFlag ? 2 : 1;
    }

    @Override
    void write(Lead lead, Instant asOf, double[] out) {
      writeImputed(value(lead), impute, missingFlag, offset, out);
    }

    @Override
    String display(Lead lead, Instant asOf, double[] row) {
      return Double.isNaN(value(lead)) ? null : lead.attribute(attribute).display().strip();
    }
  }

  static final class Categorical extends CompiledFeature {
    private final Values.MissingTokens missing;
    private final TextKeys levels;
    private final int otherIndex;
    private final int missingIndex;
    private final int width;
    private final String attribute; // copied from the spec as in Numeric
    private final TextMemo memo = new TextMemo();

    Categorical(CategoricalFeature f, int offset, List<String> levels) {
      super(f, offset);
      this.attribute = f.attribute();
      this.missing = new Values.MissingTokens(f.missingTokens());
      this.levels = new TextKeys(levels);
      this.otherIndex = levels.size();
      this.missingIndex = f.missingLevel() ? levels.size() + 1 : otherIndex;
      this.width = levels.size() + (f.missingLevel() ? 2 : 1);
    }

    /** Column offset within this feature for the lead's value; texts through the memo. */
    int slot(Lead lead) {
      AttributeValue v = lead.attribute(attribute);
      if (v instanceof AttributeValue.Text t) {
        int code = memo.get(t.value());
        return code != TextMemo.ABSENT ? code : memo.remember(t.value(), slot(lead, v));
      }
      return slot(lead, v);
    }

    private int slot(Lead lead, AttributeValue v) {
      String t = Values.rawText(lead.id(), attribute, v, missing, true);
      if (t == null) {
        return missingIndex;
      }
      int i = levels.indexOf(t);
      return i == TextKeys.ABSENT ? otherIndex : i;
    }

    @Override
    int width() {
      return width;
    }

    @Override
    void write(Lead lead, Instant asOf, double[] out) {
      java.util.Arrays.fill(out, offset, offset + width, 0.0);
      out[offset + slot(lead)] = 1.0;
    }

    @Override
    String display(Lead lead, Instant asOf, double[] row) {
      String t = Values.rawText(lead.id(), attribute, lead.attribute(attribute), missing, true);
      return t == null ? null : Specs.normaliseSpaces(lead.attribute(attribute).display());
    }
  }

  static final class Title extends CompiledFeature {
    private static final Seniority[] LEVELS = Seniority.values();

    private final Values.MissingTokens missing;
    /**
     * Seniority ordinals by raw text (missing tokens included, as UNKNOWN). Parsing tokenises
     * and allocates, while real pipelines repeat a few thousand titles.
     */
    private final TextMemo memo = new TextMemo();
    private final String attribute; // copied from the spec as in Numeric

    Title(TitleSeniorityFeature f, int offset) {
      super(f, offset);
      this.attribute = f.attribute();
      this.missing = new Values.MissingTokens(f.missingTokens());
    }

    Seniority seniority(Lead lead) {
      AttributeValue v = lead.attribute(attribute);
      if (v instanceof AttributeValue.Text t) {
        int code = memo.get(t.value());
        return LEVELS[code != TextMemo.ABSENT ? code : memo.remember(t.value(), parse(lead, v).ordinal())];
      }
      return parse(lead, v);
    }

    private Seniority parse(Lead lead, AttributeValue v) {
      String t = Values.rawText(lead.id(), attribute, v, missing, false);
      return t == null ? Seniority.UNKNOWN : TitleParser.parse(t);
    }

    @Override
    int width() {
      return LEVELS.length;
    }

    @Override
    void write(Lead lead, Instant asOf, double[] out) {
      java.util.Arrays.fill(out, offset, offset + LEVELS.length, 0.0);
      out[offset + seniority(lead).ordinal()] = 1.0;
    }

    @Override
    String display(Lead lead, Instant asOf, double[] row) {
      Seniority s = seniority(lead);
      return s == Seniority.UNKNOWN ? null : Specs.normaliseSpaces(lead.attribute(attribute).display());
    }
  }

  static final class Email extends CompiledFeature {
    private static final EmailDomainClass[] CLASSES = EmailDomainClass.values();
    private final EmailDomains.DomainSets domains;
    private final Values.MissingTokens noTokens = new Values.MissingTokens(List.of());
    private final String attribute; // copied from the spec as in Numeric

    Email(EmailDomainFeature f, int offset) {
      super(f, offset);
      this.attribute = f.attribute();
      this.domains = new EmailDomains.DomainSets(
          f.freeMailDomains().isEmpty() ? EmailDomains.DEFAULT_FREE_MAIL : Set.copyOf(f.freeMailDomains()),
          Set.copyOf(f.competitorDomains()));
    }

    EmailDomainClass domainClass(Lead lead) {
      AttributeValue v = lead.attribute(attribute);
      String t = Values.rawText(lead.id(), attribute, v, noTokens, false);
      return t == null ? EmailDomainClass.UNKNOWN : EmailDomains.classify(t, domains);
    }

    @Override
    int width() {
      return CLASSES.length;
    }

    @Override
    void write(Lead lead, Instant asOf, double[] out) {
      java.util.Arrays.fill(out, offset, offset + CLASSES.length, 0.0);
      out[offset + domainClass(lead).ordinal()] = 1.0;
    }

    @Override
    String display(Lead lead, Instant asOf, double[] row) {
      EmailDomainClass c = domainClass(lead);
      return c == EmailDomainClass.UNKNOWN ? null : c.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  // ---------------------------------------------------------------- event features

  /** A feature fed by the single pass over a lead's events. */
  abstract static class EventFeature extends CompiledFeature {
    EventFeature(FeatureSpec spec, int offset) {
      super(spec, offset);
    }

    /** Prepares the accumulator in {@code out[offset]} before the event pass. */
    abstract void reset(double[] out);

    /** Folds in one event of a type this feature reads, {@code ageDays >= 0}. */
    abstract void accept(double ageDays, int count, double[] out);

    /** The start value of the display pass's accumulator. */
    abstract double displayStart();

    /** The display accumulator after one more event of a type this feature reads. */
    abstract double displayAccept(double acc, double ageDays, int count);

    /** The display value from the finished accumulator, or {@code null} for none. */
    abstract String displayOf(double acc);

    /**
     * This feature's display value alone: the same fold as {@link FittedSchema#displayValues}, over
     * this feature's own event types. People read plain counts and whole days, not decayed weights.
     */
    @Override
    final String display(Lead lead, Instant asOf, double[] row) {
      double acc = displayStart();
      double asOfMillis = EventColumns.epochMillis(asOf);
      EventColumns events = EventColumns.copyOf(lead.events());
      for (int i = 0, n = events.size(); i < n; i++) {
        if (spec.eventTypes().contains(events.type(i)) && !events.isAfter(i, asOf.getEpochSecond(), asOf.getNano())) {
          acc = displayAccept(acc, events.ageDays(i, asOfMillis), events.count(i));
        }
      }
      return displayOf(acc);
    }
  }

  static final class EventCount extends EventFeature {
    private static final int NO_DECAY = 0;
    private static final int HALF_LIFE = 1;
    private static final int STEPS = 2;

    // The decay unpacked into fields: Decay.weight is an interface call with three
    // implementations, which the JIT cannot inline on the per-event path. Same arithmetic.
    private final double windowDays;
    private final int decayKind;
    private final double halfLifeDays;
    private final double[] stepUpTo;
    private final double[] stepWeight;
    private final double beyond;
    private final double cap; // with log1p, copied from the spec as in Numeric
    private final boolean log1p;

    EventCount(EventCountFeature f, int offset) {
      super(f, offset);
      this.windowDays = f.windowDays();
      this.cap = f.cap();
      this.log1p = f.log1p();
      Decay d = f.decay();
      if (d instanceof Decay.HalfLife h) {
        decayKind = HALF_LIFE;
        halfLifeDays = h.days();
        stepUpTo = stepWeight = new double[0];
        beyond = 0;
      } else if (d instanceof Decay.StepSchedule st) {
        decayKind = STEPS;
        halfLifeDays = 0;
        stepUpTo = st.steps().stream().mapToDouble(Decay.Step::upToDays).toArray();
        stepWeight = st.steps().stream().mapToDouble(Decay.Step::weight).toArray();
        beyond = st.beyond();
      } else {
        decayKind = NO_DECAY;
        halfLifeDays = 0;
        stepUpTo = stepWeight = new double[0];
        beyond = 0;
      }
    }

    /** Bit for bit the feature's {@code decay().weight(ageDays)}. */
    double weight(double ageDays) {
      switch (decayKind) {
        case NO_DECAY:
          return 1.0;
        case HALF_LIFE:
          return Math.pow(0.5, ageDays / halfLifeDays);
        default:
          for (int i = 0; i < stepUpTo.length; i++) {
            if (ageDays <= stepUpTo[i]) {
              return stepWeight[i];
            }
          }
          return beyond;
      }
    }

    @Override
    int width() {
      return 1;
    }

    @Override
    void reset(double[] out) {
      out[offset] = 0.0;
    }

    @Override
    void accept(double ageDays, int count, double[] out) {
      if (ageDays <= windowDays) {
        out[offset] += count * weight(ageDays);
      }
    }

    @Override
    void write(Lead lead, Instant asOf, double[] out) {
      double v = Math.min(out[offset], cap);
      out[offset] = log1p ? log1pCount(v) : v;
    }

    @Override
    double displayStart() {
      return 0;
    }

    @Override
    double displayAccept(double acc, double ageDays, int count) {
      return ageDays <= windowDays ? acc + count : acc;
    }

    @Override
    String displayOf(double acc) {
      return Long.toString((long) acc);
    }

  }

  static final class Recency extends EventFeature {
    private final double capDays; // with missingFlag, copied from the spec as in Numeric
    private final boolean missingFlag;

    Recency(RecencyFeature f, int offset) {
      super(f, offset);
      this.capDays = f.capDays();
      this.missingFlag = f.missingFlag();
    }

    @Override
    int width() {
      return missingFlag ? 2 : 1;
    }

    @Override
    void reset(double[] out) {
      out[offset] = Double.POSITIVE_INFINITY;
    }

    @Override
    void accept(double ageDays, int count, double[] out) {
      if (count > 0 && ageDays < out[offset]) { // an event that happened 0 times did not happen
        out[offset] = ageDays;
      }
    }

    @Override
    void write(Lead lead, Instant asOf, double[] out) {
      boolean none = out[offset] == Double.POSITIVE_INFINITY;
      out[offset] = none ? capDays : Math.min(out[offset], capDays);
      if (missingFlag) {
        out[offset + 1] = none ? 1 : 0;
      }
    }

    @Override
    double displayStart() {
      return Double.POSITIVE_INFINITY;
    }

    @Override
    double displayAccept(double acc, double ageDays, int count) {
      return count > 0 && ageDays < acc ? ageDays : acc;
    }

    @Override
    String displayOf(double acc) {
      return acc == Double.POSITIVE_INFINITY ? null : Long.toString((long) Math.floor(acc));
    }

  }

  // ---------------------------------------------------------------- interactions

  static final class Interaction extends CompiledFeature {
    private final int left;
    private final int right;

    Interaction(InteractionFeature f, int offset, int left, int right) {
      super(f, offset);
      this.left = left;
      this.right = right;
    }

    @Override
    int width() {
      return 1;
    }

    @Override
    void write(Lead lead, Instant asOf, double[] out) {
      double v = out[left] * out[right];
      if (!Double.isFinite(v)) {
        throw new dev.leadscore.core.LeadDataException(lead.id(), spec.name(), "the product of its parent columns ("
            + out[left] + " x " + out[right] + ") overflows; clip or log-transform the parents");
      }
      out[offset] = v;
    }

    @Override
    String display(Lead lead, Instant asOf, double[] row) {
      return format(row[offset]);
    }
  }
}
