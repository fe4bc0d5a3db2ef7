package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.io.LeadCsvReader;
import dev.leadscore.core.io.ReadResult;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The penalty scale: numerics standardised, indicator columns (one-hot levels, booleans, missing
 * flags) on their 0/1 scale, so that {@code lambda = 1 / C} gives scikit-learn's {@code
 * ColumnTransformer(StandardScaler on numerics, OneHotEncoder on categoricals)} + {@code
 * LogisticRegression(C)}, coefficient for coefficient. Fixtures: {@code golden/xeducation/*}, made by
 * {@code golden/make_xeducation_parity.py} (scikit-learn 1.9.1, newton-cholesky, tol 1e-12).
 *
 * <p>The X Education check reads the real export from {@code ../shared/data/xeducation-leads}
 * beside the checkout (or {@code LEADSCORE_XEDUCATION_CSV}) and is skipped when it is absent; the
 * synthetic mixed-column check runs everywhere.
 */
class IndicatorScaleParityTest {
  /** Relative to max(|scikit-learn value|, 1e-3), as in {@link GoldenParityTest}. */
  static final double RELATIVE = 1e-6;

  @Test
  void mixedNumericAndIndicatorColumnsMatchScikitLearn() {
    Fixtures.Data data = Fixtures.csv("/golden/xeducation/mixed.csv");
    JsonNode golden = Fixtures.json("/golden/xeducation/mixed.json");
    boolean[] indicators = new boolean[data.d()];
    for (int j = 0; j < indicators.length; j++) {
      indicators[j] = golden.get("indicators").get(j).booleanValue();
    }
    double worst = 0;
    for (JsonNode fit : golden.get("fits")) {
      double lambda = fit.get("lambda").doubleValue();
      LambdaPath path = new LambdaPath(data.copyX(), data.n(), data.d(), data.y(), null, Workers.single(), data.names(),
          indicators);
      LinearModel m = path.fit(lambda, null, 100, LogisticSolver.DEFAULT_TOLERANCE, LogisticSolver.Listener.NONE, false);
      Standardisation st = path.standardisation();
      double[] coef = Fixtures.doubles(fit.get("coef"));
      // scikit-learn's indicators are not centred: its intercept is ours less w_j * mean_j over them
      double intercept = m.intercept;
      for (int j = 0; j < coef.length; j++) {
        if (indicators[j]) {
          assertEquals(1.0, st.scaleAt(j), "indicator column " + data.names()[j] + " keeps its 0/1 scale");
          intercept -= m.weights[j] * st.meanAt(j);
        }
        worst = Math.max(worst, check("mixed, lambda " + lambda + ", " + data.names()[j], coef[j], m.weights[j]));
      }
      worst = Math.max(worst, check("mixed, lambda " + lambda + ", intercept", fit.get("intercept").doubleValue(),
          intercept));

      MatrixFoldSource source = new MatrixFoldSource(data.x(), data.n(), data.d(), data.y(), data.fold(),
          golden.get("folds").intValue(), data.names(), indicators);
      CrossValidation.Outcome cv = CrossValidation.run(source, new double[] {lambda}, ClassWeights.none(), 100,
          LogisticSolver.DEFAULT_TOLERANCE, Workers.single(), TrainingProgress.NONE);
      double[] oof = Fixtures.doubles(fit.get("oof_logit"));
      for (int i = 0; i < oof.length; i++) {
        worst = Math.max(worst, check("mixed, lambda " + lambda + ", out-of-fold logit of row " + i, oof[i],
            cv.logits()[0][i]));
      }
    }
    System.out.printf("golden mixed indicators: worst relative delta %.3g%n", worst);
  }

  @Test
  void xeducationCoefficientsAndLogitsMatchScikitLearn() throws IOException {
    Path csv = xeducation();
    Assumptions.assumeTrue(csv != null, "X Education export not found beside the checkout; skipped");
    JsonNode golden = Fixtures.json("/golden/xeducation/parity.json");
    FeatureSchema schema = FeatureSchema.fromJson(Fixtures.resource("/golden/xeducation/parity-schema.json"));
    ReadResult read = LeadCsvReader.builder().idColumn("Prospect ID").delimiter(',').labelColumn("Converted", "1")
        .build().read(csv);
    List<LabelledLead> leads = read.labelled();
    assertEquals(golden.get("n").intValue(), leads.size(), "rows read from " + csv);
    assertEquals(golden.get("positives").intValue(), leads.stream().filter(LabelledLead::converted).count(),
        "converted leads in " + csv);
    Map<String, LabelledLead> byId = new HashMap<>();
    leads.forEach(l -> byId.put(l.lead().id(), l));
    Instant asOf = Instant.EPOCH; // no event features: nothing depends on it
    double worst = 0;
    for (JsonNode fit : golden.get("fits")) {
      double lambda = fit.get("lambda").doubleValue();
      TrainedModel model = new ModelTrainer().train(schema, leads, asOf,
          TrainingOptions.builder().lambda(lambda).folds(2).threads(2).plain().build());
      JsonNode coef = fit.get("coef");
      double[] w = model.weights();
      List<Column> columns = model.schema().columns();
      int compared = 0;
      for (Column c : columns) {
        JsonNode expected = coef.get(c.name());
        if (expected == null) {
          assertEquals(0.0, w[c.index()], c.name() + " has no scikit-learn column, so it must be constant");
          continue;
        }
        worst = Math.max(worst, check("X Education, lambda " + lambda + ", " + c.name(), expected.doubleValue(),
            w[c.index()]));
        compared++;
      }
      assertEquals(coef.size(), compared, "every scikit-learn column has a leadscore column");
      JsonNode ids = golden.get("ids");
      double[] logits = Fixtures.doubles(fit.get("logit"));
      for (int r = 0; r < logits.length; r++) {
        LabelledLead lead = byId.get(ids.get(r).textValue());
        double logit = model.logit(model.schema().extract(lead.lead(), asOf));
        worst = Math.max(worst, check("X Education, lambda " + lambda + ", logit of " + lead.lead().id(), logits[r],
            logit));
      }
    }
    System.out.printf("golden X Education parity: worst relative delta %.3g%n", worst);
  }

  private static double check(String what, double expected, double actual) {
    double rel = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-3);
    assertTrue(rel <= RELATIVE, () -> what + ": expected " + expected + " (scikit-learn), got " + actual
        + " (relative delta " + rel + ")");
    return rel;
  }

  /** The export beside the checkout (searched upwards from the working directory), or null. */
  static Path xeducation() {
    String env = System.getenv("LEADSCORE_XEDUCATION_CSV");
    if (env != null && Files.isRegularFile(Path.of(env))) {
      return Path.of(env);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path csv = p.resolve("shared/data/xeducation-leads/Leads.csv");
      if (Files.isRegularFile(csv)) {
        return csv;
      }
    }
    return null;
  }
}
