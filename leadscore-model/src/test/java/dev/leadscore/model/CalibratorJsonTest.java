package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import dev.leadscore.model.calibration.Calibrator;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CalibratorJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void assertRejected(String expectedPart, String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CalibratorJson.read(json(text)));
    assertTrue(e.getMessage().contains(expectedPart), "message was: " + e.getMessage());
  }

  @Test
  void writesEachKindInAFixedShape() {
    assertEquals("{\"kind\":\"identity\"}", CalibratorJson.write(Calibrator.identity()).toString());
    assertEquals("{\"kind\":\"platt\",\"a\":1.25,\"b\":-0.5}",
        CalibratorJson.write(new Calibrator.Platt(1.25, -0.5)).toString());
    assertEquals("{\"kind\":\"isotonic\",\"thresholds\":[-1.0,2.5],\"values\":[0.0,0.75]}",
        CalibratorJson.write(new Calibrator.Isotonic(new double[] {-1, 2.5}, new double[] {0, 0.75})).toString());
  }

  @Test
  void roundTripsThroughText() throws Exception {
    for (Calibrator c : new Calibrator[] {Calibrator.identity(), new Calibrator.Platt(0.1 + 0.2, -1e-300),
        new Calibrator.Isotonic(new double[] {-3.3, 0.1, 7}, new double[] {1.0 / 3, 0.5, 1})}) {
      String text = MAPPER.writeValueAsString(CalibratorJson.write(c));
      assertEquals(c, CalibratorJson.read(MAPPER.readTree(text)), text);
    }
  }

  @Test
  void roundTripIsExactForAnyDoubles() {
    PropertyCheck.forAll(Gen.lists(Gen.finiteDoubles(), 1, 12), list -> {
      double[] t = list.stream().mapToDouble(d -> d + 0.0).distinct().sorted().toArray();
      double[] v = new double[t.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = (double) i / t.length;
      }
      Calibrator iso = new Calibrator.Isotonic(t, v);
      Calibrator platt = new Calibrator.Platt(list.get(0), list.get(list.size() - 1));
      for (Calibrator c : new Calibrator[] {iso, platt}) {
        try {
          String text = MAPPER.writeValueAsString(CalibratorJson.write(c));
          assertEquals(c, CalibratorJson.read(MAPPER.readTree(text)), text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new AssertionError(e);
        }
      }
    });
  }

  @Test
  void readsStrictly() {
    assertRejected("must be a JSON object, got ARRAY", "[]");
    assertRejected("missing required field 'kind'", "{}");
    assertRejected("field 'kind' must be a string, got NUMBER", "{\"kind\": 1}");
    assertRejected("unknown calibrator kind 'beta'", "{\"kind\": \"beta\"}");
    assertRejected("'identity' has unknown field 'a'", "{\"kind\": \"identity\", \"a\": 1}");
    assertRejected("'platt' has unknown field 'c'", "{\"kind\": \"platt\", \"a\": 1, \"b\": 2, \"c\": 3}");
    assertRejected("'platt' is missing required field 'b'", "{\"kind\": \"platt\", \"a\": 1}");
    assertRejected("field 'a' must be a number, got STRING", "{\"kind\": \"platt\", \"a\": \"1\", \"b\": 2}");
    assertRejected("field 'values' must be an array of numbers, got OBJECT",
        "{\"kind\": \"isotonic\", \"thresholds\": [0], \"values\": {}}");
    assertRejected("thresholds[1] must be a number, got NULL",
        "{\"kind\": \"isotonic\", \"thresholds\": [0, null], \"values\": [0, 1]}");
    assertRejected("'isotonic' is invalid: isotonic thresholds must be strictly increasing",
        "{\"kind\": \"isotonic\", \"thresholds\": [1, 0], \"values\": [0, 1]}");
    assertRejected("'platt' is invalid: Platt slope a must be finite, got a=Infinity",
        "{\"kind\": \"platt\", \"a\": 1e999, \"b\": 0}");
    assertThrows(NullPointerException.class, () -> CalibratorJson.read(null));
    assertThrows(NullPointerException.class, () -> CalibratorJson.write(null));
  }

  @Test
  void writtenArraysAreCopies() {
    Calibrator.Isotonic iso = new Calibrator.Isotonic(new double[] {0, 1}, new double[] {0.1, 0.2});
    var node = CalibratorJson.write(iso);
    ((com.fasterxml.jackson.databind.node.ArrayNode) node.get("values")).set(0, 0.15);
    assertEquals("[0.1, 0.2]", Arrays.toString(iso.values()));
  }
}
