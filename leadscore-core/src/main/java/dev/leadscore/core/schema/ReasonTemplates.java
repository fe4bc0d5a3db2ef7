package dev.leadscore.core.schema;

import java.util.Objects;

/**
 * The plain-English sentences a feature contributes to an explanation, with {@code {value}}
 * standing for the lead's actual value ("Visited the pricing page {value} times in the last 30
 * days"). Which sentence is used depends on whether the feature pushed the score up
 * ({@link #positive}), pulled it down ({@link #negative}) or had no value ({@link #missing}).
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param positive wording when the feature raises the score; never blank
 * @param negative wording when it lowers the score; never blank
 * @param missing wording when the lead has no value for it ("company size unknown"); never blank
 */
public record ReasonTemplates(String positive, String negative, String missing) {
  /** The placeholder replaced by the lead's value. */
  public static final String VALUE = "{value}";

  /** @throws IllegalArgumentException if any template is null or blank */
  public ReasonTemplates {
    require("positive", positive);
    require("negative", negative);
    require("missing", missing);
  }

  /**
   * Neutral templates derived from a label, for schemas that declare none:
   * {@code "<label>: {value}"} and {@code "<label> unknown"}.
   */
  public static ReasonTemplates plain(String label) {
    Objects.requireNonNull(label, "label");
    return new ReasonTemplates(label + ": " + VALUE, label + ": " + VALUE, label + " unknown");
  }

  /**
   * Renders one sentence.
   *
   * @param raisesScore whether the contribution is positive
   * @param missing whether the lead had no value (then the missing wording wins)
   * @param value the value to substitute, as displayed to a person
   */
  public String render(boolean raisesScore, boolean missing, String value) {
    String template = missing ? this.missing : raisesScore ? positive : negative;
    return template.replace(VALUE, value == null ? "unknown" : value);
  }

  private static void require(String which, String template) {
    if (template == null || template.isBlank()) {
      throw new IllegalArgumentException("reason template '" + which + "' must not be blank, got " + (template == null ? "null" : "'" + template + "'"));
    }
  }
}
