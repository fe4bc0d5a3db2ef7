package dev.leadscore.rules;

import java.util.Locale;
import java.util.regex.Pattern;

/** Validation shared by the rule records and the JSON reader. Stateless. */
final class Checks {
  private Checks() {}

  /** The pattern rule ids must match; the same as the schema's feature names. */
  static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");

  static void checkId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new RuleSetException("rule id must match " + ID.pattern() + ", got " + (id == null ? "null" : "'" + id + "'"));
    }
  }

  static String checkName(String id, String field, String value) {
    if (value == null || value.isBlank()) {
      throw RuleSetException.of(id, field + " must not be blank, got " + (value == null ? "null" : "'" + value + "'"));
    }
    return value;
  }

  static void checkPoints(String id, String what, Double value) {
    if (value == null || !Double.isFinite(value)) {
      throw RuleSetException.of(id, what + " must be a finite number, got " + value);
    }
  }

  /**
   * The form in which level names are compared, as the schema compares text: trimmed,
   * lower-case (root locale), inner whitespace collapsed to one space.
   */
  static String normalise(String text) {
    return text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }
}
