package dev.leadscore.bench.cli;

import dev.leadscore.core.TierPolicy;
import dev.leadscore.model.CalibrationMethod;
import dev.leadscore.model.SelectionMetric;
import dev.leadscore.model.TrainingOptions;
import dev.leadscore.model.TrainingProgress;
import java.util.List;
import picocli.CommandLine.Option;

/** The training options of {@code train}, {@code evaluate}, {@code report} and {@code demo}. */
public final class ModelOptions {
  @Option(names = "--folds", paramLabel = "K", defaultValue = "5",
      description = "Cross-validation folds (default: ${DEFAULT-VALUE}).")
  int folds;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
      description = "Seed of the stratified fold assignment and the bootstrap (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--lambdas", paramLabel = "L", split = ",",
      description = "L2 penalty grid (sum of log loss + lambda/2 |w|^2 on standardised features, i.e. 1/C);"
          + " default 13 values 1e-3 .. 1e3.")
  List<Double> lambdas;

  @Option(names = "--calibration", paramLabel = "METHOD", defaultValue = "platt",
      description = "Calibration fitted on out-of-fold logits: platt, isotonic or none (default: ${DEFAULT-VALUE}).")
  String calibration;

  @Option(names = "--select-by", paramLabel = "METRIC", defaultValue = "log-loss",
      description = "How lambda is chosen: log-loss or auc (default: ${DEFAULT-VALUE}).")
  String selectBy;

  @Option(names = "--tier-shares", paramLabel = "HOT,WARM,NURTURE", split = ",", hideParamSyntax = true,
      description = "Target shares of the pipeline for Hot, Warm and Nurture (the rest is Suppress);"
          + " default 0.12,0.26,0.39.")
  List<Double> tierShares;

  @Option(names = "--threads", paramLabel = "N", description = "Training threads (default: all processors).")
  Integer threads;

  @Option(names = "--model-id", paramLabel = "ID", description = "Model id (default: <schema name>-logistic).")
  String modelId;

  @Option(names = "--model-version", paramLabel = "V", defaultValue = "1",
      description = "Model version (default: ${DEFAULT-VALUE}).")
  String modelVersion;

  /**
   * The training options.
   *
   * @throws CliException for an unknown calibration or selection name, or a value the builder rejects
   */
  TrainingOptions build(TrainingProgress progress) {
    try {
      TrainingOptions.Builder b = TrainingOptions.builder().folds(folds).seed(seed).progress(progress)
          .calibration(calibration()).selectionMetric(selection()).modelVersion(modelVersion);
      if (lambdas != null && !lambdas.isEmpty()) {
        b.lambdas(lambdas.stream().mapToDouble(Double::doubleValue).toArray());
      }
      if (tierShares != null) {
        if (tierShares.size() != 3) {
          throw new CliException("--tier-shares takes three shares (Hot, Warm, Nurture), got " + tierShares);
        }
        b.tierPolicy(TierPolicy.shares(tierShares.get(0), tierShares.get(1), tierShares.get(2)));
      }
      if (threads != null) {
        b.threads(threads);
      }
      if (modelId != null) {
        b.modelId(modelId);
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage(), e);
    }
  }

  private CalibrationMethod calibration() {
    switch (calibration.toLowerCase(java.util.Locale.ROOT)) {
      case "platt":
        return CalibrationMethod.PLATT;
      case "isotonic":
        return CalibrationMethod.ISOTONIC;
      case "none":
        return CalibrationMethod.NONE;
      default:
        throw new CliException("--calibration must be platt, isotonic or none, got '" + calibration + "'");
    }
  }

  private SelectionMetric selection() {
    switch (selectBy.toLowerCase(java.util.Locale.ROOT)) {
      case "log-loss":
      case "logloss":
        return SelectionMetric.LOG_LOSS;
      case "auc":
        return SelectionMetric.AUC;
      default:
        throw new CliException("--select-by must be log-loss or auc, got '" + selectBy + "'");
    }
  }
}
