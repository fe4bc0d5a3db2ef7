package dev.leadscore.model.monitor;

import dev.leadscore.core.RowError;
import dev.leadscore.model.monitor.Health.Status;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Monitor} found when it compared a batch of leads with the model's training
 * reference: feature drift (PSI and missing-rate change per feature), score drift (score
 * distribution and tier shares), outcome drift when outcomes were given (predicted vs actual
 * conversion overall and per tier, calibration error), the rows that could not be used, and the
 * {@linkplain #verdict() verdict}.
 *
 * <p><b>Counts.</b> {@code rowsIn() == rowsUsed() + errors().size()}: every lead of the batch was
 * either used or is listed as a {@link RowError} (its {@code row} the 0-based index in the batch).
 *
 * <p><b>Units.</b> Shares and rates are fractions in [0, 1]; scores are on the 0–100 scale;
 * PSI is dimensionless ({@code Σ (a − e) ln(a / e)} over bins, natural log). Quantile bin labels
 * are in the column's extraction units (after the schema's transforms, e.g. {@code log1p}).
 *
 * <p><b>JSON.</b> {@link #toJson()} writes a pretty-printed document ({@code format}
 * {@value #FORMAT}, {@code formatVersion} {@value #FORMAT_VERSION}); {@link #fromJson} reads it
 * back strictly (unknown or missing fields, wrong types, non-finite numbers and inconsistent
 * counts are rejected with a message naming the JSON path) into an equal report.
 *
 * <p>Immutable value (every list an unmodifiable copy); equal when all parts are equal. Safe to
 * share between threads.
 */
public final class MonitoringReport {
  /** The value of the JSON {@code format} field. */
  public static final String FORMAT = "leadscore-monitoring-report";
  /** The JSON format version written and read. */
  public static final int FORMAT_VERSION = 1;

  private final String modelId;
  private final String modelVersion;
  private final String schemaFingerprint;
  private final Instant asOf;
  private final int rowsIn;
  private final int rowsUsed;
  private final List<RowError> errors;
  private final List<FeatureDrift> features;
  private final ScoreDrift score;
  private final OutcomeDrift outcomes;
  private final Health verdict;

  /** One bin of a distribution: its label, the training share and the batch share. */
  public record Bin(String label, double reference, double current) {
    /** @throws IllegalArgumentException if a share is outside [0, 1] */
    public Bin {
      Objects.requireNonNull(label, "label");
      share("bin '" + label + "' reference", reference);
      share("bin '" + label + "' current", current);
    }

    /** {@code current - reference}. */
    public double change() {
      return current - reference;
    }
  }

  /**
   * A feature's missing rate in training and in the batch.
   *
   * @param reference the training share of leads missing the feature
   * @param current the batch share
   * @param z the two-proportion z statistic of the change (pooled), 0 when both rates are 0 or 1
   * @param status {@link Status#WATCH} at an absolute change of {@link Monitor#MISSING_RATE_WATCH},
   *     {@link Status#RETRAIN} at {@link Monitor#MISSING_RATE_ACT}, each only when {@code |z| >=
   *     }{@link Monitor#NOISE_Z}
   */
  public record MissingRateChange(double reference, double current, double z, Status status) {
    /** @throws IllegalArgumentException if a rate is outside [0, 1] or z is not finite */
    public MissingRateChange {
      share("missing rate reference", reference);
      share("missing rate current", current);
      finite("missing rate z", z);
      Objects.requireNonNull(status, "status");
    }

    /** {@code current - reference}, in rate units (0.1 is ten percentage points). */
    public double change() {
      return current - reference;
    }
  }

  /**
   * How one feature's distribution moved.
   *
   * @param feature the feature's name
   * @param kind how it was binned
   * @param psi the population stability index over {@code bins}
   * @param chiSquare Pearson's two-sample chi-square statistic of the batch's bin counts against
   *     the training counts ({@link Monitor#chiSquare})
   * @param degreesOfFreedom the bins with a non-zero share on either side, minus one
   * @param status {@link Status#WATCH} at PSI {@link Monitor#PSI_WATCH}, {@link Status#RETRAIN}
   *     at {@link Monitor#PSI_ACT}, each only when the shift is significant: {@code chiSquare >=
   *     }the upper {@link Monitor#NOISE_P} quantile of chi-square with {@code degreesOfFreedom}
   * @param bins the bins with their training and batch shares (for a categorical feature, a bin
   *     for leads with no level is listed only when either share is non-zero)
   * @param missingRate the missing-rate change, for features with a missing flag or a {@code
   *     missing}/{@code unknown} level
   */
  public record FeatureDrift(String feature, Kind kind, double psi, double chiSquare, int degreesOfFreedom,
      Status status, List<Bin> bins, Optional<MissingRateChange> missingRate) {
    /** How a feature is binned. */
    public enum Kind {
      /** A continuous value column in the training quantile bins. */
      QUANTILE,
      /** A 0/1 value column: the shares of 0 and 1. */
      BINARY,
      /** One-hot levels: the share of each level. */
      CATEGORICAL
    }

    /** @throws IllegalArgumentException if the PSI is negative or not finite */
    public FeatureDrift {
      Objects.requireNonNull(feature, "feature");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(status, "status");
      bins = List.copyOf(bins);
      Objects.requireNonNull(missingRate, "missingRate");
      nonNegative("feature '" + feature + "' psi", psi);
      nonNegative("feature '" + feature + "' chiSquare", chiSquare);
      if (degreesOfFreedom < 0) {
        throw new IllegalArgumentException("feature '" + feature + "' degreesOfFreedom must be >= 0, got "
            + degreesOfFreedom);
      }
    }
  }

  /**
   * How the model's scores moved.
   *
   * @param psi PSI of the batch's score histogram against the out-of-fold training scores
   * @param chiSquare Pearson's two-sample chi-square of the score histogram counts
   * @param status from {@code psi} and {@code chiSquare}, as for features
   * @param histogram the 10 score bins {@code [0, 10) ... [90, 100]}
   * @param tierPsi PSI of the tier shares
   * @param tierChiSquare Pearson's two-sample chi-square of the tier counts
   * @param tierStatus from {@code tierPsi} and {@code tierChiSquare}, as for features
   * @param tiers one bin per tier (labelled Hot, Warm, Nurture, Suppress)
   * @param referenceMeanProbability mean out-of-fold probability in training
   * @param meanProbability mean predicted probability of the batch
   * @param referenceShareHigh training share of scores at or above {@link Monitor#HIGH_SCORE}
   * @param shareHigh batch share of scores at or above {@link Monitor#HIGH_SCORE}
   * @param referenceShareLow training share of scores below {@link Monitor#LOW_SCORE}
   * @param shareLow batch share of scores below {@link Monitor#LOW_SCORE}
   * @param flags raised skew flags, in declaration order
   */
  public record ScoreDrift(double psi, double chiSquare, Status status, List<Bin> histogram, double tierPsi,
      double tierChiSquare, Status tierStatus, List<Bin> tiers, double referenceMeanProbability,
      double meanProbability, double referenceShareHigh, double shareHigh, double referenceShareLow, double shareLow,
      List<Flag> flags) {
    /** A lopsided score distribution. */
    public enum Flag {
      /**
       * At least {@link Monitor#SKEW_SHARE} of the batch scores at or above {@link
       * Monitor#HIGH_SCORE}, at least {@link Monitor#SKEW_MARGIN} more than in training.
       */
      TOO_PERMISSIVE,
      /**
       * At least {@link Monitor#SKEW_SHARE} of the batch scores below {@link Monitor#LOW_SCORE}, at
       * least {@link Monitor#SKEW_MARGIN} more than in training.
       */
      TOO_STRICT
    }

    /** @throws IllegalArgumentException if a figure is out of range */
    public ScoreDrift {
      nonNegative("score psi", psi);
      nonNegative("score chiSquare", chiSquare);
      nonNegative("tier psi", tierPsi);
      nonNegative("tier chiSquare", tierChiSquare);
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(tierStatus, "tierStatus");
      histogram = List.copyOf(histogram);
      tiers = List.copyOf(tiers);
      flags = List.copyOf(flags);
      share("referenceMeanProbability", referenceMeanProbability);
      share("meanProbability", meanProbability);
      share("referenceShareHigh", referenceShareHigh);
      share("shareHigh", shareHigh);
      share("referenceShareLow", referenceShareLow);
      share("shareLow", shareLow);
    }
  }

  /**
   * Predicted against actual conversion for one group of leads.
   *
   * @param group {@code "overall"} or the tier's label
   * @param leads leads in the group
   * @param conversions how many converted
   * @param predictedRate mean predicted probability
   * @param actualRate {@code conversions / leads}
   * @param relativeGap {@code |actual − predicted| / predicted}
   * @param z {@code (conversions − Σp) / sqrt(Σ p(1 − p))}: how many standard deviations the
   *     observed count is from what the model predicts, if the model were right
   * @param status {@link Status#RETRAIN} when the gap exceeds {@link Monitor#OUTCOME_GAP} and
   *     {@code |z| >= }{@link Monitor#OUTCOME_Z_ACT} ({@link Monitor#OUTCOME_Z_TIER_ACT} for a
   *     tier); {@link Status#WATCH} when the gap exceeds it and {@code |z| >= }{@link
   *     Monitor#OUTCOME_Z_WATCH} ({@link Monitor#OUTCOME_Z_TIER_WATCH} for a tier)
   */
  public record OutcomeRow(String group, int leads, int conversions, double predictedRate, double actualRate,
      double relativeGap, double z, Status status) {
    /** @throws IllegalArgumentException if a figure is out of range */
    public OutcomeRow {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(status, "status");
      if (leads < 1 || conversions < 0 || conversions > leads) {
        throw new IllegalArgumentException("outcome group '" + group + "' needs 1 <= leads and 0 <= conversions <="
            + " leads, got leads=" + leads + ", conversions=" + conversions);
      }
      share("outcome '" + group + "' predictedRate", predictedRate);
      share("outcome '" + group + "' actualRate", actualRate);
      nonNegative("outcome '" + group + "' relativeGap", relativeGap);
      finite("outcome '" + group + "' z", z);
    }
  }

  /**
   * Outcome drift: how well the model's probabilities matched what happened.
   *
   * @param overall all used leads
   * @param tiers one row per tier that has leads, most urgent first
   * @param calibrationError ECE of the batch (10 equal-width bins)
   * @param referenceCalibrationError ECE of the out-of-fold training predictions
   * @param calibrationStatus {@link Status#WATCH} at ECE {@link Monitor#ECE_WATCH}
   */
  public record OutcomeDrift(OutcomeRow overall, List<OutcomeRow> tiers, double calibrationError,
      double referenceCalibrationError, Status calibrationStatus) {
    /** @throws IllegalArgumentException if an error is outside [0, 1] */
    public OutcomeDrift {
      Objects.requireNonNull(overall, "overall");
      tiers = List.copyOf(tiers);
      share("calibrationError", calibrationError);
      share("referenceCalibrationError", referenceCalibrationError);
      Objects.requireNonNull(calibrationStatus, "calibrationStatus");
    }
  }

  MonitoringReport(String modelId, String modelVersion, String schemaFingerprint, Instant asOf, int rowsIn,
      int rowsUsed, List<RowError> errors, List<FeatureDrift> features, ScoreDrift score, OutcomeDrift outcomes,
      Health verdict) {
    this.modelId = Objects.requireNonNull(modelId, "modelId");
    this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion");
    this.schemaFingerprint = Objects.requireNonNull(schemaFingerprint, "schemaFingerprint");
    this.asOf = Objects.requireNonNull(asOf, "asOf");
    this.errors = List.copyOf(errors);
    if (rowsUsed < 0 || rowsIn != rowsUsed + this.errors.size()) {
      throw new IllegalArgumentException("rows in (" + rowsIn + ") must equal rows used (" + rowsUsed
          + ") + rows reported as errors (" + this.errors.size() + ")");
    }
    this.rowsIn = rowsIn;
    this.rowsUsed = rowsUsed;
    this.features = List.copyOf(features);
    this.score = score;
    this.outcomes = outcomes;
    this.verdict = Objects.requireNonNull(verdict, "verdict");
  }

  static void share(String what, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(what + " must be in [0, 1], got " + v);
    }
  }

  static void nonNegative(String what, double v) {
    if (!(v >= 0 && Double.isFinite(v))) {
      throw new IllegalArgumentException(what + " must be finite and >= 0, got " + v);
    }
  }

  static void finite(String what, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(what + " must be finite, got " + v);
    }
  }

  // ------------------------------------------------------------------------------ accessors

  /** {@return the monitored model's id} */
  public String modelId() {
    return modelId;
  }

  /**
   * {@return the monitored model's artifact-unique version, as its scores carry it}
   * ({@code TrainedModel.artifactVersion()})
   */
  public String modelVersion() {
    return modelVersion;
  }

  /** {@return the monitored model's fitted-schema fingerprint} */
  public String schemaFingerprint() {
    return schemaFingerprint;
  }

  /** {@return the instant the batch's features were extracted at} */
  public Instant asOf() {
    return asOf;
  }

  /** Leads in the batch. */
  public int rowsIn() {
    return rowsIn;
  }

  /** Leads used for the figures. */
  public int rowsUsed() {
    return rowsUsed;
  }

  /** Leads that could not be used, with why, in batch order (unmodifiable). */
  public List<RowError> errors() {
    return errors;
  }

  /** Drift per monitored feature, in schema order (unmodifiable; empty when no row was used). */
  public List<FeatureDrift> features() {
    return features;
  }

  /** The drift of the named feature, if it was monitored. */
  public Optional<FeatureDrift> feature(String name) {
    return features.stream().filter(f -> f.feature().equals(name)).findFirst();
  }

  /** Score drift; empty when no row was used. */
  public Optional<ScoreDrift> score() {
    return Optional.ofNullable(score);
  }

  /** Outcome drift; present when outcomes were given and at least one row was used. */
  public Optional<OutcomeDrift> outcomes() {
    return Optional.ofNullable(outcomes);
  }

  /** {@return the verdict with its reasons} */
  public Health verdict() {
    return verdict;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MonitoringReport r && modelId.equals(r.modelId) && modelVersion.equals(r.modelVersion)
        && schemaFingerprint.equals(r.schemaFingerprint) && asOf.equals(r.asOf) && rowsIn == r.rowsIn
        && rowsUsed == r.rowsUsed && errors.equals(r.errors) && features.equals(r.features)
        && Objects.equals(score, r.score) && Objects.equals(outcomes, r.outcomes) && verdict.equals(r.verdict);
  }

  @Override
  public int hashCode() {
    return Objects.hash(modelId, modelVersion, schemaFingerprint, asOf, rowsIn, rowsUsed, errors, features, score,
        outcomes, verdict);
  }

  @Override
  public String toString() {
    return "MonitoringReport[" + modelId + "@" + modelVersion + ", asOf " + asOf + ", " + rowsUsed + "/" + rowsIn
        + " rows, " + verdict.status() + " " + verdict.reasons() + "]";
  }

  // ------------------------------------------------------------------------------ JSON

  /** {@return the report as pretty-printed JSON ({@code \n} line ends, ending in a newline)} */
  public String toJson() {
    return MonitoringReportJson.write(this);
  }

  /**
   * Reads a report written by {@link #toJson()}.
   *
   * @throws IllegalArgumentException if the text is not JSON, not a report of this format
   *     version, or has a missing, unknown, mistyped or out-of-range field, or counts that do not
   *     add up; the message names the JSON path, the rule and the value
   * @throws NullPointerException if {@code json} is null
   */
  public static MonitoringReport fromJson(String json) {
    Objects.requireNonNull(json, "json");
    return MonitoringReportJson.read(json);
  }
}
