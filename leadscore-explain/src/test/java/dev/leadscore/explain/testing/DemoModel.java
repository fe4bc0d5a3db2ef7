package dev.leadscore.explain.testing;

import dev.leadscore.core.Lead;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.schema.CategoricalFeature;
import dev.leadscore.core.schema.Decay;
import dev.leadscore.core.schema.EventCountFeature;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.Imputation;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.core.schema.ReasonTemplates;
import dev.leadscore.explain.Background;
import dev.leadscore.explain.LinearModel;
import java.time.Instant;
import java.util.List;

/**
 * A six-feature model written by hand, the way a host's own unit test would build one: every
 * number of its explanations can be worked out on paper (see {@link ModelScorerTest}).
 *
 * <p>Background (4 leads) column means: pricing_visits 1, demo_requests 0.25, company_size 100,
 * company_size_missing 0.25, each industry level 0.25, unsubscribed 0.25, email_opens 2. Weights:
 * pricing 0.5, demo 2, size 0.01, size missing −0.4, software 0.8, retail −0.3, other 0, industry
 * missing −0.2, unsubscribed −3, opens 0.2; intercept −1. Base value
 * {@code −1 + 0.5 + 0.5 + 1 − 0.1 + 0.075 − 0.75 + 0.4 = 0.625}.
 */
public final class DemoModel {
  public static final Instant AS_OF = Instant.parse("2026-02-01T09:00:00Z");
  public static final TierCutoffs CUTOFFS = TierCutoffs.of(80, 60, 30);

  private DemoModel() {}

  public static FeatureInfo info(String name, String family, boolean actionable, ReasonTemplates reasons) {
    return new FeatureInfo(name, family, reasons, actionable);
  }

  public static FeatureSchema schema() {
    return FeatureSchema.of("demo", 1,
        new EventCountFeature(info("pricing_visits", FeatureInfo.BEHAVIORAL, true,
            ReasonTemplates.of("{value} in the last 30 days", "Pricing-page visits unknown").withUnit("pricing-page visits", null)),
            List.of("pricing_page_visit"), 30, Decay.none(), Double.POSITIVE_INFINITY, false),
        new EventCountFeature(info("demo_requests", FeatureInfo.BEHAVIORAL, true,
            ReasonTemplates.of("Requested a demo ({value})", "Demo requests unknown").withNone("Has not requested a demo")
                .withUnit("requests", null)),
            List.of("demo_request"), 90, Decay.none(), 1, false),
        new NumericFeature(info("company_size", FeatureInfo.FIRMOGRAPHIC, false,
            ReasonTemplates.of("Works at a company of {value}", "Company size unknown").withUnit("people", "person")),
            "company_size", false, 0, 100_000, Imputation.constant(100), true, List.of("unknown")),
        new CategoricalFeature(info("industry", FeatureInfo.FIRMOGRAPHIC, false,
            ReasonTemplates.of("Works in {value}", "Industry unknown")),
            "industry", List.of("software", "retail"), 1, true, List.of()),
        new EventCountFeature(info("unsubscribed", FeatureInfo.EMAIL, false,
            ReasonTemplates.of("Unsubscribed from your emails", "Email status unknown")
                .withNone("Still subscribed to your emails")),
            List.of("email_unsubscribe"), Double.POSITIVE_INFINITY, Decay.none(), 1, false),
        new EventCountFeature(info("email_opens", FeatureInfo.EMAIL, false,
            ReasonTemplates.of("Opened {value} in the last 30 days", "Email opens unknown").withUnit("of your emails", "of your emails")),
            List.of("email_open"), 30, Decay.none(), Double.POSITIVE_INFINITY, false));
  }

  /** A lead; {@code size < 0} and {@code industry == null} leave those attributes out. */
  public static Lead lead(String id, int pricing, int demos, double size, String industry, boolean unsubscribed, int opens) {
    Lead.Builder b = Lead.builder(id);
    for (int i = 0; i < pricing; i++) {
      b.event("pricing_page_visit", AS_OF.minusSeconds(86_400L * (i + 1)));
    }
    for (int i = 0; i < demos; i++) {
      b.event("demo_request", AS_OF.minusSeconds(86_400L * (3 + i)));
    }
    if (size >= 0) {
      b.number("company_size", size);
    }
    if (industry != null) {
      b.text("industry", industry);
    }
    if (unsubscribed) {
      b.event("email_unsubscribe", AS_OF.minusSeconds(86_400L * 40));
    }
    for (int i = 0; i < opens; i++) {
      b.event("email_open", AS_OF.minusSeconds(3600L * (i + 1)));
    }
    return b.build();
  }

  public static List<Lead> background() {
    return List.of(
        lead("B1", 0, 0, 20, "retail", false, 0),
        lead("B2", 2, 0, 200, "software", true, 2),
        lead("B3", 0, 1, 80, "health", false, 4),
        lead("B4", 2, 0, -1, null, false, 2));
  }

  public static FittedSchema fitted() {
    return schema().fit(background());
  }

  public static LinearModel model() {
    FittedSchema s = fitted();
    double[] w = new double[s.width()];
    w[s.columnIndex("pricing_visits")] = 0.5;
    w[s.columnIndex("demo_requests")] = 2.0;
    w[s.columnIndex("company_size")] = 0.01;
    w[s.columnIndex("company_size_missing")] = -0.4;
    w[s.columnIndex("industry=software")] = 0.8;
    w[s.columnIndex("industry=retail")] = -0.3;
    w[s.columnIndex("industry=other")] = 0.0;
    w[s.columnIndex("industry=missing")] = -0.2;
    w[s.columnIndex("unsubscribed")] = -3.0;
    w[s.columnIndex("email_opens")] = 0.2;
    return LinearModel.of(s, -1.0, w, Background.ofLeads(s, background(), AS_OF));
  }
}
