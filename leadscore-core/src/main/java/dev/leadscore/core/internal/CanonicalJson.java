package dev.leadscore.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The one writer of the compact, canonical JSON texts that leadscore hashes: schema and fitted
 * schema fingerprints ({@link Form#ASCII}), rule-set fingerprints ({@link Form#UNICODE}) and the
 * model artifact's checksum ({@link Form#TYPED}). The three forms are kept because each is pinned
 * by the fingerprints and checksums already written into schemas, rule sets and artifacts; they
 * share one tree walk and differ only where their definitions do.
 *
 * <p>The two document-order forms are exactly the text Jackson 2's compact writer gives a tree of
 * objects, arrays, strings, {@code int}/{@code long}/big-integer and {@code double} numbers,
 * booleans and nulls (the node kinds the schema and rule writers build), but spelled out here, so
 * a fingerprint depends on this class and not on a Jackson version's number or escape choices.
 * A tree holding other node kinds (float or decimal numbers, binary, POJO) has no canonical form
 * and is refused.
 *
 * <p>Why in {@code core.internal}: core, rules and model hash these texts; the package is exported
 * only to those modules, so the writer adds nothing to the public API.
 *
 * <p>Stateless and thread-safe.
 */
public final class CanonicalJson {
  /** A canonical form: which key order, number spelling and string escapes. */
  public enum Form {
    /**
     * Keys in document order, numbers as Jackson writes them ({@link Double#toString}; NaN and
     * infinities quoted), and every char outside ASCII escaped as {@code \\uXXXX} (uppercase
     * hex): hashing the UTF-8 bytes is then injective, even for text, such as a lone
     * surrogate, that has no UTF-8 form. Schemas and fitted schemas.
     */
    ASCII(false, false, true),
    /**
     * As {@link #ASCII} but with chars outside ASCII written as they are (so a lone surrogate
     * reaches the hash as UTF-8's {@code ?}). Rule sets.
     */
    UNICODE(false, false, false),
    /**
     * Object keys sorted (by {@link String#compareTo}), integers as {@code i<decimal>}, other
     * numbers as {@code d<16 hex digits of the IEEE-754 bits>} (independent of how a JVM prints
     * doubles), and every char outside printable ASCII escaped as {@code \\uxxxx} (lowercase hex,
     * no short escapes). The model artifact's checksum.
     */
    TYPED(true, true, true);

    private final boolean sortedKeys;
    private final boolean typedNumbers;
    private final boolean escapeNonAscii;

    Form(boolean sortedKeys, boolean typedNumbers, boolean escapeNonAscii) {
      this.sortedKeys = sortedKeys;
      this.typedNumbers = typedNumbers;
      this.escapeNonAscii = escapeNonAscii;
    }
  }

  private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

  private CanonicalJson() {}

  /**
   * The canonical text of {@code node} in {@code form}.
   *
   * @throws IllegalArgumentException if the tree holds a node kind the form does not define
   */
  public static String write(JsonNode node, Form form) {
    StringBuilder sb = new StringBuilder();
    write(node, form, sb);
    return sb.toString();
  }

  private static void write(JsonNode n, Form form, StringBuilder sb) {
    if (n.isObject()) {
      List<String> keys = new ArrayList<>(n.size());
      n.fieldNames().forEachRemaining(keys::add);
      if (form.sortedKeys) {
        keys.sort(null);
      }
      sb.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        string(keys.get(i), form, sb);
        sb.append(':');
        write(n.get(keys.get(i)), form, sb);
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(n.get(i), form, sb);
      }
      sb.append(']');
    } else if (n.isTextual()) {
      string(n.textValue(), form, sb);
    } else if (n.isIntegralNumber()) {
      sb.append(form.typedNumbers ? "i" : "").append(n.bigIntegerValue());
    } else if (n.isNumber() && form.typedNumbers) {
      sb.append('d').append(HexFormat.of().toHexDigits(Double.doubleToRawLongBits(n.doubleValue())));
    } else if (n.isDouble()) {
      double d = n.doubleValue();
      // Jackson quotes the non-finite values (JsonWriteFeature.WRITE_NAN_AS_STRINGS, on by default).
      sb.append(Double.isFinite(d) ? Double.toString(d) : '"' + Double.toString(d) + '"');
    } else if (n.isBoolean()) {
      sb.append(n.booleanValue());
    } else if (n.isNull()) {
      sb.append("null");
    } else {
      throw new IllegalArgumentException("no canonical " + form + " form for a JSON node of type " + n.getNodeType()
          + (n.isNumber() ? " (" + n.numberType() + ")" : ""));
    }
  }

  private static void string(String s, Form form, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (form.typedNumbers) {
        if (c < 0x20 || c > 0x7e) {
          sb.append("\\u").append(HexFormat.of().toHexDigits(c));
        } else {
          sb.append(c);
        }
      } else if (c < 0x20) {
        shortOrUnicodeEscape(c, sb);
      } else if (c > 0x7f && form.escapeNonAscii) {
        unicodeEscape(c, sb);
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  /** Jackson's escapes of the control characters: the five short ones, else {@code \\u00XX}. */
  private static void shortOrUnicodeEscape(char c, StringBuilder sb) {
    switch (c) {
      case '\b':
        sb.append("\\b");
        break;
      case '\t':
        sb.append("\\t");
        break;
      case '\n':
        sb.append("\\n");
        break;
      case '\f':
        sb.append("\\f");
        break;
      case '\r':
        sb.append("\\r");
        break;
      default:
        unicodeEscape(c, sb);
    }
  }

  private static void unicodeEscape(char c, StringBuilder sb) {
    sb.append("\\u").append(UPPER_HEX[c >> 12]).append(UPPER_HEX[(c >> 8) & 0xF]).append(UPPER_HEX[(c >> 4) & 0xF])
        .append(UPPER_HEX[c & 0xF]);
  }
}
