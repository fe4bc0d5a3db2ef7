package dev.leadscore.core.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.BooleanFeature;
import dev.leadscore.core.schema.CategoricalFeature;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.Decay;
import dev.leadscore.core.schema.EmailDomainFeature;
import dev.leadscore.core.schema.EventCountFeature;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.InteractionFeature;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.core.schema.ReasonTemplates;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SyntheticPipelineTest {

  private static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");

  /** Generated once: the default pipeline (800 leads, seed 42). */
  private static SyntheticData small;
  /** Generated once: 20,000 leads, seed 42, for the statistical checks. */
  private static SyntheticData large;

  private static synchronized SyntheticData small() {
    if (small == null) {
      small = SyntheticPipeline.builder().build().generate();
    }
    return small;
  }

  private static synchronized SyntheticData large() {
    if (large == null) {
      large = SyntheticPipeline.builder().size(20_000).seed(42).build().generate();
    }
    return large;
  }

  // ------------------------------------------------------------------ determinism

  @Test
  void sameSeedGivesEqualData() {
    SyntheticData a = SyntheticPipeline.builder().seed(42).build().generate();
    SyntheticData b = SyntheticPipeline.builder().seed(42).build().generate();
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(a.leads(), b.leads());
    assertArrayEquals(a.trueProbabilities(), b.trueProbabilities());
    assertEquals(a, small());
  }

  @Test
  void differentSeedGivesDifferentData() {
    SyntheticData a = small();
    SyntheticData b = SyntheticPipeline.builder().seed(43).build().generate();
    assertNotEquals(a, b);
    assertNotEquals(a.leads().get(0).lead(), b.leads().get(0).lead());
    assertFalse(Arrays.equals(a.trueProbabilities(), b.trueProbabilities()));
    int sameLabel = 0;
    for (int i = 0; i < a.size(); i++) {
      if (a.leads().get(i).converted() == b.leads().get(i).converted()) {
        sameLabel++;
      }
    }
    assertTrue(sameLabel < a.size(), "labels should differ somewhere");
  }

  @Test
  void aSmallerPipelineIsAPrefixOfALargerOne() {
    SyntheticData hundred = SyntheticPipeline.builder().size(100).build().generate();
    SyntheticData all = small();
    assertEquals(100, hundred.size());
    assertEquals(all.leads().subList(0, 100), hundred.leads());
    assertArrayEquals(Arrays.copyOf(all.trueProbabilities(), 100), hundred.trueProbabilities());
  }

  @Test
  void generateIsSafeToCallFromSeveralThreads() throws Exception {
    SyntheticPipeline pipeline = SyntheticPipeline.builder().size(500).seed(7).build();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<SyntheticData>> results = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        results.add(pool.submit(pipeline::generate));
      }
      SyntheticData first = results.get(0).get();
      for (Future<SyntheticData> f : results) {
        assertEquals(first, f.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void theConversionTargetChangesProbabilitiesButNotTheLeads() {
    SyntheticData low = SyntheticPipeline.builder().size(200).conversionRate(0.10).build().generate();
    SyntheticData dflt = SyntheticPipeline.builder().size(200).build().generate();
    assertEquals(low.unlabelled(), dflt.unlabelled());
    for (int i = 0; i < 200; i++) {
      assertTrue(low.trueProbability(i) < dflt.trueProbability(i), "a lower target lowers every probability");
    }
  }

  // ------------------------------------------------------------------ options

  @Test
  void defaults() {
    SyntheticPipeline p = SyntheticPipeline.builder().build();
    assertEquals(800, p.size());
    assertEquals(42, p.seed());
    assertEquals(AS_OF, p.asOf());
    assertEquals(0.25, p.conversionRate());
    assertEquals(800, small().size());
    assertEquals(AS_OF, small().asOf());
  }

  @Test
  void sizeBoundaries() {
    assertEquals(100, SyntheticPipeline.builder().size(100).build().generate().size());
    assertEquals(1_000_000, SyntheticPipeline.builder().size(1_000_000).build().size());
    IllegalArgumentException low = assertThrows(IllegalArgumentException.class, () -> SyntheticPipeline.builder().size(99));
    assertTrue(low.getMessage().contains("size") && low.getMessage().contains("99"), low.getMessage());
    assertTrue(low.getMessage().contains("100") && low.getMessage().contains("1000000"), low.getMessage());
    IllegalArgumentException high = assertThrows(IllegalArgumentException.class, () -> SyntheticPipeline.builder().size(1_000_001));
    assertTrue(high.getMessage().contains("1000001"), high.getMessage());
  }

  @Test
  void otherOptionsAreValidated() {
    for (double bad : new double[] {0, 0.005, 0.995, 1, -0.25, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> SyntheticPipeline.builder().conversionRate(bad));
      assertTrue(e.getMessage().contains("conversionRate") && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticPipeline.builder().asOf(null));
    assertTrue(e.getMessage().contains("asOf"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SyntheticPipeline.builder().asOf(Instant.MAX));
    assertEquals(Instant.EPOCH, SyntheticPipeline.builder().asOf(Instant.EPOCH).build().asOf());
  }

  @Test
  void leadsHaveIdsAndCreationTimesInTheWindow() {
    List<LabelledLead> leads = small().leads();
    assertEquals("L000001", leads.get(0).lead().id());
    assertEquals("L000800", leads.get(799).lead().id());
    assertEquals("L1000000", SyntheticPipeline.id(1_000_000));
    Set<String> ids = new HashSet<>();
    Instant earliest = AS_OF.minus(Duration.ofDays(180));
    for (LabelledLead l : leads) {
      assertTrue(ids.add(l.lead().id()), "duplicate id " + l.lead().id());
      Instant created = l.lead().createdAt().orElseThrow();
      assertTrue(!created.isBefore(earliest) && created.isBefore(AS_OF), l.lead().id() + " created at " + created);
      for (ActivityEvent e : l.lead().events()) {
        if (!e.at().isAfter(AS_OF)) {
          assertFalse(e.at().isBefore(created), l.lead().id() + ": event before the lead was created");
        }
      }
    }
  }

  @Test
  void anotherAsOfShiftsEveryTimestamp() {
    Instant later = AS_OF.plus(Duration.ofDays(365));
    SyntheticData shifted = SyntheticPipeline.builder().size(100).asOf(later).build().generate();
    SyntheticData base = SyntheticPipeline.builder().size(100).build().generate();
    assertArrayEquals(base.trueProbabilities(), shifted.trueProbabilities());
    Lead a = base.leads().get(3).lead();
    Lead b = shifted.leads().get(3).lead();
    assertEquals(a.createdAt().orElseThrow().plus(Duration.ofDays(365)), b.createdAt().orElseThrow());
    assertEquals(a.events().size(), b.events().size());
  }

  // ------------------------------------------------------------------ ground truth

  @Test
  void conversionRateIsNearTheTarget() {
    assertEquals(0.25, small().conversionRate(), 0.04, "n=800");
    assertEquals(0.25, large().conversionRate(), 0.015, "n=20,000");
    assertEquals(0.25, mean(large().trueProbabilities()), 0.01, "mean true probability");
    SyntheticData tenPercent = SyntheticPipeline.builder().size(20_000).conversionRate(0.10).build().generate();
    assertEquals(0.10, tenPercent.conversionRate(), 0.015);
  }

  @Test
  void oracleAucIsHighButNotPerfect() {
    SyntheticData d = large();
    double oracle = auc(d.trueProbabilities(), labels(d));
    assertTrue(oracle >= 0.78 && oracle <= 0.90, "oracle AUC at n=20,000 = " + oracle);
    for (int i = 0; i < d.size(); i++) {
      double p = d.trueProbability(i);
      assertTrue(p > 0 && p < 1, "probability " + p);
    }
  }

  @Test
  void noSingleSignalIsEnough() {
    SyntheticData d = large();
    boolean[] y = labels(d);
    double oracle = auc(d.trueProbabilities(), y);
    FittedSchema fitted = SyntheticPipeline.defaultSchema().fit(d.unlabelled());
    double[][] x = extractAll(fitted, d);
    double best = 0;
    String bestColumn = null;
    for (Column c : fitted.columns()) {
      double[] col = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        col[i] = x[i][c.index()];
      }
      double a = auc(col, y);
      a = Math.max(a, 1 - a); // a signal that predicts non-conversion is a signal too
      if (a > best) {
        best = a;
        bestColumn = c.name();
      }
    }
    assertTrue(best < 0.75 && best < oracle - 0.08,
        "the strongest single column " + bestColumn + " has AUC " + best + " against the oracle's " + oracle);
    assertTrue(best > 0.6, "the strongest single column " + bestColumn + " should still carry signal, AUC " + best);
  }

  @Test
  void everyHiddenDriverIsWeakerThanTheirSum() {
    int n = 20_000;
    java.util.SplittableRandom root = new java.util.SplittableRandom(42);
    LeadProfile profile = new LeadProfile();
    double[] fit = new double[n];
    double[] intent = new double[n];
    double[] hidden = new double[n];
    double[] total = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      java.util.SplittableRandom r = root.split();
      profile.sample(r);
      fit[i] = profile.fitLogit();
      intent[i] = profile.intentLogit();
      hidden[i] = profile.hiddenLogit();
      total[i] = profile.logit();
      assertEquals(fit[i] + intent[i] + hidden[i], total[i], 1e-12);
      y[i] = r.nextDouble() < LeadProfile.sigmoid(total[i] - 1.5);
    }
    double all = auc(total, y);
    for (double[] part : List.of(fit, intent, hidden)) {
      double a = auc(part, y);
      assertTrue(a > 0.55 && a < all - 0.05, "a driver's AUC " + a + " against the total's " + all);
    }
  }

  @Test
  void companySizeHasAMidMarketSweetSpot() {
    double mid = LeadProfile.sizeEffect(2.9); // ~800 employees
    assertTrue(mid > LeadProfile.sizeEffect(1.5), "small");
    assertTrue(mid > LeadProfile.sizeEffect(4.5), "enterprise");
    assertTrue(LeadProfile.sizeEffect(0.5) < LeadProfile.sizeEffect(1.5), "very small firms are worse still");
  }

  // ------------------------------------------------------------------ the default schema

  @Test
  void defaultSchemaLoadsAndRoundTrips() {
    FeatureSchema schema = SyntheticPipeline.defaultSchema();
    FeatureSchema again = FeatureSchema.fromJson(schema.toJson());
    assertEquals(schema, again);
    assertEquals(schema.fingerprint(), again.fingerprint());
    assertEquals(schema.fingerprint(), SyntheticPipeline.defaultSchema().fingerprint());
  }

  @Test
  void defaultSchemaReadsThe33SignalsTheGeneratorEmits() {
    FeatureSchema schema = SyntheticPipeline.defaultSchema();
    assertEquals(13, schema.attributes().size(), "attributes " + schema.attributes());
    assertEquals(20, schema.eventTypes().size(), "event types " + schema.eventTypes());
    assertEquals(33, schema.attributes().size() + schema.eventTypes().size());
    Set<String> attributes = new TreeSet<>();
    Set<String> types = new TreeSet<>();
    for (Lead lead : large().unlabelled()) {
      attributes.addAll(lead.attributes().keySet());
      for (ActivityEvent e : lead.events()) {
        types.add(e.type());
      }
    }
    assertEquals(new TreeSet<>(schema.attributes()), attributes, "every generated attribute is read, and only those");
    assertEquals(new TreeSet<>(schema.eventTypes()), types, "every generated event type is read, and only those");
  }

  @Test
  void defaultSchemaUsesEveryKindFamilyAndHasReasons() {
    FeatureSchema schema = SyntheticPipeline.defaultSchema();
    Set<String> kinds = new HashSet<>();
    Set<String> families = new HashSet<>();
    for (FeatureSpec f : schema.features()) {
      kinds.add(f.kind());
      families.add(f.family());
      ReasonTemplates r = f.info().reasons();
      assertFalse(r.isLegacy(), f.name() + ": sign-keyed wording " + r);
      String said = r.fields().getOrDefault("value", r.fields().get("yes"));
      assertTrue(said != null, f.name() + ": " + r);
      assertFalse(r.missing().contains(ReasonTemplates.VALUE), f.name() + " missing: " + r.missing());
      assertNotEquals(ReasonTemplates.plain(f.name().replace('_', ' ')), r, f.name() + " needs its own wording");
    }
    assertEquals(Set.of("numeric", "boolean", "ordinal", "categorical", "eventCount", "recency",
        "titleSeniority", "emailDomain", "interaction"), kinds);
    assertEquals(Set.of(FeatureInfo.BEHAVIORAL, FeatureInfo.EMAIL, FeatureInfo.FIRMOGRAPHIC), families);

    for (String actionable : List.of("pricing_visits_30d", "demo_requests_90d", "webinars_90d", "email_replies_90d")) {
      assertTrue(schema.feature(actionable).info().actionable(), actionable + " is something a rep can influence");
    }
    assertFalse(schema.feature("company_size").info().actionable());

    EventCountFeature pricing = (EventCountFeature) schema.feature("pricing_visits_30d");
    assertEquals(Decay.standardSteps(), pricing.decay());
    assertEquals(30, pricing.windowDays());
    InteractionFeature dmx = (InteractionFeature) schema.feature("dm_x_pricing");
    assertEquals("decision_maker", dmx.left());
    assertEquals("pricing_visits_30d", dmx.right());
    CategoricalFeature industry = (CategoricalFeature) schema.feature("industry");
    assertEquals(10, industry.minCount());
    assertTrue(industry.missingTokens().containsAll(List.of("Select", "N/A")));
    NumericFeature size = (NumericFeature) schema.feature("company_size");
    assertTrue(size.log1p() && size.missingFlag());
    assertTrue(size.missingTokens().containsAll(List.of("unknown", "N/A", "999999")));
    assertTrue(((BooleanFeature) schema.feature("decision_maker")).missingFlag());
    EmailDomainFeature email = (EmailDomainFeature) schema.feature("email_domain");
    assertTrue(email.competitorDomains().containsAll(List.of("rivalcrm.com", "leadforge.io")));
  }

  @Test
  void defaultSchemaFitsAndExtractsFiniteVectorsForEveryLead() {
    SyntheticData d = small();
    FittedSchema fitted = SyntheticPipeline.defaultSchema().fit(d.unlabelled());
    assertTrue(fitted.width() > 60, "width " + fitted.width());
    double[][] x = extractAll(fitted, d);
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < x[i].length; j++) {
        assertTrue(Double.isFinite(x[i][j]), d.leads().get(i).lead().id() + " column " + fitted.columns().get(j).name() + " = " + x[i][j]);
      }
    }
    // Every explanation sentence renders for every lead.
    Lead lead = d.leads().get(0).lead();
    for (int f = 0; f < fitted.schema().features().size(); f++) {
      String sentence = fitted.describe(lead, d.asOf(), f, x[0]);
      assertFalse(sentence.isBlank() || sentence.contains(ReasonTemplates.VALUE), sentence);
    }
    // The fitted form survives its own round trip.
    assertEquals(fitted.fingerprint(), FittedSchema.fromJson(fitted.toJson()).fingerprint());
  }

  @Test
  void eventsAfterAsOfExistAndAreIgnored() {
    SyntheticData d = large();
    FittedSchema fitted = SyntheticPipeline.defaultSchema().fit(small().unlabelled());
    int withFuture = 0;
    for (Lead lead : d.unlabelled()) {
      List<ActivityEvent> past = new ArrayList<>();
      for (ActivityEvent e : lead.events()) {
        if (!e.at().isAfter(d.asOf())) {
          past.add(e);
        }
      }
      if (past.size() == lead.events().size()) {
        continue;
      }
      withFuture++;
      Lead.Builder b = Lead.builder(lead.id());
      lead.attributes().forEach(b::attribute);
      past.forEach(b::event);
      assertArrayEquals(fitted.extract(b.build(), d.asOf()), fitted.extract(lead, d.asOf()), lead.id());
    }
    double share = withFuture / (double) d.size();
    assertTrue(share > 0.01 && share < 0.03, "share of leads with future events " + share);
  }

  // ------------------------------------------------------------------ mess

  @Test
  void crmMessIsPresent() {
    List<Lead> leads = large().unlabelled();
    int selectTitles = 0;
    int blankTitles = 0;
    int missingTitles = 0;
    int sizeAsText = 0;
    int sizeSentinel = 0;
    int dmBool = 0;
    int dmText = 0;
    Map<String, Set<String>> industrySpellings = new HashMap<>();
    for (Lead lead : leads) {
      AttributeValue title = lead.attribute("job_title");
      if (title instanceof AttributeValue.Text t) {
        if (t.value().equals("Select")) {
          selectTitles++;
        } else if (t.value().isBlank()) {
          blankTitles++;
        }
      } else {
        missingTitles++;
      }
      AttributeValue size = lead.attribute("company_size");
      if (size instanceof AttributeValue.Text t && isNumber(t.value())) {
        sizeAsText++;
        if (Double.parseDouble(t.value().strip()) == 999_999) {
          sizeSentinel++;
        }
      } else if (size instanceof AttributeValue.Num n && n.value() == 999_999) {
        sizeSentinel++;
      }
      AttributeValue dm = lead.attribute("decision_maker");
      if (dm instanceof AttributeValue.Bool) {
        dmBool++;
      } else if (dm instanceof AttributeValue.Text t && !t.value().isBlank()) {
        dmText++;
      }
      if (lead.attribute("industry") instanceof AttributeValue.Text t) {
        String key = t.value().strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        industrySpellings.computeIfAbsent(key, k -> new HashSet<>()).add(t.value());
      }
    }
    int n = leads.size();
    assertTrue(selectTitles > n / 100, "'Select' titles: " + selectTitles);
    assertTrue(blankTitles > n / 100, "blank titles: " + blankTitles);
    assertTrue(missingTitles > n / 100, "missing titles: " + missingTitles);
    assertTrue(sizeAsText > n / 10, "company sizes given as text: " + sizeAsText);
    assertTrue(sizeSentinel > n / 100, "company size sentinel 999999: " + sizeSentinel);
    assertTrue(dmBool > n / 10 && dmText > n / 10, "decision_maker booleans " + dmBool + ", texts " + dmText);
    long messyIndustries = industrySpellings.values().stream().filter(s -> s.size() > 1).count();
    assertTrue(messyIndustries >= 5, "industries spelled several ways: " + industrySpellings);
    long rareIndustries = industrySpellings.values().stream().filter(s -> s.size() == 1).count();
    assertTrue(rareIndustries > 0, "some one-off industries");
    assertTrue(industrySpellings.containsKey("select"), "'Select' placeholder industries");
    assertTrue(industrySpellings.get("software").containsAll(Set.of("Software", "software")),
        "industries that differ only by case: " + industrySpellings.get("software"));
  }

  @Test
  void missingShareIsRealisticPerField() {
    List<Lead> leads = large().unlabelled();
    for (String field : List.of("job_title", "decision_maker", "company_size", "annual_revenue", "company_age_years",
        "industry", "country", "lead_source", "tech_fit", "budget_stage", "purchase_timeline", "email", "email_opt_in")) {
      int missing = 0;
      for (Lead lead : leads) {
        AttributeValue v = lead.attribute(field);
        if (v == AttributeValue.ABSENT || v instanceof AttributeValue.Text t
            && Set.of("", "select", "n/a", "unknown", "-", "999999").contains(t.value().strip().toLowerCase(Locale.ROOT))
            || v instanceof AttributeValue.Num num && num.value() == 999_999) {
          missing++;
        }
      }
      double share = missing / (double) leads.size();
      assertTrue(share >= 0.02 && share <= 0.40, field + " missing share " + share);
    }
  }

  // ------------------------------------------------------------------ SyntheticData

  @Test
  void syntheticDataDoesNotLeakItsArrays() {
    SyntheticData d = small();
    double[] p = d.trueProbabilities();
    double first = p[0];
    p[0] = 2;
    assertEquals(first, d.trueProbabilities()[0]);
    assertEquals(first, d.trueProbability(0));
    assertThrows(UnsupportedOperationException.class, () -> d.leads().remove(0));
    assertThrows(UnsupportedOperationException.class, () -> d.unlabelled().set(0, null));

    double[] input = {0.5};
    List<LabelledLead> one = new ArrayList<>(List.of(d.leads().get(0)));
    SyntheticData copy = new SyntheticData(one, AS_OF, input);
    input[0] = 0.9;
    one.clear();
    assertEquals(0.5, copy.trueProbability(0));
    assertEquals(1, copy.size());
  }

  @Test
  void syntheticDataValidates() {
    List<LabelledLead> one = List.of(small().leads().get(0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SyntheticData(one, AS_OF, new double[2]));
    assertTrue(e.getMessage().contains("1 leads") && e.getMessage().contains("2 probabilities"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new SyntheticData(one, AS_OF, new double[] {Double.NaN}));
    assertTrue(e.getMessage().contains("L000001"), e.getMessage());
    assertThrows(NullPointerException.class, () -> new SyntheticData(one, null, new double[1]));
  }

  @Test
  void helpers() {
    SyntheticData d = small();
    int converted = 0;
    for (LabelledLead l : d.leads()) {
      converted += l.converted() ? 1 : 0;
    }
    assertEquals(converted / 800.0, d.conversionRate());
    assertEquals(800, d.unlabelled().size());
    for (int i = 0; i < 800; i++) {
      assertEquals(d.leads().get(i).lead(), d.unlabelled().get(i));
    }
    assertTrue(d.toString().contains("800 leads"), d.toString());
  }

  // ------------------------------------------------------------------ properties

  @Test
  void anySeedGivesReadableLeadsAndSaneProbabilities() {
    PropertyCheck.forAll(8, Gen.anyLongs(), seed -> {
      SyntheticData d = SyntheticPipeline.builder().size(150).seed(seed).build().generate();
      FittedSchema fitted = SyntheticPipeline.defaultSchema().fit(d.unlabelled());
      double[] row = new double[fitted.width()];
      for (Lead lead : d.unlabelled()) {
        fitted.extract(lead, d.asOf(), row);
        for (double v : row) {
          assertTrue(Double.isFinite(v), lead.id());
        }
      }
      double mean = mean(d.trueProbabilities());
      assertTrue(mean > 0.15 && mean < 0.35, "mean probability " + mean + " for seed " + seed);
    });
  }

  // ------------------------------------------------------------------ helpers

  /**
   * ROC AUC by the Mann–Whitney U statistic with mid-ranks for ties: exactly the share of
   * (positive, negative) pairs ranked correctly, ties counting one half.
   */
  static double auc(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double[] rank = new double[n];
    for (int i = 0; i < n;) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double mid = (i + j) / 2.0 + 1; // ranks are 1-based
      for (int k = i; k <= j; k++) {
        rank[order[k]] = mid;
      }
      i = j + 1;
    }
    double rankSum = 0;
    long pos = 0;
    for (int i = 0; i < n; i++) {
      if (positive[i]) {
        rankSum += rank[i];
        pos++;
      }
    }
    long neg = n - pos;
    return (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
  }

  @Test
  void aucHelperMatchesABruteForcePairCount() {
    double[] s = {0.1, 0.4, 0.4, 0.8, 0.3, 0.4, 0.9, 0.1};
    boolean[] y = {false, true, false, true, false, true, false, true};
    double correct = 0;
    int pairs = 0;
    for (int i = 0; i < s.length; i++) {
      for (int j = 0; j < s.length; j++) {
        if (y[i] && !y[j]) {
          pairs++;
          correct += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
        }
      }
    }
    assertEquals(correct / pairs, auc(s, y), 1e-12);
  }

  private static boolean[] labels(SyntheticData d) {
    boolean[] y = new boolean[d.size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = d.leads().get(i).converted();
    }
    return y;
  }

  private static double[][] extractAll(FittedSchema fitted, SyntheticData d) {
    double[][] x = new double[d.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = fitted.extract(d.leads().get(i).lead(), d.asOf());
    }
    return x;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s.strip());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
