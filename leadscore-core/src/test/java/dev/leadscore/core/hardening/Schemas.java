package dev.leadscore.core.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.synth.SyntheticPipeline;
import java.util.Set;

/** Schemas the hardening tests share. */
public final class Schemas {
  private Schemas() {}

  /** The default schema's features kept by {@link #small()}: one of every kind, and an interaction's parents. */
  public static final Set<String> SMALL = Set.of("pricing_visits_30d", "site_visits_90d", "days_since_last_visit", "email_domain",
      "decision_maker", "seniority", "company_size", "annual_revenue", "industry", "tech_fit", "dm_x_pricing");

  /**
   * A schema of 11 of the synthetic default schema's features, one of every kind, with {@code
   * company_size} expanded by a 3-knot hinge basis and {@code annual_revenue} by 4-knot quantile
   * bins, so that fitted knots are exercised too. Small enough to fuzz exhaustively.
   */
  public static FeatureSchema small() {
    ObjectNode root = (ObjectNode) Fuzz.tree(SyntheticPipeline.defaultSchema().toJson());
    ArrayNode kept = root.arrayNode();
    for (JsonNode f : root.get("features")) {
      if (SMALL.contains(f.get("name").asText())) {
        ObjectNode copy = f.deepCopy();
        if (copy.get("name").asText().equals("company_size")) {
          copy.putObject("basis").put("type", "hinge").put("knots", 3);
        } else if (copy.get("name").asText().equals("annual_revenue")) {
          copy.putObject("basis").put("type", "quantileBins").put("knots", 4);
        }
        kept.add(copy);
      }
    }
    root.set("features", kept);
    root.put("name", "hardening-small");
    return FeatureSchema.fromJson(Fuzz.compact(root));
  }
}
