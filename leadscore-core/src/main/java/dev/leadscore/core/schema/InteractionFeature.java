package dev.leadscore.core.schema;

/**
 * The product of two columns produced by features declared earlier in the schema, e.g.
 * {@code decision_maker × pricing_visits_30d}. Either parent may be any column, including a
 * one-hot level ({@code seniority=vp}); explanations split this column's contribution between
 * the two parent features.
 *
 * <p>One column {@code <name>}. Immutable, thread-safe.
 *
 * @param info name, family, reasons
 * @param left the first parent column's name
 * @param right the second parent column's name
 */
public record InteractionFeature(FeatureInfo info, String left, String right) implements FeatureSpec {

  /**
   * @param info name, family, reasons
   * @param left the first parent column's name
   * @param right the second parent column's name
   * @throws SchemaException naming the feature when a component breaks its rule
   */
  public InteractionFeature {
    java.util.Objects.requireNonNull(info, "info");
    if (left == null || left.isBlank() || right == null || right.isBlank()) {
      throw SchemaException.of(info.name(), "an interaction needs two parent column names, got left=" + left + ", right=" + right);
    }
  }

  @Override
  public String kind() {
    return InteractionKind.NAME;
  }

  /** @hidden machinery, not part of the API */
  @Override
  @SuppressWarnings("exports") // the machinery's type is package-private on purpose
  public FeatureKind machinery() {
    return new InteractionKind(this);
  }
}
