package dev.leadscore.core.schema;

import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.LeadDataException;
import java.util.List;

/**
 * Reads typed values out of untyped attributes, treating blank text and declared tokens as
 * missing. Each feature compiles one {@code MissingTokens} once, so no per-lead normalisation of
 * the tokens happens.
 */
final class Values {
  private Values() {}

  /** The declared "no value" spellings of one feature, pre-normalised. */
  static final class MissingTokens {
    private final TextKeys text;
    private final double[] numbers;

    MissingTokens(List<String> tokens) {
      this.text = new TextKeys(tokens);
      this.numbers = tokens.stream().map(String::strip).filter(Values::isNumber).mapToDouble(Double::parseDouble).toArray();
    }

    boolean isMissingText(String raw) {
      if (raw.isBlank()) {
        return true;
      }
      return text.indexOf(raw) != TextKeys.ABSENT;
    }

    boolean isMissingNumber(double v) {
      for (double n : numbers) {
        if (n == v) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Plain decimal notation as exports write it ({@code 250}, {@code -1.5}, {@code .5},
   * {@code 1e6}); Java-only spellings such as {@code 1d}, {@code 0x1p3} or {@code NaN} are not
   * numbers in a CSV cell.
   */
  static boolean isNumber(String s) {
    return isDecimal(s) && Double.isFinite(Double.parseDouble(s));
  }

  /**
   * Whether {@code s} is {@code [+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?}: a hand-written
   * scan rather than a regex, because it runs once per numeric text cell during extraction.
   */
  static boolean isDecimal(String s) {
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int intDigits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      intDigits++;
    }
    int fracDigits = 0;
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        fracDigits++;
      }
    }
    if (intDigits == 0 && fracDigits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  /** Exact powers of ten as doubles: 10^0 .. 10^22 are all representable. */
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    double p = 1;
    for (int k = 0; k < POWERS_OF_TEN.length; k++) {
      POWERS_OF_TEN[k] = p;
      p *= 10;
    }
  }

  /**
   * {@code Double.parseDouble(s.strip())} for the text cells exports write most ({@code 250},
   * {@code " 1200 "}, {@code -3.50}), without allocating; NaN when the text is anything else
   * (an exponent, more than 15 digits, other characters), so the caller falls back to the general
   * path. Bit for bit the same result: a whole number below 2^53 divided by an exactly
   * representable power of ten is one correctly rounded operation, as parseDouble's result is
   * (Clinger's fast path).
   */
  static double parsePlainDecimal(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && TextKeys.isWhitespace(s.charAt(start))) { // as strip() does
      start++;
    }
    while (end > start && TextKeys.isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    boolean negative = false;
    if (start < end && (s.charAt(start) == '-' || s.charAt(start) == '+')) {
      negative = s.charAt(start) == '-';
      start++;
    }
    long mantissa = 0;
    int digits = 0;
    int fraction = -1; // digits after the point, or -1 before one is seen
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (++digits > 15) {
          return Double.NaN;
        }
        mantissa = mantissa * 10 + (c - '0');
        if (fraction >= 0) {
          fraction++;
        }
      } else if (c == '.' && fraction < 0) {
        fraction = 0;
      } else {
        return Double.NaN;
      }
    }
    if (digits == 0) {
      return Double.NaN;
    }
    double v = fraction > 0 ? mantissa / POWERS_OF_TEN[fraction] : mantissa;
    return negative ? -v : v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Sentinel returned by {@link #number} for a missing value; callers test with {@code isNaN}. */
  static final double MISSING = Double.NaN;

  /** The attribute as a finite number, or {@link #MISSING}. */
  static double number(String leadId, String field, AttributeValue v, MissingTokens missing) {
    if (v instanceof AttributeValue.Num n) {
      return missing.isMissingNumber(n.value()) ? MISSING : n.value();
    }
    if (v instanceof AttributeValue.Text t) {
      String s = t.value();
      double parsed = parsePlainDecimal(s);
      if (!Double.isNaN(parsed)) {
        // A plain decimal is missing only as a number: a declared token with the same text is a
        // number too, and every numeric token is in the number list, so the text check is moot.
        return missing.isMissingNumber(parsed) ? MISSING : parsed;
      }
      if (missing.isMissingText(s)) {
        return MISSING;
      }
      String stripped = s.strip();
      if (!isDecimal(stripped)) {
        throw new LeadDataException(leadId, field, "expected a number, got text '" + s + "'");
      }
      parsed = Double.parseDouble(stripped);
      if (!Double.isFinite(parsed)) {
        throw new LeadDataException(leadId, field, "expected a finite number, got text '" + s + "'");
      }
      return missing.isMissingNumber(parsed) ? MISSING : parsed;
    }
    if (v instanceof AttributeValue.Bool) {
      throw new LeadDataException(leadId, field, "expected a number, got boolean " + v.display());
    }
    return MISSING;
  }

  /** The spellings exports use for flags: the first five mean true, the rest false. */
  private static final TextKeys FLAGS = new TextKeys(List.of("true", "yes", "y", "t", "1", "false", "no", "n", "f", "0"));
  private static final int FIRST_FALSE = 5;

  /** The attribute as 1 or 0, or {@link #MISSING}. */
  static double bool(String leadId, String field, AttributeValue v, MissingTokens missing) {
    if (v instanceof AttributeValue.Bool b) {
      return b.value() ? 1 : 0;
    }
    if (v instanceof AttributeValue.Num n) {
      if (missing.isMissingNumber(n.value())) {
        return MISSING;
      }
      if (n.value() == 0 || n.value() == 1) {
        return n.value() == 1 ? 1 : 0; // -0.0 is 0
      }
      throw new LeadDataException(leadId, field, "expected a boolean (0 or 1), got number " + n.display());
    }
    if (v instanceof AttributeValue.Text t) {
      if (missing.isMissingText(t.value())) {
        return MISSING;
      }
      int flag = FLAGS.indexOf(t.value());
      if (flag != TextKeys.ABSENT) {
        return flag < FIRST_FALSE ? 1 : 0;
      }
      String s = t.value().strip();
      if (isNumber(s)) {
        // Spreadsheet and pandas exports write flags as 1.0 / 0.0.
        double d = Double.parseDouble(s);
        if (d == 0 || d == 1) {
          return d == 1 ? 1 : 0;
        }
      }
      throw new LeadDataException(leadId, field, "expected a boolean (true/false, yes/no, y/n, 1/0), got text '" + t.value() + "'");
    }
    return MISSING;
  }

  /**
   * The attribute as normalised text, or {@code null} when missing. Numbers and booleans are
   * taken as their text only when {@code acceptNonText}; otherwise they are an error.
   */
  static String text(String leadId, String field, AttributeValue v, MissingTokens missing, boolean acceptNonText) {
    String raw = rawText(leadId, field, v, missing, acceptNonText);
    return raw == null ? null : Specs.normalise(raw);
  }

  /**
   * Like {@link #text} but returns the text as given (not normalised), so lookups through
   * {@link TextKeys} need no allocation.
   */
  static String rawText(String leadId, String field, AttributeValue v, MissingTokens missing, boolean acceptNonText) {
    if (v instanceof AttributeValue.Text t) {
      return missing.isMissingText(t.value()) ? null : t.value();
    }
    if (v instanceof AttributeValue.Absent) {
      return null;
    }
    if (!acceptNonText) {
      throw new LeadDataException(leadId, field, "expected text, got " + (v instanceof AttributeValue.Num ? "number " : "boolean ") + v.display());
    }
    if (v instanceof AttributeValue.Num n && missing.isMissingNumber(n.value())) {
      return null;
    }
    String display = v.display();
    return missing.isMissingText(display) ? null : display;
  }
}
