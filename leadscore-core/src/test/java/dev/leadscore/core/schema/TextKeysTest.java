package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextKeysTest {

  @Test
  void matchesTheNormalisedFormWithoutBuildingIt() {
    TextKeys keys = new TextKeys(List.of("Financial Services", "SaaS", "interested  in MBA"));
    assertEquals(0, keys.indexOf("  financial   SERVICES "));
    assertEquals(1, keys.indexOf("saas"));
    assertEquals(2, keys.indexOf("Interested in mba"));
    assertEquals(2, keys.indexOf("interested\tin\nMBA"));
    assertEquals(TextKeys.ABSENT, keys.indexOf("financialservices"));
    assertEquals(TextKeys.ABSENT, keys.indexOf(""));
    assertEquals(TextKeys.ABSENT, new TextKeys(List.of()).indexOf("x"));
  }

  @Test
  void nonAsciiTextTakesTheExactPath() {
    TextKeys keys = new TextKeys(List.of("Société Générale", "İstanbul"));
    assertEquals(0, keys.indexOf("  SOCIÉTÉ  générale"));
    assertEquals(1, keys.indexOf("İSTANBUL"));
  }

  /** The definition: a lookup equals a hash-map lookup of {@code Specs.normalise(raw)}. */
  @Test
  void agreesWithNormaliseThenLookupForArbitraryText() {
    String alphabet = "aAbB \t\n\u000b\u001cxX-";
    Gen<String> text = Gen.anyOf(Gen.strings(alphabet, 0, 8), Gen.anyStrings(8));
    PropertyCheck.forAll(Gen.lists(text, 0, 12), Gen.lists(text, 1, 20), (rawKeys, probes) -> {
      TextKeys keys = new TextKeys(rawKeys);
      Map<String, Integer> reference = new HashMap<>();
      for (int i = 0; i < rawKeys.size(); i++) {
        reference.putIfAbsent(Specs.normalise(rawKeys.get(i)), i);
      }
      for (String probe : probes) {
        assertEquals(reference.getOrDefault(Specs.normalise(probe), TextKeys.ABSENT), keys.indexOf(probe), "probe '" + probe + "'");
      }
      for (String k : rawKeys) {
        assertEquals(reference.get(Specs.normalise(k)), keys.indexOf(k));
      }
    });
  }

  @Test
  void normaliseSpacesEqualsStripThenCollapseRegexWhitespace() {
    Gen<String> text = Gen.anyOf(Gen.strings("ab \t\n\r\f\u000b\u001c\u2003", 0, 10), Gen.anyStrings(10));
    PropertyCheck.forAll(text, s -> assertEquals(s.strip().replaceAll("\\s+", " "), Specs.normaliseSpaces(s), "'" + s + "'"));
  }
}
