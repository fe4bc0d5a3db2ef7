package dev.leadscore.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.Lead;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link InteractionFeature} kind: JSON form, extraction (after its parents), column, offers. */
final class InteractionKind extends FeatureKind {
  static final String NAME = "interaction";
  static final Set<String> FIELDS = Set.of("left", "right");

  private final InteractionFeature f;

  InteractionKind(InteractionFeature f) {
    super(f);
    this.f = f;
  }

  static InteractionFeature read(SchemaJson.Ctx ctx, JsonNode n, FeatureInfo info) {
    return new InteractionFeature(info, ctx.requiredText(n, "left"), ctx.requiredText(n, "right"));
  }

  @Override
  void writeJson(ObjectNode o) {
    o.put("left", f.left());
    o.put("right", f.right());
  }

  @Override
  FittedFeature fit(List<Lead> leads) {
    return null; // a product of fitted columns
  }

  @Override
  CompiledFeature compile(int offset, FittedFeature ff, Map<String, Integer> columnIndex) {
    Integer l = columnIndex.get(f.left());
    Integer r = columnIndex.get(f.right());
    if (l == null || r == null) {
      throw SchemaException.of(f.name(), "parent column '" + (l == null ? f.left() : f.right())
          + "' does not exist after fitting (a learned level that was not kept?)");
    }
    return new Compiled(f, offset, l, r);
  }

  @Override
  List<Column> columns(int offset, FittedFeature ff) {
    return List.of(new Column(offset, f.name(), f.name(), f.family(), Column.Role.INTERACTION, null));
  }

  @Override
  List<String> parentColumns() {
    return List.of(f.left(), f.right());
  }

  @Override
  FeatureOffers offers() {
    return FeatureOffers.none().withSplitBetweenParents();
  }

  /** The extracting form; written after every other kind, so its parents are there. */
  static final class Compiled extends CompiledFeature {
    private final int left;
    private final int right;

    Compiled(InteractionFeature f, int offset, int left, int right) {
      super(f, offset);
      this.left = left;
      this.right = right;
    }

    @Override
    int width() {
      return 1;
    }

    @Override
    void write(Lead lead, Instant asOf, double[] out) {
      double v = out[left] * out[right];
      if (!Double.isFinite(v)) {
        throw new dev.leadscore.core.LeadDataException(lead.id(), spec.name(), "the product of its parent columns ("
            + out[left] + " x " + out[right] + ") overflows; clip or log-transform the parents");
      }
      out[offset] = v;
    }

    @Override
    String display(Lead lead, Instant asOf, double[] row) {
      return format(row[offset]);
    }
  }
}
