package dev.leadscore.model.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class MonitoringReportJsonTest {
  static final MonitoringReport WITH_OUTCOMES;
  static final String JSON;

  static {
    List<LabelledLead> batch = new ArrayList<>(MonitorTest.SAME.leads());
    batch.set(10, null);
    batch.set(11, new LabelledLead(batch.get(11).lead().toBuilder().text("company_size", "huge").build(), true));
    WITH_OUTCOMES = MonitorTest.MONITOR.checkWithOutcomes(batch, MonitorTest.AS_OF);
    JSON = WITH_OUTCOMES.toJson();
  }

  @Test
  void aReportRoundTripsToAnEqualReport() {
    MonitoringReport back = MonitoringReport.fromJson(JSON);
    assertEquals(WITH_OUTCOMES, back);
    assertEquals(WITH_OUTCOMES.hashCode(), back.hashCode());
    assertEquals(JSON, back.toJson());
    assertEquals(2, back.errors().size());
    assertEquals(null, back.errors().get(0).leadId());
    assertTrue(JSON.startsWith("{\n  \"format\" : \"leadscore-monitoring-report\""), JSON.substring(0, 80));
    MonitoringReport noOutcomes = MonitorTest.MONITOR.check(MonitorTest.SAME.unlabelled(), MonitorTest.AS_OF);
    assertEquals(noOutcomes, MonitoringReport.fromJson(noOutcomes.toJson()));
    MonitoringReport empty = MonitorTest.MONITOR.check(List.of(), MonitorTest.AS_OF);
    assertEquals(empty, MonitoringReport.fromJson(empty.toJson()));
  }

  static ObjectNode tree() {
    try {
      return (ObjectNode) new ObjectMapper().readTree(JSON);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static void assertRejected(String fragment, Consumer<ObjectNode> edit) {
    ObjectNode root = tree();
    edit.accept(root);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MonitoringReport.fromJson(root.toString()));
    assertTrue(e.getMessage().startsWith("monitoring report: "), e.getMessage());
    assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
  }

  @Test
  void readingIsStrictAndNamesThePath() {
    assertRejected("extra is not a known field", r -> r.put("extra", 1));
    assertRejected("format must be \"leadscore-monitoring-report\"", r -> r.put("format", "other"));
    assertRejected("formatVersion must be 1", r -> r.put("formatVersion", 2));
    assertRejected("rows.used is required but missing", r -> ((ObjectNode) r.get("rows")).remove("used"));
    assertRejected("rows in (800) must equal used (797) + reported (2)", r -> ((ObjectNode) r.get("rows")).put("used", 797));
    assertRejected("rows.reported must equal the number of errors listed (1)", r -> ((ArrayNode) r.get("errors")).remove(0));
    assertRejected("features[0].psi must be a number", r -> ((ObjectNode) r.get("features").get(0)).put("psi", "low"));
    assertRejected("features[0] is invalid: feature", r -> ((ObjectNode) r.get("features").get(0)).put("psi", -1));
    assertRejected("features[2].bins[0].reference is required",
        r -> ((ObjectNode) r.get("features").get(2).get("bins").get(0)).remove("reference"));
    assertRejected("features[2].bins[0] is invalid", r -> ((ObjectNode) r.get("features").get(2).get("bins").get(0))
        .put("current", 1.5));
    assertRejected("verdict.status must be one of [OK, WATCH, RETRAIN], got 'FINE'",
        r -> ((ObjectNode) r.get("verdict")).put("status", "FINE"));
    assertRejected("score.flags[0] must be one of", r -> ((ArrayNode) r.get("score").get("flags")).add("LOUD"));
    assertRejected("outcomes.overall.leads must be a 32-bit integer", r -> ((ObjectNode) r.get("outcomes").get("overall"))
        .put("leads", 1.5));
    assertRejected("outcomes.overall is invalid", r -> ((ObjectNode) r.get("outcomes").get("overall"))
        .put("conversions", 100000));
    assertRejected("asOf must be an ISO-8601 instant", r -> r.put("asOf", "tomorrow"));
    assertRejected("errors[0].message must be a string", r -> ((ObjectNode) r.get("errors").get(0)).putNull("message"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MonitoringReport.fromJson("{"));
    assertTrue(e.getMessage().startsWith("monitoring report: not valid JSON"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> MonitoringReport.fromJson("[]"));
    assertTrue(e.getMessage().contains("document must be an object"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> MonitoringReport.fromJson("{\"format\":\"a\",\"format\":\"b\"}"));
    assertTrue(e.getMessage().contains("Duplicate field 'format'"), e.getMessage());
  }

  /** Every JSON node of the tree, with its parent, so a random one can be edited. */
  record Slot(JsonNode parent, String field, int index) {}

  static void slots(JsonNode n, List<Slot> out) {
    if (n.isObject()) {
      n.fieldNames().forEachRemaining(f -> {
        out.add(new Slot(n, f, -1));
        slots(n.get(f), out);
      });
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        out.add(new Slot(n, null, i));
        slots(n.get(i), out);
      }
    }
  }

  static final JsonNode[] REPLACEMENTS = {
    JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.textNode("x"), JsonNodeFactory.instance.numberNode(-1),
    JsonNodeFactory.instance.numberNode(1e308), JsonNodeFactory.instance.numberNode(0.5),
    JsonNodeFactory.instance.booleanNode(true), JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.arrayNode(),
    JsonNodeFactory.instance.numberNode(2147483648L)
  };

  @Test
  void randomlyDamagedReportsFailOnlyWithTheDocumentedException() {
    int[] outcomes = new int[2];
    PropertyCheck.forAll(500, Gen.longs(0, Long.MAX_VALUE), seed -> {
      SplittableRandom r = new SplittableRandom(seed);
      ObjectNode root = tree();
      List<Slot> all = new ArrayList<>();
      slots(root, all);
      int edits = 1 + r.nextInt(3);
      for (int k = 0; k < edits; k++) {
        Slot s = all.get(r.nextInt(all.size()));
        int action = r.nextInt(3);
        if (s.field() != null) {
          ObjectNode parent = (ObjectNode) s.parent();
          if (action == 0) {
            parent.remove(s.field());
          } else if (action == 1) {
            parent.set(s.field(), REPLACEMENTS[r.nextInt(REPLACEMENTS.length)]);
          } else {
            parent.put("unexpected" + r.nextInt(10), 1);
          }
        } else {
          ArrayNode parent = (ArrayNode) s.parent();
          if (s.index() < parent.size()) {
            if (action == 0) {
              parent.remove(s.index());
            } else {
              parent.set(s.index(), REPLACEMENTS[r.nextInt(REPLACEMENTS.length)]);
            }
          }
        }
      }
      String text = root.toString();
      if (r.nextInt(4) == 0) {
        text = text.substring(0, r.nextInt(text.length())); // truncated
      }
      try {
        MonitoringReport back = MonitoringReport.fromJson(text);
        // an edit that kept the document valid (e.g. a reason text replaced) must give a readable report
        assertEquals(back, MonitoringReport.fromJson(back.toJson()));
        outcomes[0]++;
      } catch (IllegalArgumentException e) {
        assertTrue(e.getMessage() != null && e.getMessage().startsWith("monitoring report: "), e.getMessage());
        outcomes[1]++;
      }
    });
    System.out.println("[monitor] damaged report JSON: " + outcomes[0] + " still valid, " + outcomes[1]
        + " rejected with a named path, 0 other exceptions");
    assertTrue(outcomes[1] > 400, "most damage must be detected: " + outcomes[1]);
  }
}
