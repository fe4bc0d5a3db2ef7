package dev.leadscore.rules;

import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureOffers;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import java.time.Instant;

/** Points by band of a numeric or ordinal value, edges in raw units, compared after the feature's transform. */
final class BandsRule extends AttributeRule {
  private final int valueCol;
  private final int missingCol;
  private final boolean canBeMissing;
  private final double[] from;
  private final double[] to;
  private final double[] bandPoints;

  BandsRule(Rule.Bands r, FittedSchema schema) {
    this(r, schema, feature(r, r.feature(), schema));
  }

  private BandsRule(Rule.Bands r, FittedSchema schema, FeatureSpec spec) {
    super(r, checkKind(r, spec), schema, r.reasons(), minOf(r), maxOf(r));
    this.valueCol = column(schema, spec.name(), Column.Role.VALUE);
    this.missingCol = column(schema, spec.name(), Column.Role.MISSING_FLAG);
    // Event features always have a value: a count of 0, or "never" counted as capDays when unflagged.
    this.canBeMissing = !spec.offers().alwaysHasValue();
    FeatureOffers offers = spec.offers();
    int n = r.bands().size();
    this.from = new double[n];
    this.to = new double[n];
    this.bandPoints = new double[n];
    for (int i = 0; i < n; i++) {
      Rule.Band b = r.bands().get(i);
      String never = offers.whyBandNeverMatches(b.from(), b.to());
      if (never != null) {
        throw RuleSetException.of(r.id(), "band " + i + " " + b + " can never match: " + never);
      }
      from[i] = offers.bandEdge(b.from());
      to[i] = offers.bandEdge(b.to());
      bandPoints[i] = Points.q(b.points());
    }
  }

  private static FeatureSpec checkKind(Rule.Bands r, FeatureSpec spec) {
    if (!spec.offers().bands()) {
      throw wrongKind(r, spec, "a numeric, ordinal, recency or eventCount feature");
    }
    return spec;
  }

  private static double minOf(Rule.Bands r) {
    double m = 0;
    for (Rule.Band b : r.bands()) {
      m = Math.min(m, Points.q(b.points()));
    }
    return m;
  }

  private static double maxOf(Rule.Bands r) {
    double m = 0;
    for (Rule.Band b : r.bands()) {
      m = Math.max(m, Points.q(b.points()));
    }
    return m;
  }

  @Override
  int slot(Lead lead, Instant asOf, double[] row) {
    if (missingCol >= 0 ? row[missingCol] == 1.0 : canBeMissing && displayMissing(lead, asOf, row)) {
      return -1;
    }
    double v = row[valueCol];
    for (int i = 0; i < from.length; i++) {
      if (from[i] <= v && v < to[i]) {
        return i;
      }
    }
    return -1;
  }

  @Override
  double slotPoints(int slot) {
    return bandPoints[slot];
  }
}
