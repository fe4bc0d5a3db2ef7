package dev.leadscore.model.hardening;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.Score;
import dev.leadscore.core.hardening.Fuzz.Outcome;
import dev.leadscore.core.hardening.Fuzz.Tally;
import dev.leadscore.core.hardening.Fuzz;
import dev.leadscore.core.hardening.Schemas;
import dev.leadscore.core.schema.Decay;
import dev.leadscore.core.schema.EventCountFeature;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.Imputation;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.ModelTrainer;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingException;
import dev.leadscore.model.TrainingOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad training input for {@link ModelTrainer#train}.
 *
 * <p>Documented exceptions: {@link IllegalArgumentException} (no leads, a null lead: naming the
 * index), {@link LeadDataException} (a value the schema cannot read: naming lead and field), {@link
 * TrainingException} (a class missing or smaller than the number of folds, a schema that cannot
 * be fitted, a fit that fails). A model that trains must have finite weights and score every lead
 * with a finite probability, and survive a save and load.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ModelTrainerBadInputTest {
  private static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

  private static TrainingOptions options() {
    return TrainingOptions.builder().lambda(1).folds(2).seed(1).threads(1).createdAt(AS_OF).build();
  }

  private static List<LabelledLead> sample(int n) {
    return Models.data().leads().subList(0, n);
  }

  record Case(String name, FeatureSchema schema, Supplier<List<LabelledLead>> leads, TrainingOptions options, String token) {}

  /** An unclipped numeric, mean-imputed with a missing flag, and an uncapped count: nothing tames extreme values. */
  private static FeatureSchema raw() {
    return FeatureSchema.of("raw", 1,
        NumericFeature.of(FeatureInfo.of("x", FeatureInfo.FIRMOGRAPHIC), "x"),
        new NumericFeature(FeatureInfo.of("y", FeatureInfo.FIRMOGRAPHIC), "y", false, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, Imputation.median(), false, List.of()),
        new EventCountFeature(FeatureInfo.of("visits", FeatureInfo.BEHAVIORAL), List.of("visit"), Double.POSITIVE_INFINITY,
            Decay.none(), Double.POSITIVE_INFINITY, false));
  }

  private static List<LabelledLead> rawLeads(int n, double[] values, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<LabelledLead> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Lead.Builder b = Lead.builder("R" + i).number("x", values[r.nextInt(values.length)]).number("y", values[r.nextInt(values.length)]);
      int visits = r.nextInt(4);
      for (int k = 0; k < visits; k++) {
        b.event("visit", AS_OF.minusSeconds(3600L * (k + 1)), r.nextBoolean() ? 1 : Integer.MAX_VALUE);
      }
      out.add(new LabelledLead(b.build(), r.nextInt(3) == 0));
    }
    return out;
  }

  private static List<LabelledLead> relabel(List<LabelledLead> leads, boolean label) {
    return leads.stream().map(l -> new LabelledLead(l.lead(), label)).toList();
  }

  @Test
  void badTrainingInputGetsADocumentedExceptionOrASaneModel() {
    Tally t = new Tally("ModelTrainer.train bad and extreme training sets");
    FeatureSchema small = Schemas.small();
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("no leads", small, List::of, options(), "empty"));
    cases.add(new Case("a null lead", small, () -> {
      List<LabelledLead> l = new ArrayList<>(sample(100));
      l.set(37, null);
      return l;
    }, options(), "37"));
    cases.add(new Case("unreadable value", small, () -> {
      List<LabelledLead> l = new ArrayList<>(sample(100));
      l.set(11, new LabelledLead(l.get(11).lead().toBuilder().text("company_size", "lots").build(), true));
      return l;
    }, options(), "company_size"));
    cases.add(new Case("only one class", small, () -> relabel(sample(100), false), options(), ""));
    cases.add(new Case("only positives", small, () -> relabel(sample(100), true), options(), ""));
    cases.add(new Case("fewer positives than folds", small, () -> {
      List<LabelledLead> l = new ArrayList<>(relabel(sample(100), false));
      l.set(3, new LabelledLead(l.get(3).lead(), true));
      return l;
    }, TrainingOptions.builder().lambda(1).folds(3).seed(1).threads(1).createdAt(AS_OF).build(), ""));
    cases.add(new Case("leads with only an id", small, () -> {
      List<LabelledLead> l = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        l.add(new LabelledLead(Lead.builder("id" + i).build(), i % 3 == 0));
      }
      return l;
    }, options(), ""));
    cases.add(new Case("one lead repeated", small, () -> {
      List<LabelledLead> l = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        l.add(new LabelledLead(sample(1).get(0).lead(), i % 2 == 0));
      }
      return l;
    }, options(), ""));
    cases.add(new Case("separable classes, tiny lambda", raw(), () -> {
      List<LabelledLead> l = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        l.add(new LabelledLead(Lead.builder("s" + i).number("x", i).number("y", 1).build(), i >= 30));
      }
      return l;
    }, TrainingOptions.builder().lambda(1e-12).folds(2).seed(1).threads(1).createdAt(AS_OF).build(), ""));
    cases.add(new Case("values of +-1e308", raw(), () -> rawLeads(80, new double[] {1e308, -1e308, 0, 1}, 1), options(), ""));
    cases.add(new Case("values of Double.MAX_VALUE", raw(), () -> rawLeads(80, new double[] {Double.MAX_VALUE, 1}, 2), options(), ""));
    cases.add(new Case("all values missing for a mean", raw(), () -> {
      List<LabelledLead> l = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        l.add(new LabelledLead(Lead.builder("m" + i).event("visit", AS_OF.minusSeconds(60 * i)).build(), i % 2 == 0));
      }
      return l;
    }, options(), ""));
    cases.add(new Case("scoring instant at the end of time", small, () -> sample(100), options(), ""));
    for (Case c : cases) {
      Instant asOf = c.name().contains("end of time") ? Instant.MAX : AS_OF;
      List<LabelledLead> leads = c.leads().get();
      Outcome<TrainedModel> o = Fuzz.attempt(t, c.name(), () -> new ModelTrainer().train(c.schema(), leads, asOf, c.options()),
          IllegalArgumentException.class, TrainingException.class);
      if (!o.ok()) {
        Throwable e = o.thrown();
        System.out.println("[hardening]   " + c.name() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        if (!e.getMessage().toLowerCase().contains(c.token().toLowerCase())) {
          t.fail(c.name() + ": message does not name '" + c.token() + "': " + e.getMessage());
        }
        if (e instanceof IllegalArgumentException && !(e instanceof LeadDataException)
            && !(c.name().equals("no leads") || c.name().equals("a null lead"))) {
          t.fail(c.name() + ": " + e.getClass().getName() + " is documented only for no leads or a null lead: " + e.getMessage());
        }
        continue;
      }
      TrainedModel m = o.value();
      System.out.println("[hardening]   " + c.name() + ": trained, lambda " + m.lambda() + ", weights " + Arrays.toString(m.weights()).length() + " chars");
      for (double w : m.weights()) {
        if (!Double.isFinite(w)) {
          t.fail(c.name() + ": trained with a non-finite weight " + Arrays.toString(m.weights()));
          break;
        }
      }
      Outcome<ModelScorer> s = Fuzz.attempt(t, c.name() + " (save, load, score)", () -> ModelScorer.of(ModelArtifact.read(ModelArtifact.write(m))));
      if (s.ok()) {
        for (LabelledLead l : leads.subList(0, Math.min(20, leads.size()))) {
          Outcome<Score> sc = Fuzz.attempt(t, c.name() + " lead " + l.lead().id(), () -> s.value().score(l.lead(), asOf),
              LeadDataException.class);
          if (sc.ok() && !(sc.value().probability() >= 0 && sc.value().probability() <= 1)) {
            t.fail(c.name() + ": probability " + sc.value().probability());
          }
        }
      }
    }
    t.assertClean();
  }

  /** Finite values of magnitude 1e300: the trainer must refuse them or give a model that can be saved. */
  @Test
  void hugeValuesGiveATrainingExceptionOrASavableModel() {
    List<LabelledLead> leads = rawLeads(80, new double[] {Double.MIN_VALUE, 1e-300, 1e300, -1e300}, 3);
    TrainedModel m;
    try {
      m = new ModelTrainer().train(raw(), leads, AS_OF, options());
    } catch (TrainingException e) {
      return; // refusing is fine
    }
    for (double s : m.scales()) {
      assertTrue(Double.isFinite(s), "standardisation scales are finite: " + Arrays.toString(m.scales()));
    }
    TrainedModel loaded = ModelArtifact.read(ModelArtifact.write(m));
    assertTrue(ModelScorer.of(loaded).score(leads.get(0).lead(), AS_OF).probability() >= 0);
  }

  /** When extreme values make the objective NaN, the message should say which feature, so the host can clip it. */
  @Test
  void nanObjectiveNamesTheFeature() {
    List<LabelledLead> leads = rawLeads(80, new double[] {1e308, -1e308, 0, 1}, 1);
    TrainingException e = org.junit.jupiter.api.Assertions.assertThrows(TrainingException.class,
        () -> new ModelTrainer().train(raw(), leads, AS_OF, options()));
    assertTrue(e.getMessage().contains("'x'") || e.getMessage().contains("'y'"), e.getMessage());
  }
}
