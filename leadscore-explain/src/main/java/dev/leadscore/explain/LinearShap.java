package dev.leadscore.explain;

import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.Reason;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.ReasonTemplates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Exact SHAP values of a {@link LinearModel}, grouped into one contribution per schema feature and
 * rendered as plain-English reasons.
 *
 * <p><b>The game.</b> The players are the schema's features, except interaction features: a
 * feature owns all its columns (one-hot levels, a value and its missing flag, basis columns). The
 * model is the function {@code f(x) = b + Σ_{j not interaction} w_j·x_j + Σ_{c = a×b} w_c·x_a·x_b} of
 * those columns, an interaction column being the product of its two parent columns. The value
 * of a coalition {@code S} is the <em>interventional</em> expectation over the background rows
 * {@code r}: {@code v(S) = mean_r f(x_S, r_{not S})}, the lead's values for the features in
 * {@code S} and the background row's values for the others (features treated as independent of each
 * other, columns of one feature kept together). The SHAP value of a feature is its Shapley value in
 * this game, and base value is {@code v(∅)}.
 *
 * <p><b>Closed form.</b> Because {@code f} is a sum of terms each of which depends on one feature
 * or (a product) on two, and the Shapley value is additive over such terms:
 * <ul>
 *   <li>an ordinary column {@code j} of feature {@code F} adds {@code w_j·(x_j − E[x_j])} to
 *       {@code φ_F};</li>
 *   <li>a product column {@code c = x_a·x_b} with parents in features {@code A ≠ B} is the
 *       two-player game {@code v(∅) = w·E[x_a x_b]}, {@code v(A) = w·x_a·E[x_b]},
 *       {@code v(B) = w·E[x_a]·x_b}, {@code v(AB) = w·x_a·x_b} (the expectations over the same
 *       background rows; {@code E[x_a x_b]} is the joint mean), whose exact split is
 *       {@code φ_A += ½[(v(A) − v(∅)) + (v(AB) − v(B))]} and
 *       {@code φ_B += ½[(v(B) − v(∅)) + (v(AB) − v(A))]}; both parents in one feature give it
 *       {@code w·(x_a x_b − E[x_a x_b])}.</li>
 * </ul>
 * So the base value is {@code b + Σ_j w_j·E[x_j]} over all columns (with {@code E[x_a x_b]} for a
 * product column) and {@code base + Σ_F φ_F = logit} exactly in real arithmetic, to within
 * {@link #ADDITIVITY_TOLERANCE} in floating point. The committed tests check this closed form
 * against the Shapley value computed by brute force over all coalitions of up to 12 features.
 * A product whose parent is itself a product column is rejected when the model is built.
 *
 * <p><b>Reasons.</b> {@link #explain} renders each feature whose {@code |φ|} is at least
 * {@link #NEUTRAL_EPSILON} with its schema's reason templates and the lead's own value: the
 * positive wording when {@code φ > 0}, the negative wording otherwise, the missing wording when
 * the lead has no value, exactly as {@link FittedSchema#describe} renders them. Features at their
 * average ({@code |φ| < NEUTRAL_EPSILON}) are not listed; their (tiny) contributions are added to
 * the explanation's base value so that its {@code total()} is still the logit. Raw coefficients
 * and column names never appear in the text.
 *
 * <p><b>Cost.</b> Construction O(width). {@link #attribute(double[])} is O(width) and allocates
 * only its result; {@link #explain} adds one extraction and the rendering of each listed reason.
 *
 * <p>Immutable and safe to share between threads; every call works in its own buffers.
 */
public final class LinearShap {
  /**
   * How closely {@code base + Σφ} matches the logit: {@code 1e-9} log-odds, absolute, for logits
   * of ordinary size (rounding error grows as about {@code 1e-16 × Σ_j |w_j x_j|}).
   */
  public static final double ADDITIVITY_TOLERANCE = 1e-9;

  /**
   * Contributions smaller than this in magnitude, {@code 1e-6} log-odds (under {@code 2.5e-5}
   * percentage points of probability), mean the feature is at its average: it is not listed as a
   * reason.
   */
  public static final double NEUTRAL_EPSILON = 1e-6;

  private final LinearModel model;
  private final FittedSchema schema;
  private final Layout layout;
  private final ReasonTemplates[] templates;
  private final int[] linCol;
  private final int[] linPlayer;
  private final double[] linW;
  private final double[] linMu;
  private final int[] intA;
  private final int[] intB;
  private final int[] intPa;
  private final int[] intPb;
  private final double[] intW;
  private final double[] intMuA;
  private final double[] intMuB;
  private final double[] intMuAB;
  private final double base;

  private LinearShap(LinearModel model) {
    this.model = Objects.requireNonNull(model, "model");
    this.schema = model.schema();
    this.layout = Layout.of(schema);
    double[] w = model.weightsArray();
    double[] mu = model.background().meansArray();
    int nLin = 0;
    int nInt = 0;
    for (int j = 0; j < w.length; j++) {
      if (w[j] != 0) {
        if (layout.isInteraction(j)) {
          nInt++;
        } else {
          nLin++;
        }
      }
    }
    linCol = new int[nLin];
    linPlayer = new int[nLin];
    linW = new double[nLin];
    linMu = new double[nLin];
    intA = new int[nInt];
    intB = new int[nInt];
    intPa = new int[nInt];
    intPb = new int[nInt];
    intW = new double[nInt];
    intMuA = new double[nInt];
    intMuB = new double[nInt];
    intMuAB = new double[nInt];
    double b = model.intercept();
    for (int j = 0, l = 0, m = 0; j < w.length; j++) {
      b += w[j] * mu[j];
      if (w[j] == 0) {
        continue;
      }
      if (layout.isInteraction(j)) {
        int a = layout.left[j];
        int c = layout.right[j];
        intA[m] = a;
        intB[m] = c;
        intPa[m] = layout.playerOf[a];
        intPb[m] = layout.playerOf[c];
        intW[m] = w[j];
        intMuA[m] = mu[a];
        intMuB[m] = mu[c];
        intMuAB[m] = mu[j];
        m++;
      } else {
        linCol[l] = j;
        linPlayer[l] = layout.playerOf[j];
        linW[l] = w[j];
        linMu[l] = mu[j];
        l++;
      }
    }
    this.base = b;
    this.templates = new ReasonTemplates[layout.players()];
    for (int p = 0; p < templates.length; p++) {
      templates[p] = schema.schema().features().get(layout.schemaFeature[p]).info().reasons();
    }
  }

  /**
   * The explainer of a model. Cost O(width).
   *
   * @param model the model
   * @return its explainer
   * @throws NullPointerException if {@code model} is null
   */
  public static LinearShap of(LinearModel model) {
    return new LinearShap(model);
  }

  /** {@return the model explained} */
  public LinearModel model() {
    return model;
  }

  /** {@return the base value {@code b + w·E[x]}: the logit of a lead at the background average} */
  public double baseValue() {
    return base;
  }

  /** {@return the features contributions are reported for (all non-interaction features, schema order)} */
  public List<String> features() {
    return Collections.unmodifiableList(Arrays.asList(layout.names));
  }

  /**
   * The exact SHAP values for an extracted vector.
   *
   * @param x a vector from {@link FittedSchema#extract} of this model's schema (an interaction
   *     column must hold the product of its parents, as extraction writes it)
   * @return the SHAP values
   */
  public Attribution attribute(double[] x) {
    checkLength(x);
    double[] phi = new double[layout.players()];
    contributions(x, phi);
    return new Attribution(layout.names, layout.families, phi, base, model.logit(x));
  }

  /**
   * The exact SHAP values of a lead at {@code asOf}.
   *
   * @param lead the lead
   * @param asOf the instant it is extracted at
   * @return the SHAP values
   * @throws dev.leadscore.core.LeadDataException naming the lead and field when it cannot be extracted
   */
  public Attribution attribute(Lead lead, Instant asOf) {
    return attribute(schema.extract(lead, asOf));
  }

  /**
   * The lead's explanation, unit {@link Explanation#LOG_ODDS}: one {@link Reason} per feature not
   * at its average, with the sentence from the schema's templates and the lead's value; see the
   * class comment.
   *
   * @param lead the lead
   * @param asOf the instant it is extracted at
   * @return the explanation
   * @throws dev.leadscore.core.LeadDataException naming the lead and field when it cannot be extracted
   */
  public Explanation explain(Lead lead, Instant asOf) {
    double[] row = schema.extract(lead, asOf);
    double[] phi = new double[layout.players()];
    contributions(row, phi);
    return explanation(lead, asOf, row, phi);
  }

  /**
   * As {@link #explain(Lead, Instant)} for a lead whose row is already extracted, with a caller-owned
   * work buffer, so that a scorer that has just extracted the row pays for the attribution and the
   * text only. Cost O(width) plus rendering of each listed reason.
   *
   * @param lead the lead the row was extracted from (its values fill the reasons' texts)
   * @param asOf the instant the row was extracted at
   * @param row the vector {@link FittedSchema#extract} wrote for {@code lead}; not modified
   * @param work at least {@code features().size()} values; overwritten (it holds the SHAP values
   *     afterwards), never referenced by the result
   * @return the explanation
   * @throws IllegalArgumentException if {@code row} or {@code work} is too short
   */
  public Explanation explain(Lead lead, Instant asOf, double[] row, double[] work) {
    checkLength(row);
    if (work.length < layout.players()) {
      throw new IllegalArgumentException("work buffer has " + work.length + " entries but there are "
          + layout.players() + " features to attribute");
    }
    contributions(row, work);
    return explanation(lead, asOf, row, work);
  }

  /**
   * Mean absolute SHAP value per feature over extracted rows, largest first (ties by feature
   * name). Cost O(rows × width).
   *
   * @param rows extracted vectors of this model's schema, at least one
   * @return one importance per feature
   * @throws IllegalArgumentException if there are no rows or a row is too short
   */
  public List<Importance> importance(List<double[]> rows) {
    Objects.requireNonNull(rows, "rows");
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("importance needs at least one row");
    }
    int k = layout.players();
    double[] phi = new double[k];
    double[] abs = new double[k];
    double[] signed = new double[k];
    for (double[] row : rows) {
      checkLength(row);
      contributions(row, phi);
      for (int p = 0; p < k; p++) {
        abs[p] += Math.abs(phi[p]);
        signed[p] += phi[p];
      }
    }
    List<Importance> out = new ArrayList<>(k);
    double n = rows.size();
    for (int p = 0; p < k; p++) {
      out.add(new Importance(layout.names[p], layout.families[p], abs[p] / n, signed[p] / n));
    }
    out.sort(Comparator.comparingDouble(Importance::meanAbsContribution).reversed().thenComparing(Importance::feature));
    return List.copyOf(out);
  }

  /**
   * Mean absolute SHAP value per feature over leads extracted at {@code asOf}, largest first.
   *
   * @param leads the leads, at least one
   * @param asOf the instant they are extracted at
   * @return one importance per feature
   * @throws dev.leadscore.core.LeadDataException naming the lead and field when one cannot be extracted
   * @throws IllegalArgumentException if there are no leads
   */
  public List<Importance> importance(Iterable<Lead> leads, Instant asOf) {
    Objects.requireNonNull(leads, "leads");
    Objects.requireNonNull(asOf, "asOf");
    List<double[]> rows = new ArrayList<>();
    for (Lead lead : leads) {
      rows.add(schema.extract(lead, asOf));
    }
    return importance(rows);
  }

  // ------------------------------------------------------------------ machinery

  private void checkLength(double[] x) {
    Objects.requireNonNull(x, "x");
    if (x.length < layout.width) {
      throw new IllegalArgumentException("vector has " + x.length + " entries but the schema has " + layout.width + " columns");
    }
  }

  /** Writes the SHAP value of every player into {@code phi}; allocation-free, O(width). */
  void contributions(double[] x, double[] phi) {
    Arrays.fill(phi, 0, layout.players(), 0.0);
    for (int l = 0; l < linCol.length; l++) {
      double dev = x[linCol[l]] - linMu[l];
      // x - E[x] overflows only for values near ±Double.MAX_VALUE; w·x − w·E[x] may still be finite
      phi[linPlayer[l]] += Double.isFinite(dev) ? linW[l] * dev : linW[l] * x[linCol[l]] - linW[l] * linMu[l];
    }
    for (int m = 0; m < intW.length; m++) {
      double xa = x[intA[m]];
      double xb = x[intB[m]];
      double xab = xa * xb;
      double w = intW[m];
      int pa = intPa[m];
      int pb = intPb[m];
      if (pa == pb) {
        double dev = xab - intMuAB[m];
        phi[pa] += Double.isFinite(dev) ? w * dev : w * xab - w * intMuAB[m];
      } else {
        double half = 0.5 * w;
        double aAlone = xa * intMuB[m];
        double bAlone = intMuA[m] * xb;
        phi[pa] += half * ((aAlone - intMuAB[m]) + (xab - bAlone));
        phi[pb] += half * ((bAlone - intMuAB[m]) + (xab - aAlone));
      }
    }
  }

  /** The explanation from contributions already computed for {@code row}. */
  Explanation explanation(Lead lead, Instant asOf, double[] row, double[] phi) {
    int k = layout.players();
    List<Reason> reasons = new ArrayList<>(k);
    double shownBase = base;
    // One pass over the lead's events for every feature's value, not one per feature.
    String[] values = schema.displayValues(lead, asOf, row);
    for (int p = 0; p < k; p++) {
      double c = phi[p];
      if (Math.abs(c) < NEUTRAL_EPSILON) {
        shownBase += c;
        continue;
      }
      reasons.add(reason(values, p, c));
    }
    return Explanation.of(Explanation.LOG_ODDS, shownBase, reasons);
  }

  private Reason reason(String[] values, int p, double contribution) {
    // What FittedSchema.describe does, with the display value computed once for text and value.
    String value = values[layout.schemaFeature[p]];
    String text = templates[p].render(contribution > 0, value == null, value);
    return new Reason(layout.names[p], layout.families[p], contribution, text, value);
  }

  Layout layout() {
    return layout;
  }

  FittedSchema schema() {
    return schema;
  }

  @Override
  public String toString() {
    return "LinearShap[" + layout.players() + " features, " + intW.length + " product columns, base " + base + "]";
  }
}
