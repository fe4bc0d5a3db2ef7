package dev.leadscore.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link TitleSeniorityFeature} kind: JSON form, extraction, columns (one per seniority), offers. */
final class TitleSeniorityKind extends FeatureKind {
  static final String NAME = "titleSeniority";
  static final Set<String> FIELDS = Set.of("attribute", "missingTokens");

  private final TitleSeniorityFeature f;

  TitleSeniorityKind(TitleSeniorityFeature f) {
    super(f);
    this.f = f;
  }

  static TitleSeniorityFeature read(SchemaJson.Ctx ctx, JsonNode n, FeatureInfo info) {
    return new TitleSeniorityFeature(info, ctx.requiredText(n, "attribute"), ctx.optStrings(n, "missingTokens"));
  }

  @Override
  void writeJson(ObjectNode o) {
    o.put("attribute", f.attribute());
    SchemaJson.putStrings(o, "missingTokens", f.missingTokens());
  }

  @Override
  FittedFeature fit(List<Lead> leads) {
    return null; // the levels are fixed
  }

  @Override
  CompiledFeature compile(int offset, FittedFeature ff, Map<String, Integer> columnIndex) {
    return new Compiled(f, offset);
  }

  @Override
  List<Column> columns(int offset, FittedFeature ff) {
    return fixedLevelColumns(offset, Seniority.values());
  }

  @Override
  FeatureOffers offers() {
    return FeatureOffers.none().withLevels("unknown", false, false);
  }

  /** The extracting form. */
  static final class Compiled extends CompiledFeature {
    private static final Seniority[] LEVELS = Seniority.values();

    private final Values.MissingTokens missing;
    /**
     * Seniority ordinals by raw text (missing tokens included, as UNKNOWN). Parsing tokenises
     * and allocates, while real pipelines repeat a few thousand titles.
     */
    private final TextMemo memo = new TextMemo();
    private final String attribute; // copied from the spec as in NumericKind

    Compiled(TitleSeniorityFeature f, int offset) {
      super(f, offset);
      this.attribute = f.attribute();
      this.missing = new Values.MissingTokens(f.missingTokens());
    }

    Seniority seniority(Lead lead) {
      AttributeValue v = lead.attribute(attribute);
      if (v instanceof AttributeValue.Text t) {
        int code = memo.get(t.value());
        return LEVELS[code != TextMemo.ABSENT ? code : memo.remember(t.value(), parse(lead, v).ordinal())];
      }
      return parse(lead, v);
    }

    private Seniority parse(Lead lead, AttributeValue v) {
      String t = Values.rawText(lead.id(), attribute, v, missing, false);
      return t == null ? Seniority.UNKNOWN : TitleParser.parse(t);
    }

    @Override
    int width() {
      return LEVELS.length;
    }

    @Override
    void write(Lead lead, Instant asOf, double[] out) {
      java.util.Arrays.fill(out, offset, offset + LEVELS.length, 0.0);
      out[offset + seniority(lead).ordinal()] = 1.0;
    }

    @Override
    String display(Lead lead, Instant asOf, double[] row) {
      Seniority s = seniority(lead);
      return s == Seniority.UNKNOWN ? null : label(s); // the level the model reads, not the raw title
    }

    private static String label(Seniority s) {
      switch (s) {
        case C_LEVEL:
          return "C-level";
        case VP:
          return "VP";
        case INDIVIDUAL_CONTRIBUTOR:
          return "Individual contributor";
        default:
          return ReasonTemplates.capitalise(s.name().toLowerCase(java.util.Locale.ROOT));
      }
    }
  }
}
