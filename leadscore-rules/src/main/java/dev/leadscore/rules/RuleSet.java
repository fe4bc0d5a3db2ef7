package dev.leadscore.rules;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Policy;
import dev.leadscore.core.internal.CanonicalJson;
import dev.leadscore.core.internal.Sha256;
import dev.leadscore.core.schema.FittedSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A named, versioned set of {@link Rule}s: the hand-written points model a domain expert keeps
 * under version control. Bind it to a fitted feature schema with
 * {@link RuleScorer#of(RuleSet, FittedSchema)} to score leads.
 *
 * <p><b>Points.</b> A lead's raw points are {@link #base()} plus the sum of its rules' points.
 * They are normalised to the 0–100 score between a floor and a ceiling: by default the least and
 * the most points the rules can give (see {@link RuleScorer}), or a declared {@link Scale}.
 *
 * <p><b>JSON.</b> {@link #fromJson(String)} reads the format {@link #toJson()} writes:
 *
 * <pre>{@code
 * {"format": "leadscore.rule-set", "formatVersion": 1,
 *  "name": "b2b-default", "version": 1, "description": "...", "base": 0.0,
 *  "scale": {"floor": 0.0, "ceiling": 100.0},                      (optional)
 *  "rules": [
 *   {"kind": "levels", "id": "seniority", "feature": "job_title",
 *    "points": {"c_level": 15.0, "vp": 12.0}},
 *   {"kind": "bands", "id": "company_size", "feature": "company_size",
 *    "bands": [{"from": 50.0, "to": 200.0, "points": 10.0}, {"from": 200.0, "points": 6.0}]},
 *   {"kind": "boolean", "id": "decision_maker", "feature": "decision_maker", "ifTrue": 10.0, "ifFalse": 0.0},
 *   {"kind": "events", "id": "pricing", "eventTypes": ["pricing_page_visit"], "pointsPerEvent": 6.0,
 *    "decay": {"type": "steps", "steps": [{"upToDays": 7.0, "weight": 1.0}, ...], "beyond": 0.25},
 *    "windowDays": 90.0, "maxEvents": 3,
 *    "reasons": {"value": "...", "missing": "...", "unit": "..."}},  (optional, any non-bonus rule)
 *   {"kind": "bonus", "id": "dm_pricing", "parts": ["decision_maker", "pricing"], "multiplier": 1.5,
 *    "text": "Decision-maker who visited the pricing page"}],
 *  "disqualifiers": [                                                (optional; see Disqualifier)
 *   {"feature": "email_domain", "when": "competitor", "action": "suppress", "reason": "Works for a competitor"}]}
 * }</pre>
 *
 * <p>Reading is strict: unknown kinds, unknown or repeated fields, wrong types and missing
 * required fields are rejected with a {@link RuleSetException} naming the rule and the field, and
 * the document can never name a class to instantiate (Jackson's tree model only). Open-ended
 * limits ({@code windowDays}, a band's {@code from} or {@code to}) are written by leaving the field
 * out. The {@linkplain #fingerprint() fingerprint} is the SHA-256 of the canonical (compact,
 * fixed-order) JSON form, so it survives a round trip and changes with any detail.
 *
 * <p><b>Validation.</b> On construction: unique rule ids, and bonus parts that exist and are not
 * bonuses themselves, besides each rule's own checks. Checks that need the schema (features,
 * event types, levels, reachable bands) run when a {@link RuleScorer} is built.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class RuleSet {
  /** The {@code format} value of a rule-set document. */
  public static final String FORMAT = "leadscore.rule-set";
  /** The {@code formatVersion} this version reads and writes. */
  public static final int FORMAT_VERSION = 1;

  /** The classpath resource holding {@link #syntheticDefault()}. */
  static final String DEFAULT_RESOURCE = "default-rules.json";

  private final String name;
  private final int version;
  private final String description;
  private final double base;
  private final Scale scale;
  private final List<Rule> rules;
  private final Policy policy;
  private final Map<String, Rule> byId;
  private final String canonicalJson;
  private final String fingerprint;

  /**
   * A declared mapping of raw points to the 0–100 score: {@code floor} points (or fewer) is 0,
   * {@code ceiling} points (or more) is 100, linear in between. Use it when the rules' extreme
   * attainable points are far from what real leads reach ("100 points is a sales-ready lead").
   *
   * <p>Immutable record, safe to share between threads.
   *
   * @param floor raw points mapped to a score of 0, finite
   * @param ceiling raw points mapped to 100, finite and {@code > floor}
   */
  public record Scale(double floor, double ceiling) {
    /** @throws RuleSetException unless both are finite and {@code floor < ceiling} */
    public Scale {
      if (!Double.isFinite(floor) || !Double.isFinite(ceiling) || !(floor < ceiling)) {
        throw new RuleSetException("scale needs finite floor < ceiling, got floor=" + floor + ", ceiling=" + ceiling);
      }
      floor += 0.0;
      ceiling += 0.0;
    }
  }

  private RuleSet(String name, int version, String description, double base, Scale scale, List<Rule> rules,
      Policy policy) {
    if (name == null || name.isBlank()) {
      throw new RuleSetException("rule set name must not be blank, got " + (name == null ? "null" : "'" + name + "'"));
    }
    if (version < 1) {
      throw new RuleSetException("rule set '" + name + "': version must be >= 1, got " + version);
    }
    if (!Double.isFinite(base)) {
      throw new RuleSetException("rule set '" + name + "': base points must be finite, got " + base);
    }
    Objects.requireNonNull(rules, "rules");
    if (rules.isEmpty()) {
      throw new RuleSetException("rule set '" + name + "': needs at least one rule");
    }
    this.name = name;
    this.version = version;
    this.description = description == null ? "" : description;
    this.base = base + 0.0;
    this.scale = scale;
    this.rules = List.copyOf(rules);
    this.policy = Objects.requireNonNull(policy, "policy");
    Map<String, Rule> map = new LinkedHashMap<>();
    for (Rule r : this.rules) {
      if (map.put(r.id(), r) != null) {
        throw RuleSetException.of(r.id(), "rule ids must be unique within a rule set; '" + r.id() + "' is declared twice");
      }
    }
    for (Rule r : this.rules) {
      if (r instanceof Rule.Bonus b) {
        for (String part : b.parts()) {
          Rule p = map.get(part);
          if (p == null) {
            throw RuleSetException.of(b.id(), "bonus part '" + part + "' is not a rule of this rule set; rules are " + map.keySet());
          }
          if (p instanceof Rule.Bonus) {
            throw RuleSetException.of(b.id(), "bonus part '" + part + "' is itself a bonus; bonuses combine ordinary rules only");
          }
        }
      }
    }
    this.byId = Collections.unmodifiableMap(map);
    this.canonicalJson = CanonicalJson.write(RuleJson.write(this), CanonicalJson.Form.UNICODE);
    this.fingerprint = Sha256.labelled(canonicalJson);
  }

  /**
   * A rule set with base 0, no description and the computed scale.
   *
   * @throws RuleSetException for a blank name, a version below 1, no rules, a repeated rule id or
   *     a bonus whose parts are missing or bonuses
   */
  public static RuleSet of(String name, int version, List<Rule> rules) {
    return new RuleSet(name, version, "", 0.0, null, rules, Policy.none());
  }

  /** Every component at once, for the JSON reader and the deriver. */
  static RuleSet create(String name, int version, String description, double base, Scale scale, List<Rule> rules,
      Policy policy) {
    return new RuleSet(name, version, description, base, scale, rules, policy);
  }

  /** {@link #of(String, int, List)} with varargs. */
  public static RuleSet of(String name, int version, Rule... rules) {
    return of(name, version, List.of(rules));
  }

  /** This rule set with other base points (finite): what a lead with no points from any rule gets. */
  public RuleSet withBase(double base) {
    return new RuleSet(name, version, description, base, scale, rules, policy);
  }

  /** This rule set with a declared scale, or with the computed one when {@code scale} is null. */
  public RuleSet withScale(Scale scale) {
    return new RuleSet(name, version, description, base, scale, rules, policy);
  }

  /** This rule set with a description (free text, e.g. where the weights come from). */
  public RuleSet withDescription(String description) {
    return new RuleSet(name, version, description, base, scale, rules, policy);
  }

  /** This rule set under another name and version. */
  public RuleSet withNameAndVersion(String name, int version) {
    return new RuleSet(name, version, description, base, scale, rules, policy);
  }

  /** This rule set with other rules (same name, version, base, scale and description). */
  public RuleSet withRules(List<Rule> rules) {
    return new RuleSet(name, version, description, base, scale, rules, policy);
  }

  /**
   * This rule set with policy overrides: disqualifiers its scorer applies after scoring (and that
   * training can embed in a model, {@code TrainedModel.withPolicy}). Checked against the schema when
   * a scorer is built.
   */
  public RuleSet withPolicy(Policy policy) {
    return new RuleSet(name, version, description, base, scale, rules, policy);
  }

  /** The policy overrides (JSON {@code "disqualifiers"}); empty when none are declared. */
  public Policy policy() {
    return policy;
  }

  /**
   * Reads a rule set from its JSON form.
   *
   * @throws RuleSetException naming the rule and field for a malformed or invalid document
   */
  public static RuleSet fromJson(String json) {
    return RuleJson.read(RuleJson.parse(json));
  }

  /**
   * Reads a rule set from a JSON file (UTF-8).
   *
   * @throws IOException if the file cannot be read
   */
  public static RuleSet read(Path file) throws IOException {
    return fromJson(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Reads a rule set from a JSON stream (UTF-8); the stream is read fully but not closed. */
  public static RuleSet read(InputStream in) {
    try {
      return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The default rule set for the synthetic pipeline's default feature schema
   * ({@code dev/leadscore/core/synth/default-schema.json}), with weights chosen as a B2B sales
   * domain expert would; the reasoning is in {@code leadscore-rules/DEFAULT-RULES.md}.
   */
  public static RuleSet syntheticDefault() {
    try (InputStream in = RuleSet.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing from the rules module");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the JSON form, pretty-printed; {@link #fromJson} reads it back to an equal rule set} */
  public String toJson() {
    return RuleJson.pretty(RuleJson.write(this));
  }

  /**
   * Derives points from data, keeping this rule set's structure (which signals, levels, bands,
   * windows, decays and caps): each scored slot gets points proportional to its univariate
   * smoothed log-odds on the training leads, so a team can start from its own history.
   *
   * <p>For a lead group G (the leads at one level, in one band, with a yes or a no, or with at
   * least one counted event) the signal is {@code logit((conv_G + m·p) / (n_G + m)) - logit(p)},
   * with {@code p} the overall conversion rate and {@code m = 10} pseudo-leads of smoothing
   * toward it, so a level seen on three leads cannot earn a huge weight. Points are
   * {@code pointsPerLogOdds × signal}, rounded to 0.1:
   *
   * <ul>
   *   <li>levels, bands, yes/no: each listed level, each band, and both {@code ifTrue} and
   *       {@code ifFalse}; leads missing the value are left out of every group;
   *   <li>events: {@code pointsPerEvent} is the signal of the leads with counted events divided by
   *       their mean counted (decayed, capped) events, so a lead with the typical activity earns
   *       the group's points; negative signals become penalties;
   *   <li>bonuses: the multiplier becomes {@code signal(leads earning the bonus) / mean(sum of the
   *       parts' derived points among them) × pointsPerLogOdds}, clamped to [0.5, 3] and rounded
   *       to 0.05; unchanged when fewer than 10 leads earn it.
   * </ul>
   *
   * <p>The result has this rule set's name, version + 1, base 0 and the computed scale (a
   * declared scale would no longer fit the new points). Cost: one extraction per lead, then one
   * pass per rule.
   *
   * @param schema the fitted schema, fitted on the same training leads (never on evaluation rows)
   * @param training the labelled training leads; both classes must be present
   * @param asOf the instant the events are aged from
   * @param pointsPerLogOdds points per unit of log-odds, finite and {@code > 0} (10 is a good start)
   * @throws RuleSetException if this rule set does not fit the schema
   * @throws IllegalArgumentException if the training set lacks a class or the scale is bad
   * @throws dev.leadscore.core.LeadDataException naming the lead for unreadable data
   */
  public RuleSet derivePoints(FittedSchema schema, List<LabelledLead> training, Instant asOf, double pointsPerLogOdds) {
    return PointsDeriver.derive(this, schema, training, asOf, pointsPerLogOdds);
  }

  /** {@return the rule set's name; the {@link RuleScorer}'s model id} */
  public String name() {
    return name;
  }

  /** {@return the rule set's version, {@code >= 1}; bump it whenever a weight changes} */
  public int version() {
    return version;
  }

  /** Free-text description; empty when none. */
  public String description() {
    return description;
  }

  /** Points every lead starts with (0 unless declared); the explanation's base value. */
  public double base() {
    return base;
  }

  /** {@return the declared scale, or empty when the scorer computes it from the rules} */
  public Optional<Scale> scale() {
    return Optional.ofNullable(scale);
  }

  /** {@return the rules in declaration order (unmodifiable)} */
  public List<Rule> rules() {
    return rules;
  }

  /** The rule of that id. @throws IllegalArgumentException if there is none */
  public Rule rule(String id) {
    Rule r = byId.get(id);
    if (r == null) {
      throw new IllegalArgumentException("rule set '" + name + "' has no rule '" + id + "'; it has " + byId.keySet());
    }
    return r;
  }

  /** {@code sha256:<hex>} of the canonical JSON form: stable across round trips. */
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RuleSet other && canonicalJson.equals(other.canonicalJson);
  }

  @Override
  public int hashCode() {
    return canonicalJson.hashCode();
  }

  @Override
  public String toString() {
    return "RuleSet[" + name + " v" + version + ", " + rules.size() + " rules, " + fingerprint + "]";
  }
}
