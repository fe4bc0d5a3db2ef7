package dev.leadscore.model.hardening;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.Score;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.hardening.Fuzz.Outcome;
import dev.leadscore.core.hardening.Fuzz.Tally;
import dev.leadscore.core.hardening.Fuzz;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.explain.Background;
import dev.leadscore.explain.LinearModel;
import dev.leadscore.model.ModelScorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad arguments to the hand-built scorer: {@link LinearModel#of}, {@link
 * LinearModel#fromStandardised}, {@link Background#ofMeans} and {@link ModelScorer#of}.
 *
 * <p>Documented exceptions: {@link IllegalArgumentException} naming the argument (and the column
 * for a vector), {@link NullPointerException} for a null argument; at scoring time a calibration
 * that returns something other than a probability raises {@link IllegalStateException} (a bug in
 * the host's calibration, per {@link ModelScorer}'s class comment), never a score outside [0, 1].
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HandBuiltModelArgumentsTest {
  private static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

  record Bad(String what, Fuzz.Call<?> call, String token) {}

  @Test
  void badArgumentsAreRefusedNamingTheArgument() {
    Tally t = new Tally("LinearModel/Background/ModelScorer bad arguments");
    FittedSchema fs = ModelNumericalEdgesTest.rawSchema();
    Background bg = ModelNumericalEdgesTest.background(fs);
    FittedSchema other = Models.defaultModel().schema();
    int d = fs.width();
    double[] ok = new double[d];
    String firstColumn = fs.columns().get(0).name();
    List<Bad> cases = new ArrayList<>();
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      double[] w = new double[d];
      w[0] = bad;
      cases.add(new Bad("weight " + bad, () -> LinearModel.of(fs, 0, w, bg), firstColumn));
      cases.add(new Bad("intercept " + bad, () -> LinearModel.of(fs, bad, ok, bg), "intercept"));
      double[] means = bg.means();
      means[0] = bad;
      cases.add(new Bad("background mean " + bad, () -> Background.ofMeans(fs, means), firstColumn));
      double[] scale = new double[d];
      java.util.Arrays.fill(scale, 1);
      scale[0] = bad;
      cases.add(new Bad("scale " + bad, () -> LinearModel.fromStandardised(fs, 0, ok, ok, scale, bg), firstColumn));
      cases.add(new Bad("standardised intercept " + bad, () -> LinearModel.fromStandardised(fs, bad, ok, ok, scale.clone(), bg), ""));
    }
    double[] negative = new double[d];
    java.util.Arrays.fill(negative, 1);
    negative[1] = -1;
    cases.add(new Bad("negative scale", () -> LinearModel.fromStandardised(fs, 0, ok, ok, negative, bg), fs.columns().get(1).name()));
    cases.add(new Bad("short weights", () -> LinearModel.of(fs, 0, new double[d - 1], bg), "weights"));
    cases.add(new Bad("long weights", () -> LinearModel.of(fs, 0, new double[d + 1], bg), "weights"));
    cases.add(new Bad("empty weights", () -> LinearModel.of(fs, 0, new double[0], bg), "weights"));
    cases.add(new Bad("background of another schema", () -> LinearModel.of(fs, 0, ok, Background.ofMeans(other, new double[other.width()])),
        "background"));
    cases.add(new Bad("background means of the wrong length", () -> Background.ofMeans(fs, new double[d + 2]), ""));
    cases.add(new Bad("no background leads", () -> Background.ofLeads(fs, List.of(), AS_OF), ""));
    cases.add(new Bad("null weights", () -> LinearModel.of(fs, 0, null, bg), ""));
    cases.add(new Bad("null background", () -> LinearModel.of(fs, 0, ok, null), ""));
    LinearModel model = LinearModel.of(fs, 0, ok, bg);
    cases.add(new Bad("blank model id", () -> ModelScorer.of(" ", "1", model, TierCutoffs.of(80, 60, 30)), "modelId"));
    cases.add(new Bad("null model version", () -> ModelScorer.of("m", null, model, TierCutoffs.of(80, 60, 30)), "modelVersion"));
    cases.add(new Bad("null calibration", () -> ModelScorer.of("m", "1", model, (DoubleUnaryOperator) null, TierCutoffs.of(80, 60, 30)), ""));
    cases.add(new Bad("null trained model", () -> ModelScorer.of(null), ""));
    for (Bad c : cases) {
      Outcome<?> o = Fuzz.attempt(t, c.what(), c.call(), IllegalArgumentException.class, NullPointerException.class);
      if (o.ok()) {
        t.fail(c.what() + ": accepted");
      } else if (o.thrown() instanceof IllegalArgumentException && !o.thrown().getMessage().contains(c.token())) {
        t.fail(c.what() + ": message does not name '" + c.token() + "': " + o.thrown().getMessage());
      }
    }
    t.assertClean();
  }

  @Test
  void aCalibrationOutsideZeroOneIsAnIllegalStateNeverAScore() {
    Tally t = new Tally("ModelScorer with a broken calibration");
    FittedSchema fs = ModelNumericalEdgesTest.rawSchema();
    LinearModel model = LinearModel.of(fs, 0.5, new double[fs.width()], ModelNumericalEdgesTest.background(fs));
    Lead lead = Lead.builder("c").number("x", 1).build();
    for (double p : new double[] {-0.1, 1.0000001, Double.NaN, Double.POSITIVE_INFINITY, -0.0, 0, 1}) {
      ModelScorer s = ModelScorer.of("cal", "1", model, z -> p, TierCutoffs.of(80, 60, 30));
      for (LeadScorer.Detail d : LeadScorer.Detail.values()) {
        Outcome<Score> o = Fuzz.attempt(t, "calibration -> " + p, () -> s.score(lead, AS_OF, d), IllegalStateException.class);
        boolean probability = p >= 0 && p <= 1;
        if (o.ok() != probability) {
          t.fail("calibration returning " + p + ": " + (o.ok() ? "scored " + o.value() : o.thrown()));
        }
        if (!o.ok()) {
          assertTrue(o.thrown().getMessage().contains("cal"), o.thrown().getMessage());
        }
      }
    }
    t.assertClean();
  }
}
