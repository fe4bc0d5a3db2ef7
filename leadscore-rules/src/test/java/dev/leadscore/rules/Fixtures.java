package dev.leadscore.rules;

import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.BooleanFeature;
import dev.leadscore.core.schema.CategoricalFeature;
import dev.leadscore.core.schema.Decay;
import dev.leadscore.core.schema.EmailDomainFeature;
import dev.leadscore.core.schema.EventCountFeature;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.Imputation;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.core.schema.OrdinalFeature;
import dev.leadscore.core.schema.ReasonTemplates;
import dev.leadscore.core.schema.RecencyFeature;
import dev.leadscore.core.schema.TitleSeniorityFeature;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small hand-made schema and helpers shared by the rule tests. */
final class Fixtures {
  private Fixtures() {}

  static final Instant AS_OF = Instant.parse("2026-06-01T00:00:00Z");
  static final long DAY_MS = 86_400_000L;

  static FeatureInfo info(String name, String family, String positive, String negative, String missing) {
    // One sentence for every value, or (a yes/no feature) one for yes and one for no.
    return new FeatureInfo(name, family, positive.equals(negative) ? ReasonTemplates.of(positive, missing)
        : ReasonTemplates.yesNo(positive, negative, missing), false);
  }

  /** Every kind a rule can read, with and without missing flags. */
  static FeatureSchema schema() {
    Map<String, Double> budget = new LinkedHashMap<>();
    budget.put("none", 0.0);
    budget.put("exploring", 1.0);
    budget.put("approved", 2.0);
    return FeatureSchema.of("rules-test", 1, List.of(
        new TitleSeniorityFeature(info("job_title", FeatureInfo.FIRMOGRAPHIC, "Job title {value}", "Job title {value}",
            "job title unknown"), "title", List.of("select")),
        new EmailDomainFeature(info("email_domain", FeatureInfo.FIRMOGRAPHIC, "Email is {value}", "Email is {value}",
            "no usable email address"), "email", List.of(), List.of("rival.com")),
        new CategoricalFeature(info("industry", FeatureInfo.FIRMOGRAPHIC, "Industry {value}", "Industry {value}",
            "industry unknown"), "industry", List.of("software", "retail", "health care"), 1, true, List.of()),
        new CategoricalFeature(info("country", FeatureInfo.FIRMOGRAPHIC, "Based in {value}", "Based in {value}",
            "country unknown"), "country", List.of(), 1, false, List.of("n/a")),
        new NumericFeature(info("company_size", FeatureInfo.FIRMOGRAPHIC, "Company of {value} employees",
            "Company of {value} employees", "company size unknown"), "employees", true, 1, 100_000,
            Imputation.median(), true, List.of("unknown")),
        new NumericFeature(info("revenue", FeatureInfo.FIRMOGRAPHIC, "Revenue {value}", "Revenue {value}",
            "revenue unknown"), "revenue", false, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Imputation.constant(0), false, List.of()),
        new BooleanFeature(info("decision_maker", FeatureInfo.FIRMOGRAPHIC, "Decision-maker", "Not a decision-maker",
            "decision-making role unknown"), "decision_maker", Imputation.constant(0), false, List.of()),
        new BooleanFeature(info("unsubscribed", FeatureInfo.EMAIL, "Unsubscribed from email", "Still subscribed",
            "subscription status unknown"), "unsubscribed", Imputation.constant(0), true, List.of()),
        new OrdinalFeature(info("budget", FeatureInfo.FIRMOGRAPHIC, "Budget {value}", "Budget {value}",
            "budget unknown"), "budget", budget, Imputation.constant(0), false, List.of()),
        new EventCountFeature(info("pricing_visits", FeatureInfo.BEHAVIORAL,
            "Visited pricing {value} times", "Visited pricing {value} times", "no pricing visits"),
            List.of("pricing_page_visit"), 30, Decay.none(), Double.POSITIVE_INFINITY, true),
        new EventCountFeature(info("careers_visits", FeatureInfo.BEHAVIORAL,
            "Careers page {value}", "Careers page {value}", "no careers visits"),
            List.of("careers_page_visit"), 90, Decay.none(), Double.POSITIVE_INFINITY, false),
        new EventCountFeature(info("email_engagement", FeatureInfo.EMAIL,
            "Email opens {value}", "Email opens {value}", "no email"),
            List.of("email_open", "email_click"), 90, Decay.halfLife(14), 20, true),
        new RecencyFeature(info("days_since_visit", FeatureInfo.BEHAVIORAL, "Last on the site {value}",
            "Last on the site {value}", "Has never visited the site"),
            List.of("site_visit", "pricing_page_visit"), 180, true)));
  }

  /** The schema fitted on a few leads (country levels learned: us, uk, de). */
  static FittedSchema fitted() {
    return schema().fit(List.of(
        Lead.builder("f1").text("country", "US").number("employees", 120).build(),
        Lead.builder("f2").text("country", "UK").number("employees", 40).build(),
        Lead.builder("f3").text("country", "DE").number("employees", 900).build()));
  }

  static Instant daysAgo(double days) {
    return AS_OF.minusMillis(Math.round(days * DAY_MS));
  }

  static Instant ago(Duration d) {
    return AS_OF.minus(d);
  }
}
