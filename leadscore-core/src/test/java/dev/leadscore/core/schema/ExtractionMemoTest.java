package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Text features remember what each raw text became (TextMemo). A memo may only make extraction
 * faster: vectors must not depend on which leads a schema has seen before, and errors, which name
 * a lead, must never be remembered.
 */
class ExtractionMemoTest {

  @Test
  void vectorsDoNotDependOnWhatTheSchemaSawBefore() {
    SyntheticData data = SyntheticPipeline.builder().size(1500).seed(11).build().generate();
    List<Lead> leads = data.unlabelled();
    Instant asOf = data.asOf();
    FittedSchema warm = SyntheticPipeline.defaultSchema().fit(leads);
    String json = warm.toJson();
    // Cold copies with empty memos: one sees the leads forwards, one backwards, so a text's first
    // (computed, not remembered) occurrence falls on different leads.
    FittedSchema forwards = FittedSchema.fromJson(json);
    FittedSchema backwards = FittedSchema.fromJson(json);
    List<double[]> first = new ArrayList<>();
    for (Lead l : leads) {
      first.add(forwards.extract(l, asOf));
    }
    List<Lead> reversed = new ArrayList<>(leads);
    Collections.reverse(reversed);
    List<double[]> back = new ArrayList<>();
    for (Lead l : reversed) {
      back.add(backwards.extract(l, asOf));
    }
    Collections.reverse(back);
    for (int i = 0; i < leads.size(); i++) {
      double[] again = forwards.extract(leads.get(i), asOf); // every text remembered by now
      String id = leads.get(i).id();
      assertArrayEquals(first.get(i), again, id);
      assertArrayEquals(first.get(i), back.get(i), id);
      assertArrayEquals(first.get(i), warm.extract(leads.get(i), asOf), id);
    }
  }

  @Test
  void errorsAreNotRememberedAndNameEachLead() {
    OrdinalFeature quality = new OrdinalFeature(FeatureInfo.of("quality", FeatureInfo.FIRMOGRAPHIC), "quality",
        Map.of("High", 2.0, "Low", 1.0), Imputation.mean(), false, List.of());
    FittedSchema s = FeatureSchema.of("s", 1, quality)
        .fit(List.of(Lead.builder("t1").text("quality", "High").build(), Lead.builder("t2").text("quality", "low").build()));
    Instant asOf = Instant.parse("2026-01-01T00:00:00Z");
    for (String id : new String[] {"bad1", "bad2", "bad1"}) {
      LeadDataException e = assertThrows(LeadDataException.class,
          () -> s.extract(Lead.builder(id).text("quality", "Medium").build(), asOf));
      assertTrue(e.getMessage().contains(id) && e.getMessage().contains("quality") && e.getMessage().contains("Medium"),
          e.getMessage());
    }
    // The same spelling in other cases and padding maps like the declared value, remembered or not.
    for (int pass = 0; pass < 2; pass++) {
      assertEquals(2.0, s.extract(Lead.builder("ok").text("quality", " high ").build(), asOf)[0]);
      assertEquals(1.0, s.extract(Lead.builder("ok").text("quality", "LOW").build(), asOf)[0]);
    }
  }

  @Test
  void aFullMemoStillAnswersButRemembersNoMore() {
    TextMemo memo = new TextMemo();
    for (int i = 0; i < TextMemo.LIMIT; i++) {
      memo.remember("t" + i, i % 7);
    }
    memo.remember("one more", 3);
    assertEquals(TextMemo.ABSENT, memo.get("one more"));
    for (int i = 0; i < TextMemo.LIMIT; i++) { // every one, through each growth of the table
      assertEquals(i % 7, memo.get(new String("t" + i)), "t" + i); // an equal string, not the same instance
    }
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void readersRacingWritersSeeTheRightCodeOrNone() throws Exception {
    TextMemo memo = new TextMemo();
    int texts = 3000;
    String[] keys = new String[texts];
    for (int i = 0; i < texts; i++) {
      keys[i] = "k" + i;
    }
    java.util.concurrent.atomic.AtomicReference<String> wrong = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      int seed = t;
      threads[t] = new Thread(() -> {
        try {
          start.await();
          java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
          for (int n = 0; n < 200_000; n++) {
            int i = r.nextInt(texts);
            int got = memo.get(keys[i]);
            if (got != TextMemo.ABSENT && got != i % 11 - 1) {
              wrong.compareAndSet(null, keys[i] + " -> " + got);
            }
            if (got == TextMemo.ABSENT) {
              memo.remember(keys[i], i % 11 - 1);
            }
          }
        } catch (Throwable e) {
          wrong.compareAndSet(null, "thread failed: " + e);
        }
      });
      threads[t].start();
    }
    start.countDown(); // all four begin together, so growth overlaps reads
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(null, wrong.get());
    for (int i = 0; i < texts; i++) {
      assertEquals(i % 11 - 1, memo.get(keys[i]), keys[i]);
    }
  }

  @Test
  void textsSharingOneHashCostABoundedProbeAndStillAnswerRight() {
    // "Aa" and "BB" have the same hashCode, so every string of 12 such pairs does too.
    TextMemo memo = new TextMemo();
    List<String> same = new java.util.ArrayList<>();
    for (int bits = 0; bits < 4096; bits++) {
      StringBuilder b = new StringBuilder();
      for (int k = 0; k < 12; k++) {
        b.append((bits >> k & 1) == 0 ? "Aa" : "BB");
      }
      same.add(b.toString());
    }
    for (int i = 0; i < same.size(); i++) {
      memo.remember(same.get(i), i % 5);
    }
    int remembered = 0;
    for (int i = 0; i < same.size(); i++) {
      int got = memo.get(same.get(i));
      if (got != TextMemo.ABSENT) {
        assertEquals(i % 5, got, same.get(i));
        remembered++;
      }
    }
    assertTrue(remembered >= 1 && remembered <= TextMemo.MAX_PROBES, remembered + " remembered");
    memo.remember("ordinary", 2); // a text with another hash still finds room
    assertEquals(2, memo.get("ordinary"));
  }

  @Test
  void theAbsentMarkerIsNotACode() {
    assertThrows(IllegalArgumentException.class, () -> new TextMemo().remember("x", TextMemo.ABSENT));
  }

  @Test
  void longTextsAreMatchedEveryTimeNotRemembered() {
    TextMemo memo = new TextMemo();
    String longText = "z".repeat(TextMemo.MAX_LENGTH + 1);
    memo.remember(longText, 4);
    assertEquals(TextMemo.ABSENT, memo.get(longText));
    String limit = "z".repeat(TextMemo.MAX_LENGTH);
    memo.remember(limit, 5);
    assertEquals(5, memo.get(limit));
  }

  @Test
  void aLeadWithTwoBadFieldsIsReportedByTheFirstInSchemaOrder() {
    // Extraction writes features kind by kind; the error must still be the schema's first.
    BooleanFeature flag = new BooleanFeature(FeatureInfo.of("flag", FeatureInfo.FIRMOGRAPHIC), "flag", Imputation.mean(),
        false, List.of());
    NumericFeature size = new NumericFeature(FeatureInfo.of("size", FeatureInfo.FIRMOGRAPHIC), "size", false,
        Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Imputation.mean(), false, List.of());
    List<Lead> train = List.of(Lead.builder("t1").bool("flag", true).number("size", 3).build(),
        Lead.builder("t2").bool("flag", false).number("size", 5).build());
    Lead bad = Lead.builder("bad").text("flag", "maybe").text("size", "lots").build();
    Instant asOf = Instant.parse("2026-01-01T00:00:00Z");
    FittedSchema flagFirst = FeatureSchema.of("a", 1, flag, size).fit(train);
    FittedSchema sizeFirst = FeatureSchema.of("b", 1, size, flag).fit(train);
    assertEquals("flag", assertThrows(LeadDataException.class, () -> flagFirst.extract(bad, asOf)).field());
    assertEquals("size", assertThrows(LeadDataException.class, () -> sizeFirst.extract(bad, asOf)).field());
  }
}
