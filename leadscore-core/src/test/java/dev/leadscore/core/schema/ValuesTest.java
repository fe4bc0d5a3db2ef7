package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ValuesTest {
  /** The grammar {@link Values#isDecimal} implements by hand. */
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  @Test
  void decimalsAsExportsWriteThem() {
    for (String ok : new String[] {"250", "-1.5", "+.5", "5.", "1e6", "2.5E-3", "007"}) {
      assertTrue(Values.isDecimal(ok), ok);
    }
    for (String bad : new String[] {"", "-", ".", "e5", "1e", "1e+", "1d", "0x1p3", "NaN", "Infinity", "1,5", " 1", "1.2.3", "١٢"}) {
      assertFalse(Values.isDecimal(bad), bad);
    }
  }

  @Test
  void isDecimalIsExactlyTheRegexGrammar() {
    Gen<String> numberish = Gen.strings("0123456789+-.eEdx ", 0, 8);
    PropertyCheck.forAll(Gen.anyOf(numberish, Gen.anyStrings(6)),
        s -> assertEquals(DECIMAL.matcher(s).matches(), Values.isDecimal(s), "'" + s + "'"));
  }
}
