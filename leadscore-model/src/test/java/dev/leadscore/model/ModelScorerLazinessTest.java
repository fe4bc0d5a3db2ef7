package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Score;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.explain.testing.DemoModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The explainer a trained model's scorer builds on first use, and the row-level entry points' checks. */
class ModelScorerLazinessTest {
  private static final SyntheticData DATA = SyntheticPipeline.builder().size(300).seed(23).build().generate();
  private static final TrainedModel MODEL = new ModelTrainer().train(SyntheticPipeline.defaultSchema(), DATA.leads(),
      DATA.asOf(), TrainingOptions.builder().lambdas(1, 10).folds(3).seed(4).createdAt(DATA.asOf()).build());

  /** Threads whose first call on a fresh scorer is an explanation race to build its explainer; all get the same. */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void threadsRacingForTheFirstExplanationAllGetTheSequentialOne() throws Exception {
    List<Lead> leads = DATA.leads().stream().map(LabelledLead::lead).limit(40).toList();
    ModelScorer reference = ModelScorer.of(MODEL);
    List<Score> want = new ArrayList<>();
    for (Lead lead : leads) {
      want.add(reference.score(lead, DATA.asOf(), Detail.EXPLAINED));
    }
    for (int round = 0; round < 5; round++) {
      ModelScorer fresh = ModelScorer.of(MODEL);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Score>>> got = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          got.add(pool.submit(() -> {
            start.await();
            List<Score> out = new ArrayList<>();
            for (Lead lead : leads) {
              out.add(fresh.score(lead, DATA.asOf(), Detail.EXPLAINED));
            }
            return out;
          }));
        }
        start.countDown();
        for (Future<List<Score>> f : got) {
          assertEquals(want, f.get(50, TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void rowLevelScoringRejectsARowOfTheWrongLengthForEveryKindOfScorer() {
    ModelScorer trained = ModelScorer.of(MODEL);
    ModelScorer handBuilt = HandModels.demoScorer();
    for (ModelScorer s : List.of(trained, handBuilt)) {
      int width = s.model().schema().width();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.probabilityOf(new double[width - 1]));
      assertTrue(e.getMessage().contains(Integer.toString(width)), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> s.tierOf(new double[width + 1]));
    }
    double[] row = DemoModel.fitted().extract(DemoModel.background().get(1), DemoModel.AS_OF);
    assertEquals(handBuilt.score(DemoModel.background().get(1), DemoModel.AS_OF, Detail.SCORE_ONLY).score(),
        handBuilt.scoreOf(row), 0.0);
  }
}
