package dev.leadscore.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringTypesTest {
  private static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

  private static Reason r(String feature, String family, double c) {
    return new Reason(feature, family, c, feature + " text", null);
  }

  @Test
  void explanationOrdersContributionsAndShortLists() {
    Explanation e = Explanation.of(Explanation.LOG_ODDS, -1.0, List.of(
        r("a", "behavioral", 0.5), r("b", "email", -0.2), r("c", "firmographic", 1.5),
        r("d", "behavioral", 0.5), r("e", "firmographic", -0.9), r("f", "email", 0.1),
        r("g", "email", -0.05), r("h", "behavioral", -0.4), r("i", "behavioral", 0.0)));

    // Ties (a and d at 0.5) are broken by feature name.
    assertEquals(List.of("c", "a", "d"), e.topReasons().stream().map(Reason::feature).toList());
    assertEquals(List.of("e", "h", "b"), e.risks().stream().map(Reason::feature).toList());
    // -1 + (0.5 - 0.2 + 1.5 + 0.5 - 0.9 + 0.1 - 0.05 - 0.4 + 0) = 0.05
    assertEquals(0.05, e.total(), 1e-12);
    assertEquals(1.5 - 0.9, e.fit(), 1e-12);
    assertEquals(0.5 + 0.5 - 0.4 + 0.0 - 0.2 + 0.1 - 0.05, e.intent(), 1e-12);
  }

  @Test
  void tiedRisksAreOrderedByFeatureNameLikeReasons() {
    Explanation e = Explanation.of(Explanation.LOG_ODDS, 0, List.of(
        r("zeta", "email", -1), r("alpha", "email", -1), r("mid", "email", -1), r("beta", "email", -1)));
    assertEquals(List.of("alpha", "beta", "mid"), e.risks().stream().map(Reason::feature).toList());
  }

  @Test
  void shortListsNeverIncludeZeroOrWrongSignedReasons() {
    Explanation onlyPositive = Explanation.of(Explanation.POINTS, 0, List.of(r("a", "email", 2), r("b", "email", 0)));
    assertEquals(1, onlyPositive.topReasons().size());
    assertTrue(onlyPositive.risks().isEmpty());
  }

  @Test
  void explanationOrderIsIndependentOfInputOrder() {
    // Any double in [-5, 5], or a two-decimal or whole number so that contributions often tie.
    Gen<Double> contribution = Gen.anyOf(Gen.doubles(-5, 5), Gen.decimals(-5, 5, 2), Gen.decimals(-5, 5, 0));
    PropertyCheck.forAll(Gen.lists(contribution, 0, 12), values -> {
      List<Reason> reasons = new ArrayList<>();
      for (int i = 0; i < values.size(); i++) {
        reasons.add(r("f" + i, i % 2 == 0 ? "email" : "firmographic", values.get(i)));
      }
      List<Reason> reversed = new ArrayList<>(reasons);
      java.util.Collections.reverse(reversed);
      Explanation a = Explanation.of("u", 0, reasons);
      Explanation b = Explanation.of("u", 0, reversed);
      assertEquals(a.contributions(), b.contributions());
      assertTrue(a.topReasons().size() <= 3 && a.risks().size() <= 3);
      a.topReasons().forEach(x -> assertTrue(x.contribution() > 0));
      a.risks().forEach(x -> assertTrue(x.contribution() < 0));
    });
  }

  @Test
  void scoreValidatesItsRanges() {
    assertThrows(IllegalArgumentException.class, () -> Score.of("L", 1.5, 50, Tier.HOT, null, "m", "1", Instant.EPOCH));
    assertThrows(IllegalArgumentException.class, () -> Score.of("L", Double.NaN, 50, Tier.HOT, null, "m", "1", Instant.EPOCH));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Score.of("L", 0.5, 101, Tier.HOT, null, "m", "1", Instant.EPOCH));
    assertTrue(e.getMessage().contains("'L'") && e.getMessage().contains("101"), e.getMessage());
    assertFalse(Score.of("L", 0.5, 50, Tier.WARM, null, "m", "1", Instant.EPOCH).explanation().isPresent());
  }

  /** A scorer whose verdict is the lead's "p" attribute, failing on anything else. */
  private static final class AttributeScorer implements LeadScorer {
    @Override
    public Score score(Lead lead, Instant asOf, Detail detail) {
      if (!(lead.attribute("p") instanceof AttributeValue.Num n)) {
        throw new LeadDataException(lead.id(), "p", "expected a number, got " + lead.attribute("p").display());
      }
      return Score.of(lead.id(), n.value(), 100 * n.value(), TierCutoffs.of(80, 60, 30).tierOf(100 * n.value()), null, modelId(), modelVersion(), asOf);
    }

    @Override
    public String modelId() {
      return "attr";
    }

    @Override
    public String modelVersion() {
      return "1";
    }
  }

  @Test
  void scoreAllReportsEachBadRowAndScoresTheRest() {
    List<Lead> leads = Arrays.asList(
        Lead.builder("a").number("p", 0.9).build(),
        Lead.builder("b").text("p", "high").build(),
        null,
        Lead.builder("d").number("p", 0.1).build());
    BatchResult result = new AttributeScorer().scoreAll(leads, AS_OF, LeadScorer.Detail.SCORE_ONLY);

    assertEquals(List.of("a", "d"), result.scores().stream().map(Score::leadId).toList());
    assertEquals(List.of(Tier.HOT, Tier.SUPPRESS), result.scores().stream().map(Score::tier).toList());
    assertEquals(2, result.errors().size());
    RowError bad = result.errors().get(0);
    assertEquals(1, bad.row());
    assertEquals("b", bad.leadId());
    assertEquals("p", bad.field());
    assertTrue(bad.message().contains("high"), bad.message());
    assertEquals(2, result.errors().get(1).row());
    assertFalse(result.allScored());
  }
}
