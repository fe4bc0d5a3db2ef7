package dev.leadscore.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.BatchResult;
import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link LeadScorer} keeps, as an abstract test: the rule scorer, the model
 * scorer and any later one extend it with a scorer and leads, so a new implementation is held to
 * the same rules without anyone writing them again.
 *
 * <ul>
 *   <li>determinism: the same lead at the same {@code asOf} scores the same, whatever was scored in
 *       between, and events after {@code asOf} change nothing;</li>
 *   <li>batch equals one by one: {@code scoreAll} gives the single-lead scores in row order and one
 *       {@link dev.leadscore.core.RowError} per null or unusable row, with its index;</li>
 *   <li>a bad lead raises {@link LeadDataException} naming the lead and the field;</li>
 *   <li>explanations add up: {@code base + Σ contributions} equals the total computed without them
 *       (the logit, the raw points), the total maps to the score,
 *       and {@link Detail#SCORE_ONLY} gives the same score without one;</li>
 *   <li>thread safety: threads sharing one scorer, each in its own order, get the sequential
 *       results.</li>
 * </ul>
 */
public abstract class LeadScorerContract {
  /** How closely {@code base + Σ contributions} must match {@code total}, relative to its scale. */
  protected static final double ADDITIVITY_TOLERANCE = 1e-9;

  /** The scorer under test; may be built once and cached by the subclass. */
  protected abstract LeadScorer scorer();

  /** At least a few dozen leads the scorer can score, varied, some with events (required). */
  protected abstract List<Lead> leads();

  /** The instant the leads are scored at. */
  protected abstract Instant asOf();

  /** A lead whose data the scorer cannot use. */
  protected abstract Lead badLead();

  /** The field {@link #badLead()} is at fault in. */
  protected abstract String badField();

  /**
   * What a lead's explanation must add up to, computed without it: the model's logit of the
   * extracted row, the rules' raw points.
   */
  protected abstract double independentTotal(Lead lead);

  /** The 0–100 score an explanation's {@link Explanation#total()} stands for under this scorer. */
  protected abstract double scoreOfTotal(double total);

  /** How closely {@link #scoreOfTotal} must match the score (0–100 points). */
  protected double scoreTolerance() {
    return 1e-6;
  }

  @Test
  void theSameLeadScoresTheSameWhateverWasScoredInBetween() {
    LeadScorer s = scorer();
    List<Lead> leads = leads();
    List<Score> first = new ArrayList<>();
    for (Lead lead : leads) {
      first.add(s.score(lead, asOf(), Detail.EXPLAINED));
    }
    for (int i = leads.size() - 1; i >= 0; i--) {
      assertEquals(first.get(i), s.score(leads.get(i), asOf(), Detail.EXPLAINED), leads.get(i).id());
    }
  }

  @Test
  void scoresCarryTheScorersIdAndVersion() {
    LeadScorer s = scorer();
    Score score = s.score(leads().get(0), asOf(), Detail.SCORE_ONLY);
    assertEquals(s.modelId(), score.modelId());
    assertEquals(s.modelVersion(), score.modelVersion());
    assertEquals(leads().get(0).id(), score.leadId());
  }

  @Test
  void eventsAfterAsOfChangeNothing() {
    LeadScorer s = scorer();
    int withEvents = 0;
    for (Lead lead : leads()) {
      if (lead.events().isEmpty()) {
        continue;
      }
      withEvents++;
      Lead.Builder later = lead.toBuilder();
      for (ActivityEvent e : lead.events()) {
        later.event(e.type(), asOf().plus(Duration.ofDays(3)), e.count());
        later.event(e.type(), asOf().plusNanos(1));
      }
      Score before = s.score(lead, asOf(), Detail.EXPLAINED);
      Score after = s.score(later.build(), asOf(), Detail.EXPLAINED);
      assertEquals(before, after, lead.id() + ": events after asOf must be ignored");
    }
    assertTrue(withEvents > 0, "the contract needs leads() with events to check that later events are ignored");
  }

  @Test
  void aBatchEqualsOneByOneAndReportsEveryUnusableRow() {
    LeadScorer s = scorer();
    List<Lead> rows = new ArrayList<>(leads());
    int badAt = rows.size() / 2;
    rows.add(badAt, badLead());
    rows.add(1, null);
    int nullAt = 1;
    badAt++;
    for (Detail detail : Detail.values()) {
      BatchResult batch = s.scoreAll(rows, asOf(), detail);
      assertEquals(rows.size(), batch.scores().size() + batch.errors().size(), "every row is accounted for");
      assertEquals(2, batch.errors().size(), batch.errors().toString());
      assertEquals(nullAt, batch.errors().get(0).row());
      assertEquals(badAt, batch.errors().get(1).row());
      assertEquals(badLead().id(), batch.errors().get(1).leadId());
      assertEquals(badField(), batch.errors().get(1).field());
      List<Score> expected = new ArrayList<>();
      for (Lead lead : rows) {
        if (lead != null && lead != rows.get(badAt)) {
          expected.add(s.score(lead, asOf(), detail));
        }
      }
      assertEquals(expected, batch.scores(), detail.toString());
    }
  }

  @Test
  void aBadLeadIsRejectedNamingTheLeadAndTheField() {
    for (Detail detail : Detail.values()) {
      LeadDataException e = assertThrows(LeadDataException.class, () -> scorer().score(badLead(), asOf(), detail));
      assertEquals(badLead().id(), e.leadId());
      assertEquals(badField(), e.field());
      assertTrue(e.getMessage().contains(badLead().id()) && e.getMessage().contains(badField()), e.getMessage());
    }
  }

  @Test
  void explanationsAddUpToTheScore() {
    LeadScorer s = scorer();
    for (Lead lead : leads()) {
      Score explained = s.score(lead, asOf(), Detail.EXPLAINED);
      Score plain = s.score(lead, asOf(), Detail.SCORE_ONLY);
      assertFalse(plain.explanation().isPresent(), lead.id());
      assertEquals(explained.probability(), plain.probability(), 0.0, lead.id());
      assertEquals(explained.score(), plain.score(), 0.0, lead.id());
      assertEquals(explained.tier(), plain.tier(), lead.id());
      Explanation e = explained.explanation().orElseThrow();
      double sum = e.baseValue();
      double scale = Math.abs(e.baseValue());
      for (Reason r : e.contributions()) {
        sum += r.contribution();
        scale += Math.abs(r.contribution());
      }
      assertEquals(independentTotal(lead), sum, ADDITIVITY_TOLERANCE * (1 + scale), lead.id() + ": base + contributions");
      assertEquals(explained.score(), scoreOfTotal(e.total()), scoreTolerance(), lead.id() + ": the total stands for the score");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void threadsSharingOneScorerGetTheSequentialResults() throws Exception {
    LeadScorer s = scorer();
    List<Lead> leads = leads();
    List<Score> reference = new ArrayList<>();
    for (Lead lead : leads) {
      reference.add(s.score(lead, asOf(), Detail.EXPLAINED));
    }
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = t;
        results.add(pool.submit(() -> {
          List<Integer> order = new ArrayList<>();
          for (int i = 0; i < leads.size(); i++) {
            order.add(i);
          }
          Collections.shuffle(order, new Random(seed));
          start.await();
          List<String> mismatches = new ArrayList<>();
          for (int round = 0; round < 3; round++) {
            for (int i : order) {
              Detail detail = (i + round) % 2 == 0 ? Detail.EXPLAINED : Detail.SCORE_ONLY;
              Score got = s.score(leads.get(i), asOf(), detail);
              Score want = reference.get(i);
              boolean same = detail == Detail.EXPLAINED ? got.equals(want)
                  : got.score() == want.score() && got.tier() == want.tier() && got.probability() == want.probability();
              if (!same) {
                mismatches.add(leads.get(i).id() + " " + detail);
              }
            }
          }
          return mismatches;
        }));
      }
      start.countDown();
      for (Future<List<String>> f : results) {
        assertEquals(List.of(), f.get(50, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
