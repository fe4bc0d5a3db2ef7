package dev.leadscore.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@link CategoricalFeature} kind: JSON form, fitting (kept levels), extraction, columns, offers. */
final class CategoricalKind extends FeatureKind {
  static final String NAME = "categorical";
  static final Set<String> FIELDS = Set.of("attribute", "levels", "minCount", "missingLevel", "missingTokens");

  private final CategoricalFeature f;

  CategoricalKind(CategoricalFeature f) {
    super(f);
    this.f = f;
  }

  static CategoricalFeature read(SchemaJson.Ctx ctx, JsonNode n, FeatureInfo info) {
    return new CategoricalFeature(info, ctx.requiredText(n, "attribute"), ctx.optStrings(n, "levels"),
        n.has("minCount") ? ctx.requiredInt(n, "minCount") : 1, ctx.optBool(n, "missingLevel", true),
        ctx.optStrings(n, "missingTokens"));
  }

  @Override
  void writeJson(ObjectNode o) {
    o.put("attribute", f.attribute());
    SchemaJson.putStrings(o, "levels", f.levels());
    o.put("minCount", f.minCount());
    o.put("missingLevel", f.missingLevel());
    SchemaJson.putStrings(o, "missingTokens", f.missingTokens());
  }

  @Override
  FittedFeature fit(List<Lead> leads) {
    if (!f.levels().isEmpty()) {
      return FittedFeature.levels(f.name(), Specs.normaliseAll(f.levels()));
    }
    Values.MissingTokens missing = new Values.MissingTokens(f.missingTokens());
    Map<String, Integer> counts = new HashMap<>();
    for (Lead lead : leads) {
      String t = Values.text(lead.id(), f.attribute(), lead.attribute(f.attribute()), missing, true);
      if (t != null) {
        counts.merge(t, 1, Integer::sum);
      }
    }
    List<String> kept = new ArrayList<>();
    counts.forEach((level, count) -> {
      if (count >= f.minCount() && !level.equals(CategoricalFeature.OTHER) && !level.equals(CategoricalFeature.MISSING)) {
        kept.add(level);
      }
    });
    kept.sort(null);
    return FittedFeature.levels(f.name(), kept);
  }

  @Override
  CompiledFeature compile(int offset, FittedFeature ff, Map<String, Integer> columnIndex) {
    if (ff == null || ff.levels() == null) {
      throw SchemaException.of(f.name(), "fitted form has no levels");
    }
    return new Compiled(f, offset, ff.levels());
  }

  @Override
  List<Column> columns(int offset, FittedFeature ff) {
    List<String> levels = new ArrayList<>(ff == null ? List.of() : ff.levels());
    levels.add(CategoricalFeature.OTHER);
    if (f.missingLevel()) {
      levels.add(CategoricalFeature.MISSING);
    }
    List<Column> out = new ArrayList<>();
    levelColumns(offset, levels, out);
    return out;
  }

  @Override
  List<String> declaredColumnNames() {
    // The declared levels whatever is learned (none when learned), then other and missing.
    List<String> names = new ArrayList<>();
    for (String l : Specs.normaliseAll(f.levels())) {
      names.add(f.name() + "=" + l);
    }
    names.add(f.name() + "=" + CategoricalFeature.OTHER);
    if (f.missingLevel()) {
      names.add(f.name() + "=" + CategoricalFeature.MISSING);
    }
    return names;
  }

  @Override
  boolean learnsLevels() {
    return f.levels().isEmpty();
  }

  @Override
  FeatureOffers offers() {
    // MISSING is reserved even without a missing column: it can never be a value.
    return FeatureOffers.none().withLevels(CategoricalFeature.MISSING, f.levels().isEmpty(), !f.missingLevel());
  }

  /** The extracting form. */
  static final class Compiled extends CompiledFeature {
    private final Values.MissingTokens missing;
    private final TextKeys levels;
    private final int otherIndex;
    private final int missingIndex;
    private final int width;
    private final String attribute; // copied from the spec as in NumericKind
    private final TextMemo memo = new TextMemo();

    Compiled(CategoricalFeature f, int offset, List<String> levels) {
      super(f, offset);
      this.attribute = f.attribute();
      this.missing = new Values.MissingTokens(f.missingTokens());
      this.levels = new TextKeys(levels);
      this.otherIndex = levels.size();
      this.missingIndex = f.missingLevel() ? levels.size() + 1 : otherIndex;
      this.width = levels.size() + (f.missingLevel() ? 2 : 1);
    }

    /** Column offset within this feature for the lead's value; texts through the memo. */
    int slot(Lead lead) {
      AttributeValue v = lead.attribute(attribute);
      if (v instanceof AttributeValue.Text t) {
        int code = memo.get(t.value());
        return code != TextMemo.ABSENT ? code : memo.remember(t.value(), slot(lead, v));
      }
      return slot(lead, v);
    }

    private int slot(Lead lead, AttributeValue v) {
      String t = Values.rawText(lead.id(), attribute, v, missing, true);
      if (t == null) {
        return missingIndex;
      }
      int i = levels.indexOf(t);
      return i == TextKeys.ABSENT ? otherIndex : i;
    }

    @Override
    int width() {
      return width;
    }

    @Override
    void write(Lead lead, Instant asOf, double[] out) {
      java.util.Arrays.fill(out, offset, offset + width, 0.0);
      out[offset + slot(lead)] = 1.0;
    }

    @Override
    String display(Lead lead, Instant asOf, double[] row) {
      // The normalised level (the form the model compares), first letter upper-cased: "No budget",
      // "Brazil", never the export's raw spelling ("No  Budget", "BRAZIL").
      String t = Values.rawText(lead.id(), attribute, lead.attribute(attribute), missing, true);
      return t == null ? null : ReasonTemplates.capitalise(Specs.normalise(t));
    }
  }
}
