package dev.leadscore.core;

import dev.leadscore.core.internal.LevelText;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A policy override no score can beat: when a lead's feature has a given value (Do Not Call is
 * yes, the e-mail domain is a competitor's, the occupation is student), its tier is forced to
 * {@link Tier#SUPPRESS} or capped at a less urgent tier, whatever its score. Part of a
 * {@link Policy}.
 *
 * <p>JSON form (in a rule set's {@code "disqualifiers"} array and in a model artifact's
 * {@code "policy"}): {@code {"feature": "do_not_call", "when": "yes", "action": "suppress",
 * "reason": "Asked not to be called"}}, or {@code "action": "cap", "tier": "nurture"}.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param feature the schema feature it reads
 * @param when the value that disqualifies: a level of a levelled feature (compared as levels are:
 *     trimmed, lower-case, inner spaces collapsed), or {@code yes}/{@code no} for a yes/no feature
 * @param cap the most urgent tier such a lead may have; {@link Tier#SUPPRESS} to suppress it
 * @param reason the sentence shown as the lead's first reason
 */
public record Disqualifier(String feature, String when, Tier cap, String reason) {
  private static final Set<String> FIELDS = Set.of("feature", "when", "action", "tier", "reason");

  /** @throws IllegalArgumentException naming the feature when a field is blank */
  public Disqualifier {
    require(feature, "feature", feature);
    require(when, "when", feature);
    Objects.requireNonNull(cap, "cap");
    require(reason, "reason", feature);
    when = normalise(when);
  }

  private static void require(String s, String field, String feature) {
    if (s == null || s.isBlank()) {
      throw new IllegalArgumentException("disqualifier" + (feature == null ? "" : " on '" + feature + "'") + ": '"
          + field + "' must not be blank");
    }
  }

  /** Whether it suppresses the lead (rather than capping its tier above Suppress). */
  public boolean suppresses() {
    return cap == Tier.SUPPRESS;
  }

  /** The tier a lead of tier {@code tier} ends with when this disqualifier matches it. */
  public Tier apply(Tier tier) {
    return tier.ordinal() < cap.ordinal() ? cap : tier;
  }

  /**
   * Reads a disqualifier from its JSON fields: {@code feature}, {@code when}, {@code reason},
   * {@code action} ({@code suppress} or {@code cap}) and, for {@code cap}, {@code tier}
   * ({@code hot}, {@code warm}, {@code nurture} or {@code suppress}).
   *
   * @throws IllegalArgumentException naming the field for an unknown, missing or invalid field
   */
  public static Disqualifier fromFields(Map<String, String> fields) {
    String feature = fields.get("feature");
    for (String k : fields.keySet()) {
      if (!FIELDS.contains(k)) {
        throw new IllegalArgumentException("disqualifier" + (feature == null ? "" : " on '" + feature + "'")
            + ": unknown field '" + k + "'; expected one of " + new java.util.TreeSet<>(FIELDS));
      }
    }
    String action = fields.get("action");
    require(action, "action", feature);
    Tier cap;
    switch (action) {
      case "suppress":
        if (fields.containsKey("tier")) {
          throw new IllegalArgumentException("disqualifier on '" + feature + "': 'tier' goes with action 'cap' only");
        }
        cap = Tier.SUPPRESS;
        break;
      case "cap":
        String tier = fields.get("tier");
        require(tier, "tier", feature);
        try {
          cap = Tier.valueOf(tier.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("disqualifier on '" + feature + "': tier must be hot, warm, nurture or"
              + " suppress, got '" + tier + "'");
        }
        break;
      default:
        throw new IllegalArgumentException("disqualifier on '" + feature + "': action must be 'suppress' or 'cap', got '"
            + action + "'");
    }
    return new Disqualifier(feature, fields.get("when"), cap, fields.get("reason"));
  }

  /** The JSON fields, in a fixed order. */
  public Map<String, String> fields() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("feature", feature);
    m.put("when", when);
    m.put("action", suppresses() ? "suppress" : "cap");
    if (!suppresses()) {
      m.put("tier", cap.name().toLowerCase(Locale.ROOT));
    }
    m.put("reason", reason);
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Trimmed, lower-case, inner whitespace collapsed: how levels are compared. */
  static String normalise(String s) {
    return LevelText.normalise(s);
  }
}
