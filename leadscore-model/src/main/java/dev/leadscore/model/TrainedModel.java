package dev.leadscore.model;

import dev.leadscore.core.Policy;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.internal.Normal;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.model.calibration.Calibrator;
import dev.leadscore.model.eval.Interval;
import java.time.Instant;
import java.util.Objects;

/**
 * A trained lead-scoring model: the fitted feature schema, the standardisation, the L2 logistic
 * regression weights, the calibrator, the tier cut-offs, the background statistics explanations
 * need, the training summary, the provenance and the {@linkplain #monitoringReference() monitoring
 * reference}. Made only by {@link ModelTrainer} and {@link
 * ModelArtifact#read}; save it with {@link ModelArtifact#write}.
 *
 * <p><b>Scoring.</b> A model is scored by {@link ModelScorer#of(TrainedModel)}, the one place that
 * turns a raw feature vector {@code x} (as {@link FittedSchema#extract} writes it) into the logit,
 * the calibrated probability {@code calibrator(logit)}, the score {@code 100 * probability} and the
 * tier from the cut-offs. This class owns the logit: {@link #logit} allocates nothing and costs
 * O(width). The logit is the standardised
 * logit {@code b + sum_j w_j * ((x_j - mean_j) * (1 / scale_j))} the solver computes, re-associated
 * so that scoring is a dense loop over the columns with {@code slope_j = w_j * (1 / scale_j)} (the
 * {@linkplain #rawWeights() raw weight}, 0 for constant columns), summed in eight interleaved
 * partial sums, in one of two forms chosen once from the model's numbers:
 * <ul>
 *   <li>the <em>raw</em> form {@code rawIntercept + sum_j slope_j * x_j} (two loads a column, the
 *       fastest), when the offsets are small: {@code sum_j |slope_j * mean_j| <= 64 * (1 + |b| +
 *       sum_j |w_j|)}, as for one-hot, log-transformed and bounded lead features;</li>
 *   <li>otherwise the <em>centred</em> form {@code b + sum_j slope_j * (x_j - mean_j)}, which keeps
 *       the standardised form's accuracy when a column sits far from zero relative to its spread
 *       (no large intercept cancels against large products).</li>
 * </ul>
 * Either is <em>not</em> bit-identical to the solver's in-sample or out-of-fold logits: they agree
 * to rounding (the tests allow {@code 1e-12} of {@code 1 + |b| + sum_j |w_j| + sum_j |w_j z_j|}).
 * What is exact: the logit is a deterministic function of the stored numbers, so a model, the same
 * model written and read back by {@link ModelArtifact}, and scorers built from it give
 * bit-identical logits, probabilities and scores.
 *
 * <p><b>Uncertainty.</b> {@link #logitStandardError} is the delta-method standard error of the
 * logit, {@code sqrt(v' C v)} with {@code v = (1, z)} and {@code C} the inverse of the penalised
 * Hessian at the optimum (in standardised coordinates; O(width^2), allocation-free). {@link
 * #probabilityInterval} maps {@code logit +- q * se} through the calibrator. This treats the
 * standardisation, the chosen lambda and the calibrator as fixed. With a penalty, the inverse
 * penalised Hessian is the covariance of the Laplace approximation to the posterior under the
 * Gaussian prior the penalty implies; it is wider than the bootstrap (sampling) spread of the
 * penalised estimate, {@code H_pen^-1 H H_pen^-1}, by up to a factor {@code (H + lambda) / H}
 * per direction, so the two agree when lambda is small next to the data's curvature (as the tests
 * check against a bootstrap) and this interval is the more cautious one when lambda is large.
 *
 * <p><b>Weights in original units.</b> {@code rawWeight_j = w_j * (1 / scale_j)} (0 for constant
 * columns) and {@code rawIntercept = b - sum_j rawWeight_j * mean_j}; {@code rawIntercept +
 * rawWeights . x} is the logit's raw form.
 *
 * <p>Immutable; every accessor that returns an array returns a copy. Safe to share between
 * threads.
 */
public final class TrainedModel {
  private final String modelId;
  private final String modelVersion;
  private final Instant createdAt;
  private final FittedSchema schema;
  private final Standardisation standardisation;
  private final double intercept;
  private final double[] weights;
  private final double rawIntercept;
  // The scoring logit's dense form (see logit): slope = w * (1 / scale), which is also the raw
  // weight, and centre = mean; both 0 on constant columns.
  private final double[] slope;
  private final double[] centre;
  // Whether logit uses rawIntercept + slope . x (two loads a column) rather than the centred form
  // (three); chosen once from the numbers, so it is the same for a model and its saved copy.
  private final boolean rawForm;
  private final double lambda;
  private final double[] covariance;
  private final Calibrator calibrator;
  private final TierCutoffs cutoffs;
  private final BackgroundStats background;
  private final TrainingSummary summary;
  private final Provenance provenance;
  private final TrainingReference reference;
  private final Policy policy;
  // The artifact-derived version, computed on first use (writing the artifact costs O(width²)).
  private volatile String artifactVersion;
  private final int width;
  private final int[] active;
  private final double[] mean;
  private final double[] inverse;

  /**
   * @throws IllegalArgumentException if the parts do not fit together (weights, standardisation,
   *     covariance or background of another width than the schema; a non-finite weight; a lambda
   *     that is negative or not finite); the message names the part and both sizes
   */
  TrainedModel(String modelId, String modelVersion, Instant createdAt, FittedSchema schema,
      Standardisation standardisation, double intercept, double[] weights, double lambda, double[] covariance,
      Calibrator calibrator, TierCutoffs cutoffs, BackgroundStats background, TrainingSummary summary,
      Provenance provenance) {
    this(modelId, modelVersion, createdAt, schema, standardisation, intercept, weights, lambda, covariance, calibrator,
        cutoffs, background, summary, provenance, null);
  }

  /**
   * As the other constructor, with the monitoring reference ({@code null} for none).
   *
   * @throws IllegalArgumentException also if a reference column does not name the schema's column
   *     at its index
   */
  TrainedModel(String modelId, String modelVersion, Instant createdAt, FittedSchema schema,
      Standardisation standardisation, double intercept, double[] weights, double lambda, double[] covariance,
      Calibrator calibrator, TierCutoffs cutoffs, BackgroundStats background, TrainingSummary summary,
      Provenance provenance, TrainingReference reference) {
    this(modelId, modelVersion, createdAt, schema, standardisation, intercept, weights, lambda, covariance, calibrator,
        cutoffs, background, summary, provenance, reference, Policy.none());
  }

  /**
   * As the other constructors, with the monitoring reference ({@code null} for none) and the
   * policy overrides its scorers apply.
   *
   * @throws IllegalArgumentException also if the policy does not fit the schema
   */
  TrainedModel(String modelId, String modelVersion, Instant createdAt, FittedSchema schema,
      Standardisation standardisation, double intercept, double[] weights, double lambda, double[] covariance,
      Calibrator calibrator, TierCutoffs cutoffs, BackgroundStats background, TrainingSummary summary,
      Provenance provenance, TrainingReference reference, Policy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    policy.bind(schema); // fails here, naming the disqualifier, rather than when first scoring
    this.modelId = Objects.requireNonNull(modelId, "modelId");
    this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion");
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.schema = Objects.requireNonNull(schema, "schema");
    this.standardisation = Objects.requireNonNull(standardisation, "standardisation");
    this.calibrator = Objects.requireNonNull(calibrator, "calibrator");
    this.cutoffs = Objects.requireNonNull(cutoffs, "cutoffs");
    this.background = Objects.requireNonNull(background, "background");
    this.summary = Objects.requireNonNull(summary, "summary");
    this.provenance = Objects.requireNonNull(provenance, "provenance");
    this.reference = reference;
    this.width = schema.width();
    if (reference != null) {
      for (TrainingReference.ColumnReference c : reference.columns()) {
        if (c.index() < 0 || c.index() >= width || !schema.columns().get(c.index()).name().equals(c.column())) {
          throw new IllegalArgumentException("monitoring reference column '" + c.column() + "' at index " + c.index()
              + " does not match the schema's column there");
        }
      }
    }
    requireWidth("standardisation", standardisation.width());
    requireWidth("weights", weights.length);
    requireWidth("background column means", background.width());
    if (covariance.length != (width + 1) * (width + 1)) {
      throw new IllegalArgumentException("covariance must be (width + 1)^2 = " + ((width + 1) * (width + 1))
          + " values for the schema's " + width + " columns, got " + covariance.length);
    }
    if (!Double.isFinite(intercept)) {
      throw new IllegalArgumentException("intercept must be finite, got " + intercept);
    }
    if (!(lambda >= 0 && Double.isFinite(lambda))) {
      throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
    }
    for (int j = 0; j < width; j++) {
      if (!Double.isFinite(weights[j])) {
        throw new IllegalArgumentException("weights[" + j + "] (column '" + columnName(j) + "') must be finite, got "
            + weights[j]);
      }
      if (standardisation.scaleAt(j) == 0 && weights[j] != 0) {
        throw new IllegalArgumentException("weights[" + j + "] (column '" + columnName(j)
            + "') must be 0 because the column was constant in training (scale 0), got " + weights[j]);
      }
    }
    for (int i = 0; i < covariance.length; i++) {
      if (!Double.isFinite(covariance[i])) {
        throw new IllegalArgumentException("covariance[" + i + "] must be finite, got " + covariance[i]);
      }
    }
    this.intercept = intercept;
    this.weights = weights.clone();
    this.lambda = lambda;
    this.covariance = covariance.clone();
    this.active = new int[standardisation.activeCount()];
    for (int k = 0; k < active.length; k++) {
      active[k] = standardisation.active(k);
    }
    this.mean = standardisation.mean();
    this.inverse = new double[width];
    for (int j = 0; j < width; j++) {
      double s = standardisation.scaleAt(j);
      inverse[j] = s > 0 ? 1.0 / s : 0.0;
    }
    this.slope = new double[width];
    this.centre = new double[width];
    double b = intercept;
    for (int j : active) {
      slope[j] = this.weights[j] * inverse[j];
      centre[j] = mean[j];
      b -= slope[j] * mean[j];
    }
    this.rawIntercept = b;
    double offset = 0;
    double signal = Math.abs(intercept);
    for (int j : active) {
      offset += Math.abs(slope[j] * mean[j]);
      signal += Math.abs(this.weights[j]);
    }
    this.rawForm = offset <= RAW_FORM_MAX_OFFSET * (1 + signal);
  }

  /**
   * How large {@code sum_j |rawWeight_j * mean_j|} may be, relative to {@code 1 + |b| + sum_j |w_j|}
   * (the logit's own scale), for {@link #logit} to use the raw form. The raw form rounds about
   * {@code eps * sqrt(width)} of that offset into the logit; at 64 that stays below 1e-12 of the
   * logit's scale for thousands of columns, while the one-hot, log and bounded columns of lead
   * data give offsets of a few times the scale (3.6 against 8.2 on the default synthetic model).
   */
  static final double RAW_FORM_MAX_OFFSET = 64;

  /** Whether {@link #logit} uses the raw form (for tests and benchmarks' notes). */
  boolean usesRawForm() {
    return rawForm;
  }

  private void requireWidth(String what, int got) {
    if (got != width) {
      throw new IllegalArgumentException(what + " must have one entry per schema column (" + width + "), got " + got);
    }
  }

  private String columnName(int j) {
    return schema.columns().get(j).name();
  }

  // ------------------------------------------------------------------------------ scoring

  /**
   * The model's logit (log-odds, uncalibrated) for a raw feature vector: the raw or centred form
   * of the class comment in column order, in eight partial sums over {@code j mod 8} combined as
   * {@code b + (((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)))} ({@code b} the raw or the
   * standardised intercept). Eight independent dependency chains let the loop run at the
   * adder's throughput rather than its latency; the loop is dense, so the JIT can drop its bounds
   * checks. Deterministic; O(width), allocation-free, thread-safe.
   *
   * <p>Columns constant in training (slope 0) do not count, whatever they hold: the dense loop
   * sees {@code 0 * NaN} or {@code 0 * Infinity} there as NaN, so a NaN result is re-checked and,
   * when only constant columns are not finite, recomputed with them read as 0 (the error path
   * only; it allocates one copy of {@code x}).
   *
   * @param x the vector {@link FittedSchema#extract} wrote, exactly {@link #width()} values; not
   *     modified
   * @throws IllegalArgumentException if {@code x} has another length, or the logit is NaN: a
   *     non-constant column holds NaN, or infinities or overflowing terms of opposite sign meet;
   *     the message names the first such column that is not finite
   */
  public double logit(double[] x) {
    // Locals: each field is read once, and the loop's bounds checks can be proved once up front.
    final double[] s = slope;
    final double[] c = centre;
    final int n = width;
    if (x.length != n) {
      throw new IllegalArgumentException("x must have one value per schema column (" + n + "), got " + x.length);
    }
    double eta = rawForm ? rawLogit(x, s, n) : centredLogit(x, s, c, n);
    if (Double.isNaN(eta)) {
      double[] cleaned = null;
      for (int j = 0; j < n; j++) {
        if (!Double.isFinite(x[j]) && inverse[j] == 0.0) { // constant in training
          if (cleaned == null) {
            cleaned = x.clone();
          }
          cleaned[j] = 0.0;
        }
      }
      if (cleaned != null) {
        eta = rawForm ? rawLogit(cleaned, s, n) : centredLogit(cleaned, s, c, n);
      }
      if (Double.isNaN(eta)) {
        throw badInput(x);
      }
    }
    return eta;
  }

  /** {@code rawIntercept + sum_j s_j * x_j} in eight partial sums; {@code x.length == n} checked. */
  private double rawLogit(double[] x, double[] s, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int j = 0;
    for (; j + 7 < n; j += 8) {
      s0 += s[j] * x[j];
      s1 += s[j + 1] * x[j + 1];
      s2 += s[j + 2] * x[j + 2];
      s3 += s[j + 3] * x[j + 3];
      s4 += s[j + 4] * x[j + 4];
      s5 += s[j + 5] * x[j + 5];
      s6 += s[j + 6] * x[j + 6];
      s7 += s[j + 7] * x[j + 7];
    }
    for (; j < n; j++) {
      s0 += s[j] * x[j];
    }
    return rawIntercept + (((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
  }

  /** {@code b + sum_j s_j * (x_j - c_j)} in eight partial sums; {@code x.length == n} checked. */
  private double centredLogit(double[] x, double[] s, double[] c, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int j = 0;
    for (; j + 7 < n; j += 8) {
      s0 += s[j] * (x[j] - c[j]);
      s1 += s[j + 1] * (x[j + 1] - c[j + 1]);
      s2 += s[j + 2] * (x[j + 2] - c[j + 2]);
      s3 += s[j + 3] * (x[j + 3] - c[j + 3]);
      s4 += s[j + 4] * (x[j + 4] - c[j + 4]);
      s5 += s[j + 5] * (x[j + 5] - c[j + 5]);
      s6 += s[j + 6] * (x[j + 6] - c[j + 6]);
      s7 += s[j + 7] * (x[j + 7] - c[j + 7]);
    }
    for (; j < n; j++) {
      s0 += s[j] * (x[j] - c[j]);
    }
    return intercept + (((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
  }

  /** Why the logit of {@code x} is NaN: the first non-constant column that is not finite. */
  private IllegalArgumentException badInput(double[] x) {
    for (int j = 0; j < width; j++) {
      if (!Double.isFinite(x[j]) && inverse[j] != 0.0) {
        return new IllegalArgumentException("x[" + j + "] (column '" + columnName(j) + "') is " + x[j]
            + "; feature values must be finite");
      }
    }
    return new IllegalArgumentException("the logit is NaN for finite input (values too large to combine)");
  }

  /**
   * The delta-method standard error of {@link #logit}, from the inverse penalised Hessian at the
   * optimum. O(width^2), allocation-free.
   *
   * @throws IllegalArgumentException as {@link #logit}
   */
  public double logitStandardError(double[] x) {
    logit(x); // validates
    return standardError(x);
  }

  /** The delta-method standard error of a vector {@link #logit} has already validated. */
  private double standardError(double[] x) {
    int dim = width + 1;
    double var = covariance[0];
    for (int a : active) {
      double za = (x[a] - mean[a]) * inverse[a];
      var += 2 * covariance[a + 1] * za;
      double row = 0;
      int off = (a + 1) * dim + 1;
      for (int c : active) {
        row += covariance[off + c] * ((x[c] - mean[c]) * inverse[c]);
      }
      var += za * row;
    }
    return Math.sqrt(Math.max(var, 0.0));
  }

  /**
   * An interval for the calibrated probability: {@code logit +- q * se} mapped through the
   * calibrator, with {@code q} the standard normal {@code (1 + level) / 2} quantile. The estimate
   * is the calibrated probability of the logit, as {@link ModelScorer#probabilityOf} gives it.
   *
   * @param level the confidence level, e.g. 0.9
   * @throws IllegalArgumentException unless {@code 0 < level < 1}, or as {@link #logit}
   */
  public Interval probabilityInterval(double[] x, double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got level=" + level);
    }
    double eta = logit(x);
    double q = Normal.quantile(0.5 + 0.5 * level);
    double se = standardError(x);
    double lo = calibrator.probability(eta - q * se);
    double hi = calibrator.probability(eta + q * se);
    double p = calibrator.probability(eta);
    return new Interval(Math.min(lo, Math.min(hi, p)), p, Math.max(hi, Math.max(lo, p)), level);
  }

  // ------------------------------------------------------------------------------ accessors

  /** {@return the model's id} */
  public String modelId() {
    return modelId;
  }

  /** {@return the model's version} */
  public String modelVersion() {
    return modelVersion;
  }

  /**
   * The version that tells this model's artifacts apart, carried by every {@link
   * dev.leadscore.core.Score} its scorer gives: the declared {@link #modelVersion()}, a '+' and the
   * first 12 hex digits of the SHA-256 of the artifact's canonical content (the checksum
   * {@link ModelArtifact#write} records), e.g. {@code "1+3f9a0c2e7b1d"}. It covers the weights,
   * the fitted schema, the training data's hash, the calibrator, the cut-offs and the policy, so two
   * models trained on different data (or with another policy) differ, and a model and its saved and
   * loaded copy agree. A model loaded from a file takes the checksum the file records, so a later
   * library that writes more fields does not change an existing model's version; a trained model
   * computes it once, on first use.
   *
   * @return the artifact-unique version
   */
  public String artifactVersion() {
    String v = artifactVersion;
    if (v == null) {
      v = versionOf(modelVersion, ModelArtifact.checksum(this));
      artifactVersion = v;
    }
    return v;
  }

  /** Takes the version from the checksum an artifact file recorded for this (just loaded) model. */
  void recordedChecksum(String checksum) {
    artifactVersion = versionOf(modelVersion, checksum);
  }

  private static String versionOf(String declared, String checksum) {
    int colon = checksum.indexOf(':');
    return declared + "+" + checksum.substring(colon + 1, colon + 13);
  }

  /**
   * The policy overrides (disqualifiers) every scorer of this model applies; empty unless the
   * training step embedded a rule set's policy ({@link #withPolicy}).
   *
   * @return the policy, possibly empty
   */
  public Policy policy() {
    return policy;
  }

  /**
   * The same model with a policy its scorers apply, saved in its artifact (so its
   * {@link #artifactVersion()} changes too).
   *
   * @param policy the policy to apply
   * @return the model with that policy
   * @throws IllegalArgumentException naming the disqualifier when it does not fit the schema
   */
  public TrainedModel withPolicy(Policy policy) {
    return new TrainedModel(modelId, modelVersion, createdAt, schema, standardisation, intercept, weights, lambda,
        covariance, calibrator, cutoffs, background, summary, provenance, reference, policy);
  }

  /** {@return when the model was created (supplied at training, never read from the clock)} */
  public Instant createdAt() {
    return createdAt;
  }

  /** {@return the fitted feature schema that extracts this model's input} */
  public FittedSchema schema() {
    return schema;
  }

  /** {@return number of columns, the length of {@code x}} */
  public int width() {
    return width;
  }

  /** Per-column training means (a copy). */
  public double[] means() {
    return mean.clone();
  }

  /** Per-column training population standard deviations, 0 for constant columns (a copy). */
  public double[] scales() {
    return standardisation.scale();
  }

  /** {@return the intercept, in standardised coordinates} */
  public double intercept() {
    return intercept;
  }

  /** Weights on the standardised columns (a copy); exactly 0 for constant columns. */
  public double[] weights() {
    return weights.clone();
  }

  /** {@return the intercept for raw features (see the class comment)} */
  public double rawIntercept() {
    return rawIntercept;
  }

  /** Weights on the raw (extraction-unit) columns (a copy); the slopes {@link #logit} multiplies by. */
  public double[] rawWeights() {
    return slope.clone();
  }

  /** {@return the L2 penalty the model was fitted with} */
  public double lambda() {
    return lambda;
  }

  /**
   * The inverse penalised Hessian at the optimum, {@code (width+1) x (width+1)} row-major, the
   * intercept first, in standardised coordinates; zero rows and columns for constant columns (a
   * copy).
   */
  public double[] covariance() {
    return covariance.clone();
  }

  /** {@return the calibrator from logit to probability} */
  public Calibrator calibrator() {
    return calibrator;
  }

  /** {@return the tier cut-offs on the 0–100 score} */
  public TierCutoffs cutoffs() {
    return cutoffs;
  }

  /** Averages over the training data for explanations. */
  BackgroundStats background() {
    return background;
  }

  /** {@return the training summary} */
  public TrainingSummary summary() {
    return summary;
  }

  /** {@return where the model came from} */
  public Provenance provenance() {
    return provenance;
  }

  /**
   * What the training data and its out-of-fold scores looked like, for drift monitoring; empty for
   * a model loaded from an artifact written before monitoring references were stored.
   */
  public java.util.Optional<TrainingReference> monitoringReference() {
    return java.util.Optional.ofNullable(reference);
  }

  /** {@return the columns, as the schema lists them} */
  public java.util.List<Column> columns() {
    return schema.columns();
  }

  Standardisation standardisation() {
    return standardisation;
  }

  @Override
  public String toString() {
    return "TrainedModel[" + modelId + "@" + modelVersion + ", " + width + " columns, lambda=" + lambda + ", "
        + calibrator.getClass().getSimpleName() + ", schema " + schema.fingerprint() + "]";
  }
}
