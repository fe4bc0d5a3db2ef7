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

  @Test
  void plainDecimalFastPathIsParseDoubleBitForBit() {
    Gen<String> numberish = Gen.strings("0123456789+-. \t\u2003\u0000e", 0, 19);
    Gen<String> printed = Gen.finiteDoubles().map(d -> Double.toString(d));
    Gen<String> money = Gen.zip(Gen.longs(-999_999_999_999_999L, 999_999_999_999_999L), Gen.ints(0, 15),
        (m, k) -> new java.math.BigDecimal(java.math.BigInteger.valueOf(m), k).toPlainString());
    int[] fast = {0};
    PropertyCheck.forAll(Gen.anyOf(numberish, printed, money, Gen.anyStrings(8)), s -> {
      double v = Values.parsePlainDecimal(s);
      if (!Double.isNaN(v)) {
        fast[0]++;
        String stripped = s.strip();
        assertTrue(Values.isDecimal(stripped), () -> "fast path took '" + s + "', which the general grammar refuses");
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(stripped)), Double.doubleToRawLongBits(v),
            () -> "'" + s + "' parsed to " + v + ", parseDouble gives " + Double.parseDouble(stripped));
      }
    });
    assertTrue(fast[0] > 200, "only " + fast[0] + " tries reached the fast path");
  }

  @Test
  void plainDecimalFastPathHandsEverythingElseOn() {
    for (String other : new String[] {"", " ", "-", ".", "+", "1e6", "1,5", "1.2.3", "0x10", "NaN", "1234567890123456",
        "\u0000 5", "5 5", "--5"}) {
      assertTrue(Double.isNaN(Values.parsePlainDecimal(other)), other);
    }
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Values.parsePlainDecimal(" -0 ")));
    assertEquals(0.1, Values.parsePlainDecimal(".1"));
    assertEquals(5.0, Values.parsePlainDecimal("5."));
    assertEquals(123456789012345.0, Values.parsePlainDecimal("123456789012345"));
  }

  /** The reading of a text number before the fast path: text tokens first, then the number. */
  private static double numberAsBefore(String text, Values.MissingTokens missing) {
    if (missing.isMissingText(text)) {
      return Double.NaN;
    }
    String stripped = text.strip();
    if (!Values.isDecimal(stripped)) {
      return Double.POSITIVE_INFINITY; // stands for "refused"
    }
    double parsed = Double.parseDouble(stripped);
    if (!Double.isFinite(parsed)) {
      return Double.POSITIVE_INFINITY;
    }
    return missing.isMissingNumber(parsed) ? Double.NaN : parsed;
  }

  @Test
  void textNumbersReadAsBeforeWhateverTheMissingTokens() {
    Gen<String> numberish = Gen.strings("0123456789+-. Se", 0, 6);
    Gen<java.util.List<String>> tokens = Gen.lists(Gen.anyOf(numberish, Gen.oneOf("Select", "n/a", "-1", " 0 ", "00", "+5", "5.")), 0, 3);
    int[] missingSeen = {0};
    PropertyCheck.forAll(tokens, numberish, (toks, text) -> {
      Values.MissingTokens missing = new Values.MissingTokens(toks);
      double expected = numberAsBefore(text, missing);
      double got;
      try {
        got = Values.number("L1", "f", new dev.leadscore.core.AttributeValue.Text(text), missing);
      } catch (dev.leadscore.core.LeadDataException e) {
        got = Double.POSITIVE_INFINITY;
      }
      if (Double.isNaN(expected)) {
        missingSeen[0]++;
      }
      assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got),
          () -> "'" + text + "' with tokens " + toks);
    });
    assertTrue(missingSeen[0] > 50, "only " + missingSeen[0] + " tries were missing values");
  }
}
