package dev.leadscore.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/** The {@link OrdinalFeature} kind: JSON form, fitting (imputation), extraction, columns, offers. */
final class OrdinalKind extends FeatureKind {
  static final String NAME = "ordinal";
  static final Set<String> FIELDS = Set.of("attribute", "mapping", "imputation", "missingFlag", "missingTokens");

  private final OrdinalFeature f;

  OrdinalKind(OrdinalFeature f) {
    super(f);
    this.f = f;
  }

  static OrdinalFeature read(SchemaJson.Ctx ctx, JsonNode n, FeatureInfo info) {
    JsonNode m = ctx.required(n, "mapping");
    if (!m.isObject()) {
      throw ctx.error("'mapping' must be an object of text -> number");
    }
    Map<String, Double> mapping = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = m.properties().iterator(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isNumber()) {
        throw ctx.error("mapping value for '" + e.getKey() + "' must be a number, got " + e.getValue());
      }
      mapping.put(e.getKey(), e.getValue().asDouble());
    }
    return new OrdinalFeature(info, ctx.requiredText(n, "attribute"), mapping, SchemaJson.readImputation(ctx, n),
        ctx.optBool(n, "missingFlag", false), ctx.optStrings(n, "missingTokens"));
  }

  @Override
  void writeJson(ObjectNode o) {
    o.put("attribute", f.attribute());
    ObjectNode m = o.putObject("mapping");
    // Sorted, so a mapping built from an unordered Map has one canonical form and fingerprint.
    new java.util.TreeMap<>(f.mapping()).forEach(m::put);
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
    return FeatureOffers.none().withBands(false, false, (from, to) -> {
      for (double v : f.mapping().values()) {
        if (from <= v && v < to) {
          return null;
        }
      }
      return "ordinal feature '" + f.name() + "' only takes the values " + f.mapping();
    });
  }

  /** The extracting form. */
  static final class Compiled extends CompiledFeature {
    private final OrdinalFeature f;
    private final Values.MissingTokens missing;
    private final TextKeys keys;
    private final double[] mapped;
    private final double impute;
    private final String attribute; // with missingFlag, copied from the spec as in NumericKind
    private final List<String> declared;
    private final boolean missingFlag;
    private final TextMemo memo = new TextMemo();

    Compiled(OrdinalFeature f, int offset, double impute) {
      super(f, offset);
      this.f = f;
      this.attribute = f.attribute();
      this.missingFlag = f.missingFlag();
      this.missing = new Values.MissingTokens(f.missingTokens());
      List<String> k = new java.util.ArrayList<>(f.mapping().keySet());
      this.declared = List.copyOf(k);
      this.keys = new TextKeys(k);
      this.mapped = new double[k.size()];
      for (int i = 0; i < k.size(); i++) {
        mapped[i] = f.mapping().get(k.get(i));
      }
      this.impute = impute;
    }

    /** The mapped value or NaN (missing); texts through the memo (key index, or -1 for missing). */
    double value(Lead lead) {
      AttributeValue v = lead.attribute(attribute);
      if (v instanceof AttributeValue.Text t) {
        int code = memo.get(t.value());
        int i = code != TextMemo.ABSENT ? code : memo.remember(t.value(), index(lead, v));
        return i < 0 ? Double.NaN : mapped[i];
      }
      int i = index(lead, v);
      return i < 0 ? Double.NaN : mapped[i];
    }

    /** The index of the value's key, or -1 when it is missing. */
    private int index(Lead lead, AttributeValue v) {
      String t = Values.rawText(lead.id(), attribute, v, missing, true);
      if (t == null) {
        return -1;
      }
      int i = keys.indexOf(t);
      if (i == TextKeys.ABSENT) {
        throw new dev.leadscore.core.LeadDataException(lead.id(), attribute,
            "'" + v.display() + "' is not one of the declared values " + f.mapping().keySet());
      }
      return i;
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
      // The declared spelling of the matched value ("No budget"), not the export's ("No  Budget").
      int i = index(lead, lead.attribute(attribute));
      return i < 0 ? null : declared.get(i);
    }
  }
}
