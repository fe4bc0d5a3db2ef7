package dev.leadscore.rules;

import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import java.time.Instant;

/** Points for a yes/no value: slot 1 is yes, slot 0 is no. */
final class FlagRule extends AttributeRule {
  private final int valueCol;
  private final int missingCol;
  private final double ifTrue;
  private final double ifFalse;

  FlagRule(Rule.Flag r, FittedSchema schema) {
    this(r, schema, feature(r, r.feature(), schema));
  }

  private FlagRule(Rule.Flag r, FittedSchema schema, FeatureSpec spec) {
    super(r, checkKind(r, spec), schema, r.reasons(), Math.min(Points.q(r.ifTrue()), Points.q(r.ifFalse())),
        Math.max(Points.q(r.ifTrue()), Points.q(r.ifFalse())));
    this.valueCol = column(schema, spec.name(), Column.Role.VALUE);
    this.missingCol = column(schema, spec.name(), Column.Role.MISSING_FLAG);
    this.ifTrue = Points.q(r.ifTrue());
    this.ifFalse = Points.q(r.ifFalse());
  }

  private static FeatureSpec checkKind(Rule.Flag r, FeatureSpec spec) {
    if (!spec.offers().yesNo()) {
      throw wrongKind(r, spec, "a boolean feature");
    }
    return spec;
  }

  @Override
  int slot(Lead lead, Instant asOf, double[] row) {
    if (missingCol >= 0 ? row[missingCol] == 1.0 : displayMissing(lead, asOf, row)) {
      return -1;
    }
    return row[valueCol] == 1.0 ? 1 : 0;
  }

  @Override
  double slotPoints(int slot) {
    return slot == 1 ? ifTrue : ifFalse;
  }
}
