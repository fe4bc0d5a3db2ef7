package dev.leadscore.rules;

import dev.leadscore.core.Lead;
import dev.leadscore.core.Reason;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.ReasonTemplates;
import java.time.Instant;

/** A rule reading one attribute feature: knows how to tell a missing value and how to word it. */
abstract class AttributeRule extends CompiledRule {
  final FittedSchema schema;
  final int feature;
  /** The rule's own wording, or {@code null} for the feature's. */
  final ReasonTemplates templates;

  AttributeRule(Rule rule, FeatureSpec spec, FittedSchema schema, ReasonTemplates override, double min, double max) {
    super(rule, spec.family(), min, max);
    this.schema = schema;
    this.feature = schema.featureIndex(spec.name());
    this.templates = override;
  }

  /** The slot (level, band, yes/no) the lead falls in, or -1 when it has no value or is in no slot. */
  abstract int slot(Lead lead, Instant asOf, double[] row);

  abstract double slotPoints(int slot);

  @Override
  final double points(Lead lead, Instant asOf, long asOfMillis, double[] row, double[] pts, Scratch scratch) {
    int s = slot(lead, asOf, row);
    return s < 0 ? 0.0 : slotPoints(s);
  }

  @Override
  final Reason reason(Lead lead, Instant asOf, double[] row, long occurrences, double points, double scorePoints) {
    return Reason.of(id, family, points, scorePoints, new Reason.Wording() {
      @Override
      public String text(Reason reason) {
        return schema.describe(lead, asOf, feature, row, templates);
      }

      @Override
      public String value(Reason reason) {
        return schema.displayValue(lead, asOf, feature, row);
      }
    });
  }

  /** Whether the schema has no value for the lead, told by the display value (the schema's own definition). */
  boolean displayMissing(Lead lead, Instant asOf, double[] row) {
    return schema.displayValue(lead, asOf, feature, row) == null;
  }

  static int column(FittedSchema schema, String feature, Column.Role role) {
    for (Column c : schema.columns()) {
      if (c.feature().equals(feature) && c.role() == role) {
        return c.index();
      }
    }
    return -1;
  }
}
