package dev.leadscore.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Tier;
import dev.leadscore.core.TierCutoffs;
import org.junit.jupiter.api.Test;

class TierTableTest {

  private static final boolean T = true;
  private static final boolean F = false;

  @Test
  void tierTableByHand() {
    // Cut-offs 80 / 60 / 30. Hot: 95 (T), 85 (T). Warm: 70 (T), 65 (F). Nurture: 40 (T), 35 (F).
    // Suppress: 20 (F), 10 (F). 4 conversions of 8 leads.
    double[] s = {95, 85, 70, 65, 40, 35, 20, 10};
    boolean[] y = {T, T, T, F, T, F, F, F};
    TierTable t = Metrics.tierTable(s, y, TierCutoffs.of(80, 60, 30));
    assertEquals(8, t.leads());
    assertEquals(4, t.conversions());
    assertEquals(0.5, t.conversionRate());
    assertEquals(new TierTable.Row(Tier.HOT, 2, 0.25, 2, 1.0, 0.5, 0.5), t.row(Tier.HOT));
    assertEquals(new TierTable.Row(Tier.WARM, 2, 0.25, 1, 0.5, 0.25, 0.75), t.row(Tier.WARM));
    assertEquals(new TierTable.Row(Tier.NURTURE, 2, 0.25, 1, 0.5, 0.25, 1.0), t.row(Tier.NURTURE));
    assertEquals(new TierTable.Row(Tier.SUPPRESS, 2, 0.25, 0, 0.0, 0.0, 1.0), t.row(Tier.SUPPRESS));
    String md = t.toMarkdown();
    assertTrue(md.contains("| Hot | >= 80 | 2 | 25.0% | 2 | 100.0% | 50.0% | 50.0% |"), md);
    assertTrue(md.contains("| Warm | 60-80 | 2 | 25.0% | 1 | 50.0% | 25.0% | 75.0% |"), md);
    assertTrue(md.contains("| Suppress | < 30 | 2 | 25.0% | 0 | 0.0% | 0.0% | 100.0% |"), md);
    assertTrue(md.contains("| Total | | 8 | 100.0% | 4 | 50.0% | 100.0% | |"), md);
    String text = t.toString();
    assertTrue(text.startsWith("Tier"), text);
    assertTrue(text.contains("Nurture"), text);
    assertEquals(6, text.split("\n").length, text);
    assertTrue(text.endsWith("\nTotal                      8    100.0%           4     50.0%     100.0%"), text);
  }

  @Test
  void emptyTiersAndNoConversionsShowNotApplicable() {
    // HOT empty (+Infinity), WARM = NURTURE = 50 so NURTURE empty too.
    TierTable t = TierTable.of(new double[] {70, 10}, new boolean[] {F, F},
        TierCutoffs.of(TierCutoffs.EMPTY_TIER, 50, 50));
    assertEquals(0, t.row(Tier.HOT).leads());
    assertTrue(Double.isNaN(t.row(Tier.HOT).conversionRate()));
    assertTrue(Double.isNaN(t.row(Tier.WARM).shareOfConversions()));
    String md = t.toMarkdown();
    assertTrue(md.contains("| Hot | empty | 0 | 0.0% | 0 | n/a | n/a | n/a |"), md);
    assertTrue(md.contains("| Warm | >= 50 | 1 |"), md);
    assertTrue(md.contains("| Nurture | empty | 0 |"), md);
  }

  @Test
  void validatesScores() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TierTable.of(new double[] {50, 101}, new boolean[2], TierCutoffs.of(80, 60, 30)));
    assertEquals("scores[1] must be in [0, 100], got 101.0", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> TierTable.of(new double[] {Double.NaN}, new boolean[1], TierCutoffs.of(80, 60, 30)));
    assertThrows(NullPointerException.class, () -> TierTable.of(new double[1], new boolean[1], null));
  }
}
