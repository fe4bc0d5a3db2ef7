package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.LeadDataException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackTestTest {
  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  /** The synthetic leads with creation times one hour apart, in list order. */
  static List<LabelledLead> dated() {
    List<LabelledLead> out = new ArrayList<>();
    List<LabelledLead> leads = ModelTrainerTest.DATA.leads();
    for (int i = 0; i < leads.size(); i++) {
      LabelledLead l = leads.get(i);
      out.add(new LabelledLead(l.lead().toBuilder().createdAt(START.plus(Duration.ofHours(i))).build(), l.converted()));
    }
    return out;
  }

  @Test
  void trainsOnTheEarlierLeadsAndScoresTheLater() {
    List<LabelledLead> leads = dated();
    Instant cutoff = START.plus(Duration.ofHours(600));
    BackTestResult r = BackTest.createdBefore(ModelTrainerTest.SCHEMA, leads, cutoff, ModelTrainerTest.DATA.asOf(),
        ModelTrainerTest.quick().build());
    assertEquals(600, r.trainRows());
    assertEquals(200, r.testRows());
    assertEquals(leads.get(600).lead().id(), r.leadIds().get(0));
    assertEquals(600, r.model().summary().rows());
    assertTrue(r.auc() > 0.65, "out-of-time AUC " + r.auc());
    assertTrue(r.crossValidatedAuc() > 0.65);
    double[] x = new double[r.model().width()];
    r.model().schema().extract(leads.get(700).lead(), ModelTrainerTest.DATA.asOf(), x);
    assertEquals(ModelScorer.of(r.model()).probabilityOf(x), r.probabilities()[100]);
    assertEquals(200, r.tierTable().leads());

    BackTestResult byShare = BackTest.firstShare(ModelTrainerTest.SCHEMA, leads, 0.75, ModelTrainerTest.DATA.asOf(),
        ModelTrainerTest.quick().build());
    assertEquals(600, byShare.trainRows());
    assertArrayEquals(r.logits(), byShare.logits());
  }

  @Test
  void missingCreationTimesAndEmptySidesAreRejected() {
    List<LabelledLead> undated = dated();
    LabelledLead l = undated.get(5);
    undated.set(5, new LabelledLead(l.lead().toBuilder().createdAt(null).build(), l.converted()));
    LeadDataException e = assertThrows(LeadDataException.class, () -> BackTest.createdBefore(ModelTrainerTest.SCHEMA,
        undated, START, ModelTrainerTest.DATA.asOf(), ModelTrainerTest.quick().build()));
    assertEquals("createdAt", e.field());
    assertEquals(l.lead().id(), e.leadId());
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> BackTest.createdBefore(
        ModelTrainerTest.SCHEMA, dated(), START, ModelTrainerTest.DATA.asOf(), ModelTrainerTest.quick().build()));
    assertTrue(empty.getMessage().contains("0 to train on"), empty.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BackTest.firstShare(ModelTrainerTest.SCHEMA, dated(), 1.0,
        ModelTrainerTest.DATA.asOf(), ModelTrainerTest.quick().build()));
  }
}
