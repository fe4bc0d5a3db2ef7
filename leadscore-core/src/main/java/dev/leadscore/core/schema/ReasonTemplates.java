package dev.leadscore.core.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The plain-English sentences a feature contributes to an explanation. They say what the lead's
 * value <em>is</em>, never which way it moved the score: the direction and the points are carried
 * beside the text ({@link dev.leadscore.core.Reason#direction()}), so a sentence can never
 * contradict the data whatever the sign of the model's weight.
 *
 * <p><b>Wording fields</b> (the JSON object {@code "reasons"} of a feature, and of a rule):
 * <ul>
 *   <li>{@code value}: the sentence for a lead that has a value, with {@code {value}} standing for
 *       it. A level reads as its readable label ("Based in {value}" → "Based in Brazil"); a number as
 *       a quantity with its unit and the right plural ("Spent {value} on the website" →
 *       "Spent 1 minute on the website", "Spent 264 minutes on the website"), and zero as
 *       "no" ("{value} in the last 30 days" → "No documentation visits in the last 30 days"); a
 *       recency as "today", "1 day ago", "12 days ago". A number compared with the typical lead of
 *       the training data (when the fitted schema knows it) gets " (above the typical 246 minutes)"
 *       or "below" appended.</li>
 *   <li>{@code none} (optional): the sentence for a count or number of zero ("Has not signed up
 *       for a free trial").</li>
 *   <li>{@code yes} and {@code no}: the two sentences of a yes/no feature, instead of
 *       {@code value}.</li>
 *   <li>{@code missing}: the sentence for a lead without a value ("Company size unknown").</li>
 *   <li>{@code unit} (optional, numbers and counts only): the unit's plural ("minutes", "pages",
 *       "sign-ups"); {@code unitOne} its singular when dropping a final "s" is not it
 *       ({@code "unit": "replies", "unitOne": "reply"}). Without a unit a number reads as itself.</li>
 * </ul>
 * The first letter of every sentence is upper-cased. Older schemas' sign-keyed {@code positive}
 * and {@code negative} sentences are still read ({@link #legacy}), so artifacts written with them
 * load unchanged; since a sign-keyed sentence can contradict the value, they are used only when
 * the two are the same sentence, and otherwise replaced by the neutral "&lt;feature&gt;: {value}".
 *
 * <p>Immutable and safe to share between threads; the templates are split around their
 * placeholder once, when built.
 */
public final class ReasonTemplates {
  /** The placeholder replaced by the lead's value. */
  public static final String VALUE = "{value}";

  private static final Set<String> FIELDS = Set.of("value", "none", "yes", "no", "missing", "unit", "unitOne",
      "positive", "negative");

  private final String value;
  private final String none;
  private final String yes;
  private final String no;
  private final String missing;
  private final String unit;
  private final String unitOne;
  private final String positive;
  private final String negative;
  // The last compiled form and the name it was compiled for: a rule or schema feature describes
  // itself with the same templates and name on every reason it renders. Both are immutable, so
  // a race costs at most a second compile. Not part of equality.
  private volatile CompiledFor lastCompiled;

  private record CompiledFor(String featureName, Compiled compiled) {}

  private ReasonTemplates(String value, String none, String yes, String no, String missing, String unit,
      String unitOne, String positive, String negative) {
    this.value = optional("value", value);
    this.none = optional("none", none);
    this.yes = optional("yes", yes);
    this.no = optional("no", no);
    this.missing = required("missing", missing);
    this.unit = optional("unit", unit);
    this.unitOne = optional("unitOne", unitOne);
    this.positive = optional("positive", positive);
    this.negative = optional("negative", negative);
    if ((yes == null) != (no == null)) {
      throw new IllegalArgumentException("reason templates 'yes' and 'no' go together; got only '"
          + (yes == null ? "no" : "yes") + "'");
    }
    if ((positive == null) != (negative == null)) {
      throw new IllegalArgumentException("reason templates 'positive' and 'negative' go together");
    }
    if (value == null && yes == null && positive == null) {
      throw new IllegalArgumentException("reason templates need 'value' (or 'yes' and 'no')");
    }
    if (positive != null && (value != null || yes != null || none != null)) {
      throw new IllegalArgumentException("reason templates 'positive'/'negative' are the old sign-keyed form; "
          + "use 'value' (or 'yes'/'no') instead, not both");
    }
    if (unitOne != null && unit == null) {
      throw new IllegalArgumentException("reason template 'unitOne' needs 'unit'");
    }
  }

  /**
   * Templates for a feature whose value is a level or a number.
   *
   * @param value the sentence for a lead with a value, {@code {value}} standing for it; never blank
   * @param missing the sentence for a lead without one; never blank
   * @return the templates
   * @throws IllegalArgumentException if a template is null or blank
   */
  public static ReasonTemplates of(String value, String missing) {
    return new ReasonTemplates(required("value", value), null, null, null, missing, null, null, null, null);
  }

  /**
   * Templates for a yes/no feature.
   *
   * @param yes the sentence for yes
   * @param no the sentence for no
   * @param missing the sentence for a lead without one; never blank
   * @return the templates
   * @throws IllegalArgumentException if a template is null or blank
   */
  public static ReasonTemplates yesNo(String yes, String no, String missing) {
    return new ReasonTemplates(null, null, required("yes", yes), required("no", no), missing, null, null, null, null);
  }

  /**
   * The sign-keyed templates of schemas written before value-driven wording: read so that such
   * schemas and artifacts load with their fingerprints unchanged. They are rendered as described
   * in the class comment, never by the sign of a contribution.
   *
   * @param positive the sentence for a positive contribution
   * @param negative the sentence for a negative contribution
   * @param missing the sentence for a lead without one; never blank
   * @return the templates
   * @throws IllegalArgumentException if a template is null or blank
   */
  public static ReasonTemplates legacy(String positive, String negative, String missing) {
    return new ReasonTemplates(null, null, null, null, missing, null, null, required("positive", positive),
        required("negative", negative));
  }

  /**
   * Neutral templates derived from a label, for schemas that declare none:
   * {@code "<label>: {value}"} and {@code "<label> unknown"}.
   *
   * @param label the feature's label
   * @return the templates
   */
  public static ReasonTemplates plain(String label) {
    Objects.requireNonNull(label, "label");
    return of(label + ": " + VALUE, label + " unknown");
  }

  /**
   * The same templates with a sentence for zero.
   *
   * @param none the sentence for zero, not blank
   * @return the new templates
   * @throws IllegalArgumentException if blank or legacy
   */
  public ReasonTemplates withNone(String none) {
    return new ReasonTemplates(value, required("none", none), yes, no, missing, unit, unitOne, positive, negative);
  }

  /**
   * The same templates with a unit for numbers and counts.
   *
   * @param plural the unit's plural ("minutes")
   * @param singular its singular ("minute"), or {@code null} for the plural without its final "s"
   * @return the new templates
   */
  public ReasonTemplates withUnit(String plural, String singular) {
    return new ReasonTemplates(value, none, yes, no, missing, required("unit", plural), singular, positive, negative);
  }

  /**
   * Reads templates from their JSON fields (see the class comment).
   *
   * @param fields field name → template
   * @return the templates
   * @throws IllegalArgumentException naming the field for an unknown field or a blank or missing template
   */
  public static ReasonTemplates fromFields(Map<String, String> fields) {
    for (String k : fields.keySet()) {
      if (!FIELDS.contains(k)) {
        throw new IllegalArgumentException("unknown reason template field '" + k + "'; expected one of "
            + new java.util.TreeSet<>(FIELDS));
      }
    }
    return new ReasonTemplates(fields.get("value"), fields.get("none"), fields.get("yes"), fields.get("no"),
        fields.get("missing"), fields.get("unit"), fields.get("unitOne"), fields.get("positive"),
        fields.get("negative"));
  }

  /**
   * The JSON fields, only those declared; legacy templates in their old order (so old fingerprints hold).
   *
   * @return field name → template
   */
  public Map<String, String> fields() {
    Map<String, String> m = new LinkedHashMap<>();
    put(m, "positive", positive);
    put(m, "negative", negative);
    put(m, "value", value);
    put(m, "none", none);
    put(m, "yes", yes);
    put(m, "no", no);
    m.put("missing", missing);
    put(m, "unit", unit);
    put(m, "unitOne", unitOne);
    return java.util.Collections.unmodifiableMap(m);
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null) {
      m.put(k, v);
    }
  }

  /**
   * The sentence for a lead without a value.
   *
   * @return the missing sentence
   */
  public String missing() {
    return missing;
  }

  /**
   * Whether these are the old sign-keyed templates ({@link #legacy}).
   *
   * @return whether the templates are legacy
   */
  public boolean isLegacy() {
    return positive != null;
  }

  /**
   * The compiled form for one feature: the templates split around their placeholder, the
   * legacy fallback resolved with the feature's label.
   */
  Compiled compile(String featureName) {
    CompiledFor last = lastCompiled;
    if (last != null && last.featureName().equals(featureName)) {
      return last.compiled();
    }
    Compiled c = compileNow(featureName);
    lastCompiled = new CompiledFor(featureName, c);
    return c;
  }

  private Compiled compileNow(String featureName) {
    String v = value;
    String y = yes;
    String n = no;
    if (positive != null) {
      v = positive.equals(negative) ? positive : capitalise(featureName.replace('_', ' ')) + ": " + VALUE;
    }
    if (v == null) {
      v = capitalise(featureName.replace('_', ' ')) + ": " + VALUE;
    }
    String many = unit;
    String one = unitOne != null ? unitOne : unit == null ? null : singular(unit);
    return new Compiled(new Part(v), none == null ? null : new Part(none), y == null ? null : new Part(y),
        n == null ? null : new Part(n), new Part(missing), one, many);
  }

  /**
   * A sentence for a count or amount: the {@code value} template with the number and unit
   * ("3 sign-ups", "no sign-ups", "1 sign-up"), or the {@code none} sentence for zero. Shared by
   * the schema's features and rules that count events themselves.
   *
   * @param v the number; NaN for a lead without one (then the {@code missing} sentence)
   * @param featureName the feature or rule it describes, for templates that name it
   * @return the sentence
   */
  public String renderNumber(double v, String featureName) {
    return compile(featureName).number(v, Double.NaN);
  }

  /** The plural "s" dropped ("minutes" → "minute", "replies" → "reply"), for a unit without {@code unitOne}. */
  static String singular(String plural) {
    if (plural.endsWith("ies") && plural.length() > 3) {
      return plural.substring(0, plural.length() - 3) + "y";
    }
    if (plural.endsWith("s") && !plural.endsWith("ss")) {
      return plural.substring(0, plural.length() - 1);
    }
    return plural;
  }

  static String capitalise(String s) {
    if (s.isEmpty() || !Character.isLowerCase(s.charAt(0))) {
      return s;
    }
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** A template split once around its placeholder. */
  static final class Part {
    final String head;
    final String tail;
    final boolean hasValue;

    Part(String template) {
      int i = template.indexOf(VALUE);
      hasValue = i >= 0;
      head = hasValue ? template.substring(0, i) : template;
      tail = hasValue ? template.substring(i + VALUE.length()).replace(VALUE, "") : "";
    }

    String with(String v) {
      if (!hasValue) {
        return capitalise(head);
      }
      StringBuilder sb = new StringBuilder(head.length() + v.length() + tail.length() + 32);
      sb.append(head).append(v).append(tail);
      if (sb.length() > 0 && Character.isLowerCase(sb.charAt(0))) {
        sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
      }
      return sb.toString();
    }
  }

  /** The templates of one feature, ready to render. Immutable. */
  static final class Compiled {
    private final Part value;
    private final Part none;
    private final Part yes;
    private final Part no;
    private final Part missing;
    private final String unitOne;
    private final String unitMany;

    Compiled(Part value, Part none, Part yes, Part no, Part missing, String unitOne, String unitMany) {
      this.value = value;
      this.none = none;
      this.yes = yes;
      this.no = no;
      this.missing = missing;
      this.unitOne = unitOne;
      this.unitMany = unitMany;
    }

    /** A level's sentence; {@code null} for none. */
    String level(String label) {
      return label == null ? missing.with("") : value.with(label);
    }

    /** A yes/no sentence; NaN for none. */
    String yesNo(double v) {
      if (Double.isNaN(v)) {
        return missing.with("");
      }
      String word = v == 1 ? "yes" : "no";
      if (yes != null) {
        return (v == 1 ? yes : no).with(word);
      }
      return value.with(word);
    }

    /**
     * A number's sentence, with the typical training value when known (NaN when not).
     * {@code v} is the lead's raw value, NaN for none.
     */
    String number(double v, double typical) {
      if (Double.isNaN(v)) {
        return missing.with("");
      }
      if (v == 0 && none != null) {
        return none.with(quantity(v));
      }
      String q = quantity(v);
      String s = value.with(q);
      if (Double.isNaN(typical) || !value.hasValue) {
        return s;
      }
      // Compared as shown: a value that rounds to the typical one is not called above or below it.
      String t = quantity(typical);
      return t.equals(q) ? s + " (typical)" : s + " (" + (v > typical ? "above" : "below") + " the typical " + t + ")";
    }

    /** Whole days since the latest event, or NaN when there was none. */
    String daysAgo(double days) {
      if (Double.isNaN(days)) {
        return missing.with("");
      }
      long d = (long) Math.floor(days);
      return value.with(d == 0 ? "today" : d == 1 ? "1 day ago" : d + " days ago");
    }

    /** "no sign-ups", "1 sign-up", "3 sign-ups", "2.5 minutes"; a bare number without a unit. */
    String quantity(double v) {
      String n = CompiledFeature.format(v);
      if (unitMany == null) {
        return n;
      }
      if (v == 0) {
        return "no " + unitMany;
      }
      return n + " " + (v == 1 ? unitOne : unitMany);
    }
  }

  private static String required(String which, String template) {
    if (template == null) {
      throw new IllegalArgumentException("missing required field '" + which + "'");
    }
    if (template.isBlank()) {
      throw new IllegalArgumentException("reason template '" + which + "' must not be blank, got '" + template + "'");
    }
    return template;
  }

  private static String optional(String which, String template) {
    return template == null ? null : required(which, template);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReasonTemplates t && fields().equals(t.fields());
  }

  @Override
  public int hashCode() {
    return fields().hashCode();
  }

  @Override
  public String toString() {
    return "ReasonTemplates" + fields();
  }
}
