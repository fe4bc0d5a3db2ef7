package dev.leadscore.core.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A text attribute with a declared order, mapped to numbers ("01.High" → 3, "02.Medium" → 2). Keys
 * are matched normalised (trimmed, case- and whitespace-insensitive). Missing values are imputed
 * and optionally flagged; text that is neither a key nor a missing token is rejected with a
 * {@code LeadDataException} listing the known keys, because a declared map is a closed contract.
 *
 * <p>One column {@code <name>} (plus {@code <name>_missing}). Immutable, thread-safe.
 *
 * @param info name, family, reasons
 * @param attribute the lead attribute read
 * @param mapping non-empty text → finite number, in declaration order
 * @param imputation what a missing value becomes
 * @param missingFlag whether to add the missing-indicator column
 * @param missingTokens text meaning "no value"
 */
public record OrdinalFeature(FeatureInfo info, String attribute, Map<String, Double> mapping,
    Imputation imputation, boolean missingFlag, List<String> missingTokens) implements FeatureSpec {

  /**
   * @param info name, family, reasons
   * @param attribute the lead attribute read
   * @param mapping non-empty text → finite number, in declaration order
   * @param imputation what a missing value becomes
   * @param missingFlag whether to add the missing-indicator column
   * @param missingTokens text meaning "no value"
   * @throws SchemaException naming the feature when a component breaks its rule
   */
  public OrdinalFeature {
    attribute = Specs.attribute(info, attribute);
    if (mapping == null || mapping.isEmpty()) {
      throw SchemaException.of(info.name(), "an ordinal feature needs a non-empty mapping");
    }
    Map<String, Double> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : mapping.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null || !Double.isFinite(e.getValue())) {
        throw SchemaException.of(info.name(), "mapping entries need a non-blank key and a finite number, got " + e.getKey() + " -> " + e.getValue());
      }
      if (copy.put(e.getKey(), e.getValue()) != null) {
        throw SchemaException.of(info.name(), "mapping key '" + e.getKey() + "' appears twice");
      }
    }
    if (Specs.normaliseAll(List.copyOf(copy.keySet())).stream().distinct().count() != copy.size()) {
      throw SchemaException.of(info.name(), "mapping keys must differ after normalisation (case, whitespace), got " + copy.keySet());
    }
    mapping = java.util.Collections.unmodifiableMap(copy);
    if (imputation == null) {
      throw SchemaException.of(info.name(), "imputation is required");
    }
    missingTokens = Specs.tokens(missingTokens);
  }

  @Override
  public String kind() {
    return OrdinalKind.NAME;
  }

  /** @hidden machinery, not part of the API */
  @Override
  @SuppressWarnings("exports") // the machinery's type is package-private on purpose
  public FeatureKind machinery() {
    return new OrdinalKind(this);
  }

  @Override
  public List<String> attributes() {
    return List.of(attribute);
  }
}
