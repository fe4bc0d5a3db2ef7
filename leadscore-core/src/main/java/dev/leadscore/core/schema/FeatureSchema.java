package dev.leadscore.core.schema;

import dev.leadscore.core.Lead;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The declared data contract between a host's leads and a scorer: which raw signals are read and
 * how each becomes numeric columns, its family, and its wording in explanations. A schema is
 * declared (by hand or in JSON) and then {@linkplain #fit fitted} on training leads, which learns
 * imputation values and category levels; only the fitted form, {@link FittedSchema}, extracts.
 *
 * <p>JSON: {@link #fromJson(String)} reads the format written by {@link #toJson()}; unknown
 * feature kinds, unknown fields and missing required fields are rejected with a
 * {@link SchemaException} that names the feature and the field. The {@linkplain #fingerprint()
 * fingerprint} is the SHA-256 of the canonical JSON form, so it survives a round trip and changes
 * with any declared detail.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class FeatureSchema {
  private final String name;
  private final int version;
  private final List<FeatureSpec> features;
  private final Map<String, FeatureSpec> byName;
  private final String canonicalJson;
  private final String fingerprint;

  private FeatureSchema(String name, int version, List<FeatureSpec> features) {
    if (name == null || name.isBlank()) {
      throw new SchemaException("schema name must not be blank, got " + (name == null ? "null" : "'" + name + "'"));
    }
    if (version < 1) {
      throw new SchemaException("schema '" + name + "': version must be >= 1, got " + version);
    }
    Objects.requireNonNull(features, "features");
    if (features.isEmpty()) {
      throw new SchemaException("schema '" + name + "': needs at least one feature");
    }
    this.name = name;
    this.version = version;
    this.features = List.copyOf(features);
    Map<String, FeatureSpec> map = new LinkedHashMap<>();
    Set<String> columns = new HashSet<>();
    Set<String> learnedCategoricals = new HashSet<>();
    for (FeatureSpec f : this.features) {
      if (map.put(f.name(), f) != null) {
        throw SchemaException.of(f.name(), "feature names must be unique; declared twice");
      }
      FeatureKind kind = f.machinery();
      List<String> parents = kind.parentColumns();
      for (int p = 0; p < parents.size(); p++) {
        requireParent(f, p == 0 ? "left" : "right", parents.get(p), columns, learnedCategoricals);
      }
      if (kind.learnsLevels()) {
        learnedCategoricals.add(f.name());
      }
      for (String column : kind.declaredColumnNames()) {
        if (!columns.add(column)) {
          throw SchemaException.of(f.name(), "produces column '" + column + "', which an earlier feature already produces");
        }
      }
    }
    this.byName = Collections.unmodifiableMap(map);
    this.canonicalJson = SchemaJson.canonical(SchemaJson.writeSchema(this));
    this.fingerprint = SchemaJson.sha256(canonicalJson);
  }

  private static void requireParent(FeatureSpec f, String side, String parent, Set<String> columns, Set<String> learned) {
    if (columns.contains(parent)) {
      return;
    }
    int eq = parent.indexOf('=');
    if (eq > 0 && learned.contains(parent.substring(0, eq))) {
      return; // a learned level: checked when the schema is fitted
    }
    throw SchemaException.of(f.name(), side + " parent column '" + parent + "' is not produced by a feature declared before it");
  }

  /**
   * A schema from features in column order.
   *
   * @throws SchemaException if the name is blank, the version below 1, the list empty, a name
   *     repeated, two features produce the same column (a feature {@code x_missing} next to
   *     {@code x}'s missing flag) or an interaction's parent not declared before it
   */
  public static FeatureSchema of(String name, int version, List<FeatureSpec> features) {
    return new FeatureSchema(name, version, features);
  }

  /** {@link #of(String, int, List)} with varargs. */
  public static FeatureSchema of(String name, int version, FeatureSpec... features) {
    return new FeatureSchema(name, version, Arrays.asList(features));
  }

  /**
   * Reads a schema from its JSON form.
   *
   * @throws SchemaException naming the feature and field for a malformed or invalid document
   */
  public static FeatureSchema fromJson(String json) {
    return SchemaJson.readSchema(SchemaJson.parse(json, "schema"));
  }

  /**
   * Reads a schema from a JSON file (UTF-8).
   *
   * @throws IOException if the file cannot be read
   */
  public static FeatureSchema read(Path file) throws IOException {
    return fromJson(Files.readString(file, StandardCharsets.UTF_8));
  }

  /** Reads a schema from a JSON stream (UTF-8); the stream is read fully but not closed. */
  public static FeatureSchema read(InputStream in) {
    try {
      return fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the JSON form, pretty-printed; {@link #fromJson} reads it back to an equal schema} */
  public String toJson() {
    return SchemaJson.pretty(SchemaJson.writeSchema(this));
  }

  /** {@return the schema's name} */
  public String name() {
    return name;
  }

  /** {@return the schema's version, {@code >= 1}; bump it whenever the contract changes} */
  public int version() {
    return version;
  }

  /** {@return the features in column order (unmodifiable)} */
  public List<FeatureSpec> features() {
    return features;
  }

  /** The feature of that name. @throws IllegalArgumentException if there is none */
  public FeatureSpec feature(String featureName) {
    FeatureSpec f = byName.get(featureName);
    if (f == null) {
      throw new IllegalArgumentException("schema '" + name + "' has no feature '" + featureName + "'; it has " + byName.keySet());
    }
    return f;
  }

  /** Whether a feature of that name is declared. */
  public boolean hasFeature(String featureName) {
    return byName.containsKey(featureName);
  }

  /** {@return every event type some feature reads, in declaration order} */
  public Set<String> eventTypes() {
    Set<String> types = new LinkedHashSet<>();
    for (FeatureSpec f : features) {
      types.addAll(f.eventTypes());
    }
    return Collections.unmodifiableSet(types);
  }

  /** {@return every lead attribute some feature reads, in declaration order} */
  public Set<String> attributes() {
    Set<String> attrs = new LinkedHashSet<>();
    for (FeatureSpec f : features) {
      attrs.addAll(f.attributes());
    }
    return Collections.unmodifiableSet(attrs);
  }

  /** {@code sha256:<hex>} of the canonical JSON form: stable across round trips. */
  public String fingerprint() {
    return fingerprint;
  }

  String canonicalJson() {
    return canonicalJson;
  }

  /**
   * Learns what the declaration leaves to data: the mean or median imputation of numeric, boolean
   * and ordinal features (over the rows that have a value, in transformed units) and the kept
   * levels of categorical features without declared levels (values seen in at least
   * {@code minCount} rows, sorted). Event features learn nothing, so no {@code asOf} is needed.
   * Cost: one pass over the leads per fitted feature, plus a sort per mean or median (which makes
   * the fit independent of the order of the rows).
   *
   * @param trainingLeads the training rows only, never the rows a model will be evaluated on
   * @throws dev.leadscore.core.LeadDataException naming the lead and field for a value that cannot
   *     be read; clean or filter rows before fitting
   * @throws SchemaException if a mean/median has no training value to learn from, or an
   *     interaction names a level that was not kept
   */
  public FittedSchema fit(Iterable<Lead> trainingLeads) {
    return fit(trainingLeads, 0);
  }

  /**
   * As {@link #fit(Iterable)}, and every {@link NumericFeature} whose declaration has no basis
   * ({@link Basis.Kind#NONE}; not one declared {@code "basis": "linear"}) learns a hinge basis of
   * {@code autoKnots} knots at the training rows' quantiles, as a declared {@link Basis#hinge}
   * would, stored in the fitted form (so the declaration and its fingerprint do not change). A
   * feature with no training value, or whose values span more than the range of a double, stays a
   * plain value.
   *
   * @param autoKnots knots of the automatic basis, {@code 0..Basis.MAX_KNOTS} (0: none, as {@link #fit(Iterable)})
   * @throws IllegalArgumentException if {@code autoKnots} is out of range
   */
  public FittedSchema fit(Iterable<Lead> trainingLeads, int autoKnots) {
    Objects.requireNonNull(trainingLeads, "trainingLeads");
    if (autoKnots < 0 || autoKnots > Basis.MAX_KNOTS) {
      throw new IllegalArgumentException("autoKnots must be in 0.." + Basis.MAX_KNOTS + ", got " + autoKnots);
    }
    List<Lead> leads = new ArrayList<>();
    trainingLeads.forEach(leads::add);
    Map<String, FittedFeature> fitted = new HashMap<>();
    for (FeatureSpec f : features) {
      FittedFeature ff = f.machinery().fit(leads, autoKnots);
      if (ff != null) {
        fitted.put(f.name(), ff);
      }
    }
    return new FittedSchema(this, fitted);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureSchema other && canonicalJson.equals(other.canonicalJson);
  }

  @Override
  public int hashCode() {
    return canonicalJson.hashCode();
  }

  @Override
  public String toString() {
    return "FeatureSchema[" + name + " v" + version + ", " + features.size() + " features, " + fingerprint + "]";
  }
}
