package dev.leadscore.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.Lead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link NumericFeature} kind: JSON form, fitting (imputation and basis knots), extraction, columns, offers. */
final class NumericKind extends FeatureKind {
  static final String NAME = "numeric";
  static final Set<String> FIELDS = Set.of("attribute", "log1p", "clipMin", "clipMax", "imputation", "missingFlag",
      "missingTokens", "basis");

  private final NumericFeature f;

  NumericKind(NumericFeature f) {
    super(f);
    this.f = f;
  }

  static NumericFeature read(SchemaJson.Ctx ctx, JsonNode n, FeatureInfo info) {
    return new NumericFeature(info, ctx.requiredText(n, "attribute"), ctx.optBool(n, "log1p", false),
        ctx.optDouble(n, "clipMin", Double.NEGATIVE_INFINITY), ctx.optDouble(n, "clipMax", Double.POSITIVE_INFINITY),
        SchemaJson.readImputation(ctx, n), ctx.optBool(n, "missingFlag", false), ctx.optStrings(n, "missingTokens"),
        readBasis(ctx, n));
  }

  private static Basis readBasis(SchemaJson.Ctx ctx, JsonNode n) {
    if (!n.has("basis")) {
      return Basis.none();
    }
    JsonNode b = n.get("basis");
    if (b.isTextual()) {
      if (b.asText().equals("linear")) {
        return Basis.linear();
      }
      throw ctx.error("basis must be \"linear\" or an object {\"type\": ..., \"knots\": ...}, got '" + b.asText() + "'");
    }
    ctx.object(b);
    ctx.allowOnly(b, Set.of("type", "knots"));
    String type = ctx.requiredText(b, "type");
    switch (type) {
      case "none":
        return Basis.none();
      case "hinge":
        return Basis.hinge(ctx.requiredInt(b, "knots"));
      case "quantileBins":
        return Basis.quantileBins(ctx.requiredInt(b, "knots"));
      default:
        throw ctx.error("basis type must be none, hinge or quantileBins, got '" + type + "'");
    }
  }

  @Override
  void writeJson(ObjectNode o) {
    o.put("attribute", f.attribute());
    o.put("log1p", f.log1p());
    SchemaJson.putFinite(o, "clipMin", f.clipMin());
    SchemaJson.putFinite(o, "clipMax", f.clipMax());
    SchemaJson.writeImputation(o, f.imputation());
    o.put("missingFlag", f.missingFlag());
    SchemaJson.putStrings(o, "missingTokens", f.missingTokens());
    if (f.basis().kind() == Basis.Kind.LINEAR) {
      o.put("basis", "linear");
    } else if (f.basis().expands()) {
      // Written only when present, so schemas without a basis keep their fingerprints.
      ObjectNode b = o.putObject("basis");
      b.put("type", f.basis().kind() == Basis.Kind.HINGE ? "hinge" : "quantileBins");
      b.put("knots", f.basis().knots());
    }
  }

  @Override
  FittedFeature fit(List<Lead> leads) {
    return fit(leads, 0);
  }

  @Override
  FittedFeature fit(List<Lead> leads, int autoKnots) {
    Compiled c = new Compiled(f, 0, 0, new double[0]);
    boolean auto = f.basis().kind() == Basis.Kind.NONE && autoKnots > 0;
    if (!f.basis().expands() && !auto) {
      return Fitting.imputing(f.name(), f.imputation(), raw -> Compiled.transform(f, raw), leads, c::transformed);
    }
    double[] present = Fitting.present(leads, c::transformed);
    if (auto && (present.length == 0 || !finiteSpread(present))) {
      // Nothing to place knots on, or hinges max(0, v - knot) that could overflow: stay plain, so
      // the trainer's usual checks (and messages) apply to the value itself.
      return Fitting.imputing(f.name(), f.imputation(), raw -> Compiled.transform(f, raw), leads, c::transformed);
    }
    double impute = f.imputation().strategy() == Imputation.Strategy.CONSTANT
        ? Compiled.transform(f, f.imputation().value()) : Fitting.central(f.name(), f.imputation(), present);
    return FittedFeature.impute(f.name(), impute).withKnots(knots(present, auto ? autoKnots : f.basis().knots()));
  }

  private static boolean finiteSpread(double[] values) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return Double.isFinite(max - min);
  }

  /**
   * The basis in force once fitted: the declared one, or a hinge basis when the declaration has
   * none and the fitted form holds automatic knots.
   */
  private Basis.Kind effective(FittedFeature ff) {
    if (f.basis().expands()) {
      return f.basis().kind();
    }
    boolean auto = f.basis().kind() == Basis.Kind.NONE && ff != null && ff.knots() != null && !ff.knots().isEmpty();
    return auto ? Basis.Kind.HINGE : Basis.Kind.NONE;
  }

  /**
   * Knots at the quantile probabilities {@code i/(k+1)} of the present values, linearly
   * interpolated between order statistics, repeats dropped. Order-independent, like the mean.
   */
  private List<Double> knots(double[] values, int k) {
    int n = values.length;
    if (n == 0) {
      throw SchemaException.of(f.name(), "no training row has a value, so the knots of its " + f.basis().kind()
          + " basis cannot be learned");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    List<Double> knots = new ArrayList<>(k);
    for (int i = 1; i <= k; i++) {
      double pos = (double) i / (k + 1) * (n - 1);
      int lo = (int) Math.floor(pos);
      int hi = Math.min(lo + 1, n - 1);
      double q = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
      if (knots.isEmpty() || q > knots.get(knots.size() - 1)) {
        knots.add(q);
      }
    }
    return knots;
  }

  @Override
  CompiledFeature compile(int offset, FittedFeature ff, Map<String, Integer> columnIndex) {
    if (f.basis().expands() && (ff == null || ff.knots() == null || ff.knots().isEmpty())) {
      throw SchemaException.of(f.name(), "fitted form has no knots for its " + f.basis().kind() + " basis");
    }
    return new Compiled(f, offset, imputeOf(ff), ff == null ? new double[0] : ff.knotArray(), effective(ff));
  }

  @Override
  List<Column> columns(int offset, FittedFeature ff) {
    Basis.Kind kind = effective(ff);
    if (kind == Basis.Kind.NONE) {
      return valueColumns(offset, f.missingFlag());
    }
    String n = f.name();
    String fam = f.family();
    List<Column> out = new ArrayList<>();
    int k = ff == null || ff.knots() == null ? 0 : ff.knots().size();
    if (kind == Basis.Kind.HINGE) {
      out.add(new Column(offset, n, n, fam, Column.Role.VALUE, null));
      for (int j = 1; j <= k; j++) {
        out.add(new Column(offset + out.size(), n + "_h" + j, n, fam, Column.Role.BASIS, null));
      }
    } else {
      for (int j = 1; j <= k + 1; j++) {
        out.add(new Column(offset + out.size(), n + "=bin" + j, n, fam, Column.Role.LEVEL, "bin" + j));
      }
    }
    if (f.missingFlag()) {
      out.add(new Column(offset + out.size(), n + "_missing", n, fam, Column.Role.MISSING_FLAG, null));
    }
    return out;
  }

  @Override
  List<String> declaredColumnNames() {
    if (!f.basis().expands()) {
      return super.declaredColumnNames();
    }
    // Only the columns that exist whatever knots are learned.
    List<String> names = new ArrayList<>();
    if (f.basis().kind() == Basis.Kind.HINGE) {
      names.add(f.name());
    }
    if (f.missingFlag()) {
      names.add(f.name() + "_missing");
    }
    return names;
  }

  @Override
  FeatureOffers offers() {
    FeatureOffers o = FeatureOffers.none().withBands(false, f.log1p(), (from, to) -> to <= f.clipMin() || from > f.clipMax()
        ? "feature '" + f.name() + "' clips its values to [" + f.clipMin() + ", " + f.clipMax() + "]" : null);
    return !f.basis().expands() ? o.withLever(FeatureOffers.Lever.NUMBER) : o;
  }

  /** The extracting form. */
  static final class Compiled extends CompiledFeature {
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
    // The typical training value in raw units (the fitted median or mean, transformed back), or NaN
    // when the imputation is a declared constant, which says nothing about the training leads.
    private final double typical;

    Compiled(NumericFeature f, int offset, double impute, double[] knots) {
      this(f, offset, impute, knots, f.basis().expands() ? f.basis().kind() : Basis.Kind.NONE);
    }

    /**
     * @param knots the fitted basis knots, strictly increasing (empty without a basis); not retained
     * @param basis the basis in force (declared or automatic)
     */
    Compiled(NumericFeature f, int offset, double impute, double[] knots, Basis.Kind basis) {
      super(f, offset);
      this.attribute = f.attribute();
      this.clipMin = f.clipMin();
      this.clipMax = f.clipMax();
      this.log1p = f.log1p();
      this.missingFlag = f.missingFlag();
      this.missing = new Values.MissingTokens(f.missingTokens());
      this.impute = impute;
      this.basis = basis;
      this.knots = knots.clone();
      this.valueWidth = basisWidth(basis, knots.length);
      double t = f.imputation().strategy() == Imputation.Strategy.CONSTANT ? Double.NaN : impute;
      this.typical = log1p ? (t >= 0 ? Math.expm1(t) : -Math.expm1(-t)) : t;
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

    @Override
    String text(ReasonTemplates.Compiled wording, Lead lead, Instant asOf, double[] row) {
      double v = Values.number(lead.id(), attribute, lead.attribute(attribute), missing);
      return wording.number(v, typical);
    }
  }
}
