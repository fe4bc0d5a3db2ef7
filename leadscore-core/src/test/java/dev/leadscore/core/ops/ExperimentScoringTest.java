package dev.leadscore.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.RowError;
import dev.leadscore.core.Score;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Scoring with both arms: the assigned arm decides, the other is kept, failures are reported. */
class ExperimentScoringTest {
  private static final Instant AS_OF = Instant.parse("2026-05-01T00:00:00Z");
  private static final FakeScorer CHAMP = new FakeScorer("champ", 1.0);
  private static final FakeScorer CHALL = new FakeScorer("chall", 1.5);
  private static final Experiment EXP =
      Experiment.builder("pricing").champion(CHAMP).challenger(CHALL).salt("pepper").challengerShare(0.3).build();

  private static Lead lead(String id, double p, String fail) {
    Lead.Builder b = Lead.builder(id).number("p", p).number("r_visits", 0.7);
    if (fail != null) {
      b.text("fail", fail);
    }
    return b.build();
  }

  @Test
  void bothArmsScoreAndTheAssignedArmDecides() {
    int seen = 0;
    for (int i = 0; i < 200; i++) {
      Lead lead = lead("L-" + i, 0.4, null);
      ExperimentScore s = EXP.score(lead, AS_OF, Detail.EXPLAINED);
      Arm arm = EXP.arm(lead.id());
      Score champ = CHAMP.score(lead, AS_OF, Detail.EXPLAINED);
      Score chall = CHALL.score(lead, AS_OF, Detail.EXPLAINED);
      assertEquals(arm, s.arm());
      assertEquals("pricing", s.experiment());
      assertEquals(lead.id(), s.leadId());
      assertEquals(arm == Arm.CHAMPION ? champ : chall, s.decision());
      assertEquals(Optional.of(arm == Arm.CHAMPION ? chall : champ), s.shadow());
      assertEquals(Optional.of(champ), s.scoreOf(Arm.CHAMPION));
      assertEquals(Optional.of(chall), s.scoreOf(Arm.CHALLENGER));
      assertEquals(Optional.empty(), s.shadowError());
      assertEquals(arm == Arm.CHAMPION ? "champ" : "chall", s.decision().modelId());
      seen += arm == Arm.CHALLENGER ? 1 : 0;
    }
    assertTrue(seen > 30 && seen < 100, "about 30 % challenger: " + seen);
  }

  @Test
  void detailIsPassedToBothArms() {
    ExperimentScore s = EXP.score(lead("L-1", 0.2, null), AS_OF, Detail.SCORE_ONLY);
    assertTrue(s.decision().explanation().isEmpty());
    assertTrue(s.shadow().orElseThrow().explanation().isEmpty());
    ExperimentScore e = EXP.score(lead("L-1", 0.2, null), AS_OF, Detail.EXPLAINED);
    assertTrue(e.decision().explanation().isPresent() && e.shadow().orElseThrow().explanation().isPresent());
  }

  @Test
  void aFailingShadowArmIsRecordedAndTheDecisionStands() {
    String id = firstIdIn(Arm.CHAMPION);
    ExperimentScore s = EXP.score(lead(id, 0.5, "chall"), AS_OF, Detail.SCORE_ONLY);
    assertEquals(Arm.CHAMPION, s.arm());
    assertEquals(0.5, s.decision().probability());
    assertTrue(s.shadow().isEmpty());
    assertEquals(Optional.empty(), s.scoreOf(Arm.CHALLENGER));
    assertEquals("lead '" + id + "', field 'fail': scorer chall refuses this lead", s.shadowError().orElseThrow());
    assertTrue(s.toString().contains("shadow=none (lead '" + id + "'"), s.toString());
  }

  @Test
  void aFailingAssignedArmFailsTheLead() {
    String id = firstIdIn(Arm.CHALLENGER);
    LeadDataException e = assertThrows(LeadDataException.class,
        () -> EXP.score(lead(id, 0.5, "chall"), AS_OF, Detail.SCORE_ONLY));
    assertEquals(id, e.leadId());
    assertEquals("fail", e.field());
  }

  @Test
  void batchKeepsGoingAndAccountsForEveryRow() {
    String champId = firstIdIn(Arm.CHAMPION);
    String challId = firstIdIn(Arm.CHALLENGER);
    List<Lead> leads = new ArrayList<>();
    leads.add(lead("ok-1", 0.1, null));
    leads.add(null);
    leads.add(lead(challId, 0.3, "chall")); // assigned arm fails: an error row
    leads.add(lead(champId, 0.3, "chall")); // only the shadow fails: scored
    leads.add(lead("all-bad", 0.3, "all"));
    leads.add(lead("ok-2", 0.9, null));
    ExperimentBatch batch = EXP.scoreAll(leads, AS_OF, Detail.SCORE_ONLY);
    assertEquals(leads.size(), batch.scores().size() + batch.errors().size());
    assertFalse(batch.allScored());
    assertEquals(List.of("ok-1", champId, "ok-2"), batch.scores().stream().map(ExperimentScore::leadId).toList());
    assertEquals(List.of(1L, 2L, 4L), batch.errors().stream().map(RowError::row).toList());
    assertEquals("row 1 is null", batch.errors().get(0).message());
    assertEquals(challId, batch.errors().get(1).leadId());
    assertEquals("fail", batch.errors().get(1).field());
    assertTrue(batch.scores().get(1).shadowError().isPresent());
  }

  @Test
  void batchCountsInEqualCountsOutOnRandomBatches() {
    Gen<Lead> leads = Gen.zip(Gen.ints(0, 500), Gen.oneOf("none", "champ", "chall", "all"),
        (i, fail) -> lead("L-" + i, (i % 100) / 100.0, fail.equals("none") ? null : fail));
    PropertyCheck.forAll(300, Gen.lists(Gen.weighted(20, leads, 1, Gen.constant((Lead) null)), 0, 40), batch -> {
      ExperimentBatch r = EXP.scoreAll(batch, AS_OF, Detail.SCORE_ONLY);
      assertEquals(batch.size(), r.scores().size() + r.errors().size());
      for (ExperimentScore s : r.scores()) {
        assertEquals(EXP.arm(s.leadId()), s.arm());
      }
    });
  }

  @Test
  void experimentScoreOfChecksItsParts() {
    Score a = Score.of("L-1", 0.5, 50, dev.leadscore.core.Tier.NURTURE, null, "champ", "1", java.time.Instant.EPOCH);
    Score b = Score.of("L-2", 0.5, 50, dev.leadscore.core.Tier.NURTURE, null, "chall", "1", java.time.Instant.EPOCH);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ExperimentScore.of("x", Arm.CHALLENGER, a, null))
        .getMessage().contains("assigned to the CHALLENGER arm, so that arm's score is required"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ExperimentScore.of("x", Arm.CHAMPION, a, b))
        .getMessage().contains("different leads, 'L-1' (champion) and 'L-2' (challenger)"));
    ExperimentScore ok = ExperimentScore.of("x", Arm.CHAMPION, a, null);
    assertEquals(ok, ExperimentScore.of("x", Arm.CHAMPION, a, null));
    assertEquals(ok.hashCode(), ExperimentScore.of("x", Arm.CHAMPION, a, null).hashCode());
    assertEquals(ExperimentOutcome.of(ok, true), new ExperimentOutcome("L-1", Arm.CHAMPION, dev.leadscore.core.Tier.NURTURE, true));
  }

  static String firstIdIn(Arm arm) {
    for (int i = 0; ; i++) {
      if (EXP.arm("L-" + i) == arm) {
        return "L-" + i;
      }
    }
  }
}
