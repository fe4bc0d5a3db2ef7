package dev.leadscore.model;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.SchemaException;
import java.time.Instant;
import java.util.List;

/**
 * Cross-validation folds over labelled leads: for each fold the declared schema is fitted on that
 * fold's training leads only, and both the training and the held-out leads are extracted with that
 * fold's fitted schema (so imputation values and category levels never see held-out rows).
 */
final class LeadFoldSource implements FoldSource {
  private final FeatureSchema schema;
  private final List<LabelledLead> leads;
  private final boolean[] y;
  private final int[] fold;
  private final int folds;
  private final Instant asOf;
  private final int autoKnots;
  private final Prior prior;

  LeadFoldSource(FeatureSchema schema, List<LabelledLead> leads, boolean[] y, int[] fold, int folds, Instant asOf,
      int autoKnots, Prior prior) {
    this.schema = schema;
    this.leads = leads;
    this.y = y;
    this.fold = fold;
    this.folds = folds;
    this.asOf = asOf;
    this.autoKnots = autoKnots;
    this.prior = prior;
  }

  @Override
  public int rows() {
    return leads.size();
  }

  @Override
  public boolean[] labels() {
    return y;
  }

  @Override
  public int folds() {
    return folds;
  }

  @Override
  public FoldData fold(int k, Workers workers) {
    int n = leads.size();
    int test = 0;
    for (int f : fold) {
      if (f == k) {
        test++;
      }
    }
    int[] trainRows = new int[n - test];
    int[] testRows = new int[test];
    boolean[] trainY = new boolean[n - test];
    for (int i = 0, a = 0, b = 0; i < n; i++) {
      if (fold[i] == k) {
        testRows[b++] = i;
      } else {
        trainY[a] = y[i];
        trainRows[a++] = i;
      }
    }
    FittedSchema fitted;
    try {
      fitted = Extraction.fit(schema, leads, trainRows, autoKnots);
    } catch (SchemaException e) {
      throw new TrainingException("cross-validation fold " + (k + 1) + " of " + folds
          + ": the schema cannot be fitted on the fold's " + trainRows.length + " training leads: " + e.getMessage(), e);
    }
    double[] trainX = Extraction.matrix(fitted, leads, trainRows, asOf, workers);
    double[] testX = Extraction.matrix(fitted, leads, testRows, asOf, workers);
    return new FoldData(trainX, trainRows.length, trainY, testX, test, testRows, fitted.width(),
        Extraction.columnNames(fitted), Extraction.indicators(fitted), fitted.columns(),
        prior == null ? null : ModelTrainer.priorPoints(prior, fitted, leads, trainRows, asOf));
  }
}
