package dev.leadscore.bench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import dev.leadscore.model.eval.Metrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluation runner's own pieces: ordering for the back-test, ROC points, metrics guards, escaping. */
class EvaluationPartsTest {

  /** Scores with ties and labels holding both classes. */
  record Case(double[] scores, boolean[] labels) {
    @Override
    public String toString() {
      return "scores " + Arrays.toString(scores) + ", labels " + Arrays.toString(labels);
    }
  }

  static LabelledLead lead(String id, String order) {
    Lead.Builder b = Lead.builder(id);
    if (order != null) {
      b.text("seq", order);
    }
    return new LabelledLead(b.build(), false);
  }

  static List<String> ids(List<LabelledLead> leads) {
    return leads.stream().map(l -> l.lead().id()).toList();
  }

  @Test
  void ordersNumbersNumericallyAndLeavesOutLeadsWithoutAValue() {
    List<LabelledLead> leads = List.of(lead("a", "10"), lead("b", "9"), lead("c", null), lead("d", " 100 "),
        lead("e", "9"));
    List<String> skipped = new ArrayList<>();
    assertEquals(List.of("b", "e", "a", "d"), ids(LeadOrder.ordered(leads, "seq", skipped)), "ties keep input order");
    assertEquals(List.of("c"), skipped);
  }

  @Test
  void ordersDatesAndInstantsInTimeAndOtherTextAlphabetically() {
    List<LabelledLead> dates = List.of(lead("a", "2025-03-01"), lead("b", "2024-12-31"), lead("c", "2025-01-15"));
    assertEquals(List.of("b", "c", "a"), ids(LeadOrder.ordered(dates, "seq", new ArrayList<>())));
    List<LabelledLead> instants = List.of(lead("a", "2025-03-01T10:00:00Z"), lead("b", "2025-03-01T09:00:00Z"));
    assertEquals(List.of("b", "a"), ids(LeadOrder.ordered(instants, "seq", new ArrayList<>())));
    List<LabelledLead> text = List.of(lead("a", "q2"), lead("b", "10"), lead("c", "q1"));
    assertEquals(List.of("b", "c", "a"), ids(LeadOrder.ordered(text, "seq", new ArrayList<>())));
  }

  @Test
  void ordersBySequenceNumberIds() {
    List<LabelledLead> leads = List.of(lead("10", null), lead("9", null), lead("100", null));
    assertEquals(List.of("9", "10", "100"), ids(LeadOrder.ordered(leads, null, true, new ArrayList<>())));
  }

  @Test
  void ordersByCreationTimeWithoutAColumn() {
    Instant t = Instant.parse("2025-01-01T00:00:00Z");
    List<LabelledLead> leads = List.of(
        new LabelledLead(Lead.builder("late").createdAt(t.plusSeconds(60)).build(), true),
        new LabelledLead(Lead.builder("none").build(), false),
        new LabelledLead(Lead.builder("early").createdAt(t).build(), false));
    List<String> skipped = new ArrayList<>();
    assertEquals(List.of("early", "late"), ids(LeadOrder.ordered(leads, null, skipped)));
    assertEquals(List.of("none"), skipped);
  }

  @Test
  void rocPointsRunFromOriginToOneAndTheirAreaIsTheAuc() {
    Gen<Case> cases = r -> {
      int n = 2 + r.nextInt(60);
      double[] s = new double[n];
      boolean[] y = new boolean[n];
      for (int i = 0; i < n; i++) {
        s[i] = r.nextInt(8); // many ties
        y[i] = i == 0 || (i > 1 && r.nextBoolean());
      }
      return new Case(s, y);
    };
    PropertyCheck.forAll(300, cases, c -> {
      double[] s = c.scores();
      boolean[] y = c.labels();
      double[][] p = Charts.rocPoints(s, y);
      int last = p[0].length - 1;
      assertEquals(0.0, p[0][0]);
      assertEquals(0.0, p[1][0]);
      assertEquals(1.0, p[0][last], 1e-12);
      assertEquals(1.0, p[1][last], 1e-12);
      double area = 0;
      for (int k = 1; k <= last; k++) {
        assertTrue(p[0][k] >= p[0][k - 1] && p[1][k] >= p[1][k - 1], "monotone");
        area += (p[0][k] - p[0][k - 1]) * (p[1][k] + p[1][k - 1]) / 2; // ties are a straight segment
      }
      assertEquals(Metrics.rocAuc(s, y), area, 1e-12);
    });
  }

  @Test
  void metricsOfOneClassLeaveRankingUndefinedInsteadOfFailing() {
    double[] s = {10, 20, 30};
    ScorerMetrics m = ScorerMetrics.of("model", "test", s, new double[] {0.1, 0.2, 0.3}, new boolean[3],
        TierCutoffs.of(80, 60, 30), 50, 1);
    assertNull(m.auc());
    assertTrue(Double.isNaN(m.averagePrecision()));
    assertTrue(m.lifts().isEmpty());
    assertEquals(3, m.tiers().leads());
    assertEquals(0.2, m.meanProbability(), 1e-12);
  }

  @Test
  void metricsMatchTheModelModule() {
    double[] s = {90, 80, 70, 60, 50, 40, 30, 20, 10, 5};
    double[] p = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      p[i] = s[i] / 100;
    }
    boolean[] y = {true, true, false, true, false, false, true, false, false, false};
    ScorerMetrics m = ScorerMetrics.of("rules", "test", s, p, y, TierCutoffs.of(80, 60, 30), 100, 3);
    assertEquals(Metrics.rocAuc(s, y), m.auc().estimate(), 0);
    assertEquals(Metrics.averagePrecision(s, y), m.averagePrecision(), 0);
    assertEquals(Metrics.brierScore(p, y), m.brier(), 0);
    assertEquals(Metrics.expectedCalibrationError(p, y), m.ece(), 0);
    assertEquals(Metrics.liftAt(s, y, 0.2).lift(), m.lifts().get(1).lift(), 0);
    assertArrayEquals(s, m.scores());
  }

  @Test
  void htmlEscapesEverythingFromTheData() {
    assertEquals("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;",
        HtmlReport.esc("<script>alert(\"x\")</script> & 'y'"));
  }
}
