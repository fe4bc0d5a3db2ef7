package dev.leadscore.model;

import dev.leadscore.core.TierPolicy;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link ModelTrainer} needs besides the data: the lambda grid, cross-validation
 * folds and seed, how lambda is chosen, the calibration, class weights, the tier policy, solver
 * limits, threads, a progress listener, and the model's id, version and creation time.
 *
 * <p>Build with {@link #builder()}; every setter validates at once and throws an {@link
 * IllegalArgumentException} naming the option, the rule and the value. The defaults:
 *
 * <ul>
 *   <li>lambdas: {@value #DEFAULT_GRID_SIZE} values {@code 10^-3, 10^-2.5, ..., 10^3} ({@link
 *       #defaultLambdas()}); lambda is the L2 penalty on the summed log loss over standardised
 *       numeric and 0/1 indicator columns, i.e. scikit-learn's {@code 1 / C};
 *   <li>5 folds, seed 0, {@link FoldScheme#STRATIFIED}, {@link SelectionMetric#LOG_LOSS}, {@link
 *       CalibrationMethod#PLATT}, {@link ClassWeights#none()};
 *   <li>tier policy {@code TierPolicy.shares(0.12, 0.26, 0.39)}: the field figures in DESIGN.md
 *       (Hot 12 %, Warm 26 %, Nurture 39 %, Suppress the remaining 23 % of the pipeline);
 *   <li>at most 100 Newton iterations, tolerance {@value LogisticSolver#DEFAULT_TOLERANCE} on the
 *       mean-objective gradient;
 *   <li>threads: the available processors (results do not depend on it);
 *   <li>model id {@code "<schema name>-logistic"}, version {@code "1"}, and created-at equal to
 *       the training {@code asOf}, so that training never reads the clock and the artifact is
 *       reproducible; pass the real time with {@link Builder#createdAt} if you want it recorded.
 * </ul>
 *
 * <p>Immutable and safe to share between threads. {@link #equals} compares the options that
 * shape the model; the progress listener and the thread count, which do not, are left out.
 */
public final class TrainingOptions {
  /** Size of the default lambda grid. */
  public static final int DEFAULT_GRID_SIZE = 13;
  /** Default number of folds. */
  public static final int DEFAULT_FOLDS = 5;
  /** Default Newton iteration limit per fit. */
  public static final int DEFAULT_MAX_ITERATIONS = 100;
  /** Default stopping tolerance on {@code max |gradient| / n}. */
  public static final double DEFAULT_TOLERANCE = LogisticSolver.DEFAULT_TOLERANCE;
  /** Default knots of the automatic hinge basis of a numeric feature without a declared basis. */
  public static final int DEFAULT_AUTO_KNOTS = 6;
  /** Default largest number of automatically chosen pairwise interactions. */
  public static final int DEFAULT_MAX_PAIRS = 3;

  private final double[] lambdas;
  private final int folds;
  private final long seed;
  private final FoldScheme foldScheme;
  private final SelectionMetric selectionMetric;
  private final CalibrationMethod calibration;
  private final ClassWeights classWeights;
  private final TierPolicy tierPolicy;
  private final int maxIterations;
  private final double tolerance;
  private final int threads;
  private final TrainingProgress progress;
  private final String modelId;
  private final String modelVersion;
  private final Instant createdAt;
  private final int autoKnots;
  private final int maxPairs;

  private TrainingOptions(Builder b) {
    this.lambdas = b.lambdas.clone();
    this.folds = b.folds;
    this.seed = b.seed;
    this.foldScheme = b.foldScheme;
    this.selectionMetric = b.selectionMetric;
    this.calibration = b.calibration;
    this.classWeights = b.classWeights;
    this.tierPolicy = b.tierPolicy;
    this.maxIterations = b.maxIterations;
    this.tolerance = b.tolerance;
    this.threads = b.threads;
    this.progress = b.progress;
    this.modelId = b.modelId;
    this.modelVersion = b.modelVersion;
    this.createdAt = b.createdAt;
    this.autoKnots = b.autoKnots;
    this.maxPairs = b.maxPairs;
  }

  /** {@return a builder holding the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the defaults} */
  public static TrainingOptions defaults() {
    return builder().build();
  }

  /** {@return a builder primed with these options} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.lambdas = lambdas.clone();
    b.folds = folds;
    b.seed = seed;
    b.foldScheme = foldScheme;
    b.selectionMetric = selectionMetric;
    b.calibration = calibration;
    b.classWeights = classWeights;
    b.tierPolicy = tierPolicy;
    b.maxIterations = maxIterations;
    b.tolerance = tolerance;
    b.threads = threads;
    b.progress = progress;
    b.modelId = modelId;
    b.modelVersion = modelVersion;
    b.createdAt = createdAt;
    b.autoKnots = autoKnots;
    b.maxPairs = maxPairs;
    return b;
  }

  /** {@code 10^-3, 10^-2.5, ..., 10^3}: 13 log-spaced values (a new array each call). */
  public static double[] defaultLambdas() {
    double[] grid = new double[DEFAULT_GRID_SIZE];
    for (int k = 0; k < DEFAULT_GRID_SIZE; k++) {
      grid[k] = Math.pow(10.0, -3.0 + 0.5 * k);
    }
    return grid;
  }

  /** {@return the lambda grid, ascending and distinct (a copy)} */
  public double[] lambdas() {
    return lambdas.clone();
  }

  /** {@return number of grid values} */
  public int lambdaCount() {
    return lambdas.length;
  }

  double lambda(int i) {
    return lambdas[i];
  }

  /** {@return number of cross-validation folds} */
  public int folds() {
    return folds;
  }

  /** Seed of the fold assignment. */
  public long seed() {
    return seed;
  }

  /** {@return how lambda is validated: random stratified folds, or forward chaining over leads in time order} */
  public FoldScheme foldScheme() {
    return foldScheme;
  }

  /** {@return how lambda is chosen} */
  public SelectionMetric selectionMetric() {
    return selectionMetric;
  }

  /** {@return the calibration fitted on out-of-fold logits} */
  public CalibrationMethod calibration() {
    return calibration;
  }

  /** Class weights in the objective. */
  public ClassWeights classWeights() {
    return classWeights;
  }

  /** {@return how tier cut-offs are chosen from out-of-fold scores} */
  public TierPolicy tierPolicy() {
    return tierPolicy;
  }

  /** Newton iterations allowed per fit. */
  public int maxIterations() {
    return maxIterations;
  }

  /** Stopping tolerance on {@code max |gradient| / n}. */
  public double tolerance() {
    return tolerance;
  }

  /** Threads training may use (the results do not depend on it). */
  public int threads() {
    return threads;
  }

  /** {@return the progress listener} */
  public TrainingProgress progress() {
    return progress;
  }

  /** {@return the model id, if set; otherwise training uses {@code "<schema name>-logistic"}} */
  public Optional<String> modelId() {
    return Optional.ofNullable(modelId);
  }

  /** {@return the model version} */
  public String modelVersion() {
    return modelVersion;
  }

  /** {@return the creation time to record, if set; otherwise training records its {@code asOf}} */
  public Optional<Instant> createdAt() {
    return Optional.ofNullable(createdAt);
  }

  /**
   * Knots of the automatic hinge basis given to every numeric feature whose schema declares no
   * basis (0: none); {@code "basis": "linear"} in the schema opts a feature out.
   */
  public int autoKnots() {
    return autoKnots;
  }

  /** The largest number of pairwise interactions chosen automatically inside each fold (0: none). */
  public int maxPairs() {
    return maxPairs;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingOptions t
        && Arrays.equals(lambdas, t.lambdas)
        && folds == t.folds
        && seed == t.seed
        && foldScheme == t.foldScheme
        && selectionMetric == t.selectionMetric
        && calibration == t.calibration
        && classWeights.equals(t.classWeights)
        && tierPolicy.equals(t.tierPolicy)
        && maxIterations == t.maxIterations
        && Double.compare(tolerance, t.tolerance) == 0
        && Objects.equals(modelId, t.modelId)
        && modelVersion.equals(t.modelVersion)
        && Objects.equals(createdAt, t.createdAt)
        && autoKnots == t.autoKnots
        && maxPairs == t.maxPairs;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(lambdas), folds, seed, foldScheme, selectionMetric, calibration, classWeights,
        tierPolicy, maxIterations, tolerance, modelId, modelVersion, createdAt, autoKnots, maxPairs);
  }

  @Override
  public String toString() {
    return "TrainingOptions[lambdas=" + Arrays.toString(lambdas) + ", folds=" + folds + ", seed=" + seed
        + ", foldScheme=" + foldScheme + ", selection=" + selectionMetric + ", calibration=" + calibration
        + ", classWeights=" + classWeights
        + ", tierPolicy=" + tierPolicy + ", maxIterations=" + maxIterations + ", tolerance=" + tolerance
        + ", threads=" + threads + ", modelId=" + modelId + ", modelVersion=" + modelVersion
        + ", createdAt=" + createdAt + ", autoKnots=" + autoKnots + ", maxPairs=" + maxPairs + "]";
  }

  /**
   * Collects options; each setter validates its argument. Not thread-safe; {@link #build()} may
   * be called repeatedly.
   */
  public static final class Builder {
    private double[] lambdas = defaultLambdas();
    private int folds = DEFAULT_FOLDS;
    private long seed = 0L;
    private FoldScheme foldScheme = FoldScheme.STRATIFIED;
    private SelectionMetric selectionMetric = SelectionMetric.LOG_LOSS;
    private CalibrationMethod calibration = CalibrationMethod.PLATT;
    private ClassWeights classWeights = ClassWeights.none();
    private TierPolicy tierPolicy = TierPolicy.shares(0.12, 0.26, 0.39);
    private int maxIterations = DEFAULT_MAX_ITERATIONS;
    private double tolerance = DEFAULT_TOLERANCE;
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private TrainingProgress progress = TrainingProgress.NONE;
    private String modelId;
    private String modelVersion = "1";
    private Instant createdAt;
    private int autoKnots = DEFAULT_AUTO_KNOTS;
    private int maxPairs = DEFAULT_MAX_PAIRS;

    private Builder() {}

    /**
     * The lambda grid; stored sorted ascending.
     *
     * @throws IllegalArgumentException if empty, a value is negative, NaN or infinite, or a value
     *     repeats
     */
    public Builder lambdas(double... grid) {
      Objects.requireNonNull(grid, "lambdas");
      if (grid.length == 0) {
        throw new IllegalArgumentException("lambdas must hold at least one value, got an empty grid");
      }
      double[] sorted = grid.clone();
      for (int i = 0; i < sorted.length; i++) {
        if (!(sorted[i] >= 0 && Double.isFinite(sorted[i]))) {
          throw new IllegalArgumentException("lambdas must be finite and >= 0, got lambdas[" + i + "]=" + sorted[i]);
        }
        sorted[i] += 0.0;
      }
      Arrays.sort(sorted);
      for (int i = 1; i < sorted.length; i++) {
        if (sorted[i] == sorted[i - 1]) {
          throw new IllegalArgumentException("lambdas must be distinct, got " + sorted[i] + " twice");
        }
      }
      this.lambdas = sorted;
      return this;
    }

    /** A single lambda, i.e. no selection (cross-validation still runs, for calibration). */
    public Builder lambda(double lambda) {
      return lambdas(lambda);
    }

    /** @throws IllegalArgumentException if {@code folds < 2} */
    public Builder folds(int folds) {
      if (folds < 2) {
        throw new IllegalArgumentException("folds must be >= 2, got folds=" + folds);
      }
      this.folds = folds;
      return this;
    }

    /** Seed of the stratified fold assignment. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * How lambda is validated. {@link FoldScheme#FORWARD_CHAINING} takes the leads passed to
     * training to be in time order, oldest first.
     */
    public Builder foldScheme(FoldScheme foldScheme) {
      this.foldScheme = Objects.requireNonNull(foldScheme, "foldScheme");
      return this;
    }

    /** How lambda is chosen. */
    public Builder selectionMetric(SelectionMetric metric) {
      this.selectionMetric = Objects.requireNonNull(metric, "selectionMetric");
      return this;
    }

    /** The calibration. */
    public Builder calibration(CalibrationMethod calibration) {
      this.calibration = Objects.requireNonNull(calibration, "calibration");
      return this;
    }

    /** Class weights. */
    public Builder classWeights(ClassWeights classWeights) {
      this.classWeights = Objects.requireNonNull(classWeights, "classWeights");
      return this;
    }

    /** The tier policy, fitted on out-of-fold calibrated scores. */
    public Builder tierPolicy(TierPolicy tierPolicy) {
      this.tierPolicy = Objects.requireNonNull(tierPolicy, "tierPolicy");
      return this;
    }

    /** @throws IllegalArgumentException if {@code maxIterations < 1} */
    public Builder maxIterations(int maxIterations) {
      if (maxIterations < 1) {
        throw new IllegalArgumentException("maxIterations must be >= 1, got maxIterations=" + maxIterations);
      }
      this.maxIterations = maxIterations;
      return this;
    }

    /** @throws IllegalArgumentException unless {@code 0 < tolerance < 1} */
    public Builder tolerance(double tolerance) {
      if (!(tolerance > 0 && tolerance < 1)) {
        throw new IllegalArgumentException("tolerance must be in (0, 1), got tolerance=" + tolerance);
      }
      this.tolerance = tolerance;
      return this;
    }

    /** @throws IllegalArgumentException if {@code threads < 1} */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be >= 1, got threads=" + threads);
      }
      this.threads = threads;
      return this;
    }

    /** The progress listener; {@link TrainingProgress#NONE} to ignore progress. */
    public Builder progress(TrainingProgress progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** @throws IllegalArgumentException if blank or holding control characters */
    public Builder modelId(String modelId) {
      this.modelId = checkText("modelId", modelId);
      return this;
    }

    /** @throws IllegalArgumentException if blank or holding control characters */
    public Builder modelVersion(String modelVersion) {
      this.modelVersion = checkText("modelVersion", modelVersion);
      return this;
    }

    /** The creation time recorded in the model; null to record the training {@code asOf}. */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /**
     * Knots of the automatic hinge basis (see {@link TrainingOptions#autoKnots()}); 0 turns it off.
     *
     * @param knots the number of knots
     * @return this builder
     * @throws IllegalArgumentException unless {@code 0 <= knots <= Basis.MAX_KNOTS}
     */
    public Builder autoKnots(int knots) {
      if (knots < 0 || knots > dev.leadscore.core.schema.Basis.MAX_KNOTS) {
        throw new IllegalArgumentException("autoKnots must be in 0.." + dev.leadscore.core.schema.Basis.MAX_KNOTS
            + ", got " + knots);
      }
      this.autoKnots = knots;
      return this;
    }

    /**
     * The largest number of automatic pairwise interactions; 0 turns them off.
     *
     * @param pairs the largest number of pairs
     * @return this builder
     * @throws IllegalArgumentException unless {@code 0 <= pairs <= 10}
     */
    public Builder maxPairs(int pairs) {
      if (pairs < 0 || pairs > 10) {
        throw new IllegalArgumentException("maxPairs must be in 0..10, got " + pairs);
      }
      this.maxPairs = pairs;
      return this;
    }

    /**
     * No automatic basis and no automatic pairs: plain L2 logistic regression on the schema's columns.
     *
     * @return this builder
     */
    public Builder plain() {
      return autoKnots(0).maxPairs(0);
    }

    /** {@return the options} */
    public TrainingOptions build() {
      return new TrainingOptions(this);
    }

    private static String checkText(String name, String value) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank, got '" + value + "'");
      }
      for (int i = 0; i < value.length(); i++) {
        if (Character.isISOControl(value.charAt(i))) {
          throw new IllegalArgumentException(name + " must not contain control characters, got '" + value + "'");
        }
      }
      return value;
    }
  }
}
