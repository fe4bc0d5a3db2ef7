package dev.leadscore.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.internal.CanonicalJson.Form;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The canonical forms are the texts the fingerprints and checksums were first taken over: the
 * document-order forms equal Jackson's compact writer (with and without ESCAPE_NON_ASCII, as the
 * schema and rule-set writers used it) on arbitrary trees, and the typed form is pinned by hand.
 */
class CanonicalJsonProperties {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectWriter JACKSON = new ObjectMapper().writer();
  private static final ObjectWriter JACKSON_ASCII = JACKSON.with(JsonWriteFeature.ESCAPE_NON_ASCII);

  /** Trees of the node kinds the schema and rule writers build, with every kind of string and double. */
  static Gen<JsonNode> trees() {
    return r -> tree(r, 0);
  }

  private static JsonNode tree(SplittableRandom r, int depth) {
    int kind = r.nextInt(depth >= 3 ? 6 : 8);
    switch (kind) {
      case 0:
        return NODES.textNode(Gen.anyStrings(12).next(r));
      case 1:
        return NODES.numberNode(Gen.ints(Integer.MIN_VALUE, Integer.MAX_VALUE).next(r));
      case 2:
        return NODES.numberNode(Gen.anyLongs().next(r));
      case 3:
        return NODES.numberNode(Gen.anyOf(Gen.doubleBits(), Gen.finiteDoubles(), Gen.decimals(-1000, 1000, 3),
            Gen.oneOf(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MIN_VALUE,
                Double.MAX_VALUE, 1e23, 2e-3, 1e7, 1e-3)).next(r));
      case 4:
        return r.nextBoolean() ? NODES.booleanNode(r.nextBoolean()) : NODES.nullNode();
      case 5:
        return NODES.numberNode(BigInteger.valueOf(r.nextLong()).shiftLeft(r.nextInt(70)));
      case 6: {
        ArrayNode a = NODES.arrayNode();
        for (int i = r.nextInt(5); i > 0; i--) {
          a.add(tree(r, depth + 1));
        }
        return a;
      }
      default: {
        ObjectNode o = NODES.objectNode();
        for (int i = r.nextInt(5); i > 0; i--) {
          o.set(Gen.anyStrings(6).next(r), tree(r, depth + 1));
        }
        return o;
      }
    }
  }

  private static String jackson(ObjectWriter w, JsonNode n) {
    try {
      return w.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void asciiIsJacksonsCompactFormWithNonAsciiEscaped() {
    PropertyCheck.forAll(5000, trees(), t -> assertEquals(jackson(JACKSON_ASCII, t), CanonicalJson.write(t, Form.ASCII)));
  }

  @Test
  void unicodeIsJacksonsCompactForm() {
    PropertyCheck.forAll(5000, trees(), t -> assertEquals(jackson(JACKSON, t), CanonicalJson.write(t, Form.UNICODE)));
  }

  @Test
  void escapesOfEachForm() {
    JsonNode t = NODES.textNode("q\" b\\ \b\t\n\f\r \u0001\u001f \u007f \u00e9 \ud83d\ude00 \ud800 /");
    assertEquals("\"q\\\" b\\\\ \\b\\t\\n\\f\\r \\u0001\\u001F \u007f \\u00E9 \\uD83D\\uDE00 \\uD800 /\"",
        CanonicalJson.write(t, Form.ASCII));
    assertEquals("\"q\\\" b\\\\ \\b\\t\\n\\f\\r \\u0001\\u001F \u007f \u00e9 \ud83d\ude00 \ud800 /\"",
        CanonicalJson.write(t, Form.UNICODE));
    assertEquals("\"q\\\" b\\\\ \\u0008\\u0009\\u000a\\u000c\\u000d \\u0001\\u001f \\u007f \\u00e9 \\ud83d\\ude00"
        + " \\ud800 /\"", CanonicalJson.write(t, Form.TYPED));
  }

  @Test
  void typedFormSortsKeysAndSpellsNumbersByType() {
    ObjectNode o = NODES.objectNode();
    o.put("b", 1);
    o.put("a", 1.5);
    o.put("B", -2L);
    o.putArray("c").add(-0.0).add(true).addNull().add("x").add(NODES.numberNode(new BigDecimal("0.1")));
    assertEquals("{\"B\":i-2,\"a\":d3ff8000000000000,\"b\":i1,\"c\":[d8000000000000000,true,null,\"x\",d3fb999999999999a]}",
        CanonicalJson.write(o, Form.TYPED));
    ((ArrayNode) o.get("c")).remove(4);
    assertEquals("{\"b\":1,\"a\":1.5,\"B\":-2,\"c\":[-0.0,true,null,\"x\"]}", CanonicalJson.write(o, Form.UNICODE));
  }

  @Test
  void typedFormDoesNotDependOnInsertionOrder() {
    PropertyCheck.forAll(2000, trees(), t -> {
      if (!t.isObject()) {
        return;
      }
      List<String> keys = new ArrayList<>();
      t.fieldNames().forEachRemaining(keys::add);
      Collections.reverse(keys);
      ObjectNode reversed = NODES.objectNode();
      keys.forEach(k -> reversed.set(k, t.get(k)));
      assertEquals(CanonicalJson.write(t, Form.TYPED), CanonicalJson.write(reversed, Form.TYPED));
    });
  }

  @Test
  void documentFormsRefuseNumbersTheyDoNotDefine() {
    JsonNode decimal = NODES.arrayNode().add(NODES.numberNode(new BigDecimal("0.1")));
    JsonNode flt = NODES.objectNode().set("f", NODES.numberNode(0.5f));
    for (Form f : new Form[] {Form.ASCII, Form.UNICODE}) {
      assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(decimal, f));
      assertThrows(IllegalArgumentException.class, () -> CanonicalJson.write(flt, f));
    }
    assertEquals("{\"f\":d3fe0000000000000}", CanonicalJson.write(flt, Form.TYPED));
  }
}
