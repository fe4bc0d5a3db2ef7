package dev.leadscore.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/** The {@link BooleanFeature} kind: JSON form, fitting (imputation), extraction, columns, offers. */
final class BooleanKind extends FeatureKind {
  static final String NAME = "boolean";
  static final Set<String> FIELDS = Set.of("attribute", "imputation", "missingFlag", "missingTokens");

  private final BooleanFeature f;

  BooleanKind(BooleanFeature f) {
    super(f);
    this.f = f;
  }

  static BooleanFeature read(SchemaJson.Ctx ctx, JsonNode n, FeatureInfo info) {
    return new BooleanFeature(info, ctx.requiredText(n, "attribute"),
        n.has("imputation") ? SchemaJson.readImputation(ctx, n) : Imputation.constant(0),
        ctx.optBool(n, "missingFlag", false), ctx.optStrings(n, "missingTokens"));
  }

  @Override
  void writeJson(ObjectNode o) {
    o.put("attribute", f.attribute());
    SchemaJson.writeImputation(o, f.imputation());
    o.put("missingFlag", f.missingFlag());
    SchemaJson.putStrings(o, "missingTokens", f.missingTokens());
  }

  @Override
  FittedFeature fit(List<Lead> leads) {
    return Fitting.imputing(f.name(), f.imputation(), DoubleUnaryOperator.identity(), leads, new Compiled(f, 0, 0)::value);
  }

  @Override
  CompiledFeature compile(int offset, FittedFeature ff, Map<String, Integer> columnIndex) {
    return new Compiled(f, offset, imputeOf(ff));
  }

  @Override
  List<Column> columns(int offset, FittedFeature ff) {
    return valueColumns(offset, f.missingFlag());
  }

  @Override
  FeatureOffers offers() {
    return FeatureOffers.none().withYesNo().withLever(FeatureOffers.Lever.YES_NO);
  }

  /** The extracting form. */
  static final class Compiled extends CompiledFeature {
    private final Values.MissingTokens missing;
    private final double impute;
    private final String attribute; // with missingFlag, copied from the spec as in NumericKind
    private final boolean missingFlag;

    private final TextMemo memo = new TextMemo();

    Compiled(BooleanFeature f, int offset, double impute) {
      super(f, offset);
      this.attribute = f.attribute();
      this.missingFlag = f.missingFlag();
      this.missing = new Values.MissingTokens(f.missingTokens());
      this.impute = impute;
    }

    /** 1, 0 or NaN (missing); texts through the memo (code 1, 0 or -1). */
    double value(Lead lead) {
      AttributeValue v = lead.attribute(attribute);
      if (v instanceof AttributeValue.Text t) {
        int code = memo.get(t.value());
        if (code != TextMemo.ABSENT) {
          return code < 0 ? Double.NaN : code;
        }
        double d = Values.bool(lead.id(), attribute, v, missing);
        memo.remember(t.value(), Double.isNaN(d) ? -1 : (int) d);
        return d;
      }
      return Values.bool(lead.id(), attribute, v, missing);
    }

    @Override
    int width() {
      return missingFlag ? 2 : 1;
    }

    @Override
    void write(Lead lead, Instant asOf, double[] out) {
      writeImputed(value(lead), impute, missingFlag, offset, out);
    }

    @Override
    String display(Lead lead, Instant asOf, double[] row) {
      double v = value(lead);
      return Double.isNaN(v) ? null : v == 1 ? "yes" : "no";
    }

    @Override
    String text(ReasonTemplates.Compiled wording, Lead lead, Instant asOf, double[] row) {
      return wording.yesNo(value(lead));
    }
  }
}
