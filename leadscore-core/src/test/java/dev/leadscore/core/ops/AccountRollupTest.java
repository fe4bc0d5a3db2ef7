package dev.leadscore.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.Reason;
import dev.leadscore.core.RowError;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Account roll-up: the hand-computed account, key derivation, reporting, reasons and invariants. */
class AccountRollupTest {
  private static final Instant AS_OF = Instant.parse("2026-05-01T00:00:00Z");

  private static Lead lead(String id, String attr, String value) {
    Lead.Builder b = Lead.builder(id);
    if (value != null) {
      b.text(attr, value);
    }
    return b.build();
  }

  private static Score score(String id, double p, Tier tier, Reason... reasons) {
    Explanation e = reasons.length == 0 ? null : Explanation.of(Explanation.LOG_ODDS, -1.0, List.of(reasons));
    return Score.of(id, p, 100 * p, tier, e, "m", "1", java.time.Instant.EPOCH);
  }

  private static Reason reason(String feature, double contribution, String text) {
    return new Reason(feature, "behavioral", contribution, text, null);
  }

  @Test
  void threeLeadAccountByHand() {
    // 1 − (1 − 0.5)(1 − 0.2)(1 − 0.1) = 1 − 0.5·0.8·0.9 = 0.64
    List<Lead> leads = List.of(lead("a", "domain", "acme.com"), lead("b", "domain", "acme.com"),
        lead("c", "domain", "acme.com"));
    List<Score> scores = List.of(score("a", 0.5, Tier.WARM), score("b", 0.2, Tier.NURTURE), score("c", 0.1, Tier.HOT));
    AccountRollupResult r = AccountRollup.byDomain("domain").build().rollUp(leads, scores);
    assertEquals(1, r.accounts().size());
    AccountScore acme = r.accounts().get(0);
    assertEquals("acme.com", acme.key());
    assertEquals(3, acme.leadCount());
    assertEquals(0.64, acme.probability(), 1e-15);
    assertEquals(64.0, acme.score(), 1e-13);
    assertEquals(Tier.WARM, acme.tier(), "64 is WARM under 80/60/30");
    assertEquals("a", acme.bestLead().leadId());
    assertEquals(List.of("a", "b", "c"), acme.leadScores().stream().map(Score::leadId).toList());
    assertEquals(2, acme.engagedContacts(), "a is WARM and c HOT (tiers as the scorer gave them)");
    assertEquals(List.of(), acme.topReasons(), "no explanations, no reasons");
    assertEquals(List.of(), r.unassigned());
    assertEquals(Optional.of(acme), r.account("acme.com"));
    assertEquals(Optional.empty(), r.account("ACME.com"));

    AccountRollup hotOnly = AccountRollup.byDomain("domain").engagedTiers(Set.of(Tier.HOT))
        .cutoffs(TierCutoffs.of(60, 50, 10)).build();
    AccountScore a2 = hotOnly.rollUp(leads, scores).accounts().get(0);
    assertEquals(1, a2.engagedContacts());
    assertEquals(Tier.HOT, a2.tier());
    assertEquals(0, AccountRollup.byDomain("domain").engagedTiers(Set.of()).build().rollUp(leads, scores).accounts()
        .get(0).engagedContacts());
  }

  @Test
  void accountsAreOrderedByProbabilityThenKey() {
    List<Lead> leads = List.of(lead("1", "acct", "zeta"), lead("2", "acct", "alpha"), lead("3", "acct", "mid"),
        lead("4", "acct", "beta"));
    List<Score> scores = List.of(score("1", 0.3, Tier.NURTURE), score("2", 0.3, Tier.NURTURE),
        score("3", 0.9, Tier.HOT), score("4", 0.3, Tier.NURTURE));
    AccountRollupResult r = AccountRollup.byAttribute("acct").build().rollUp(leads, scores);
    assertEquals(List.of("mid", "alpha", "beta", "zeta"), r.accounts().stream().map(AccountScore::key).toList());
  }

  @Test
  void leadsWithoutAnAccountAreReportedNotDropped() {
    List<Lead> leads = new ArrayList<>();
    leads.add(lead("ok", "email", "jane@acme.com"));
    leads.add(lead("absent", "email", null));
    leads.add(Lead.builder("empty").absent("email").build());
    leads.add(lead("blank", "email", "   "));
    leads.add(lead("no-at", "email", "jane.doe"));
    leads.add(lead("no-domain", "email", "jane@  "));
    leads.add(Lead.builder("bool").bool("email", true).build());
    leads.add(lead("free", "email", "joe@GMail.com"));
    leads.add(null);
    leads.add(lead("ok", "email", "dup@acme.com"));
    leads.add(lead("unscored", "email", "x@acme.com"));
    List<Score> scores = new ArrayList<>();
    for (Lead l : leads) {
      scores.add(l == null || l.id().equals("unscored") ? null : score(l.id(), 0.2, Tier.NURTURE));
    }
    AccountRollupResult r = AccountRollup.byEmailDomain("email").exclude(List.of(" gmail.com ")).build()
        .rollUp(leads, scores);
    assertEquals(leads.size(), r.assignedLeads() + r.unassigned().size(), "count in = assigned + unassigned");
    assertEquals(1, r.assignedLeads());
    List<String> messages = r.unassigned().stream().map(RowError::message).toList();
    assertEquals(List.of(
        "lead 'absent' has no account: it has no e-mail address attribute 'email'",
        "lead 'empty' has no account: its e-mail address 'email' is empty",
        "lead 'blank' has no account: its e-mail address 'email' = '   ' is blank",
        "lead 'no-at' has no account: its e-mail address 'email' = 'jane.doe' has no '@'",
        "lead 'no-domain' has no account: its e-mail address 'email' = 'jane@  ' has no domain after its last '@'",
        "lead 'bool' has no account: its e-mail address 'email' is true, which is not text",
        "lead 'free' has no account: its account key 'gmail.com' (from 'email' = 'joe@GMail.com') is excluded",
        "row 8 is null",
        "lead 'ok' repeats the lead of row 0; each lead counts once",
        "row 10 has no score"), messages);
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), r.unassigned().stream().map(RowError::row).toList());
    assertEquals("email", r.unassigned().get(0).field());
    assertEquals("absent", r.unassigned().get(0).leadId());
  }

  @Test
  void emailDomainsIgnoreCaseAndSurroundingWhitespace() {
    AccountRollup rollup = AccountRollup.byEmailDomain("email").build();
    for (String email : new String[] {" Jane.Doe@ACME.com ", "bob@acme.COM", "odd@name@Acme.Com", "x@ acme.com ",
        "\tceo@acme.com\n"}) {
      assertEquals(Optional.of("acme.com"), rollup.accountKey(lead("L", "email", email)), email);
    }
    assertEquals(Optional.empty(), rollup.accountKey(lead("L", "email", "acme.com")));
    // Locale.ROOT: a dotted capital I becomes i with a combining dot, never a Turkish dotless ı.
    assertEquals(Optional.of("istanbul.example"), rollup.accountKey(lead("L", "email", "a@ISTANBUL.example")));
  }

  @Test
  void keyKindsNormaliseAsDocumented() {
    Lead mixed = Lead.builder("L").text("acct", "  Acct-42 ").text("domain", " Acme.COM").number("num", 12345)
        .bool("flag", true).build();
    assertEquals(Optional.of("Acct-42"), AccountRollup.byAttribute("acct").build().accountKey(mixed), "case kept");
    assertEquals(Optional.of("acme.com"), AccountRollup.byDomain("domain").build().accountKey(mixed));
    assertEquals(Optional.of("12345"), AccountRollup.byAttribute("num").build().accountKey(mixed));
    assertEquals(Optional.empty(), AccountRollup.byDomain("num").build().accountKey(mixed));
    assertEquals(Optional.empty(), AccountRollup.byAttribute("flag").build().accountKey(mixed));
    assertEquals(Optional.empty(), AccountRollup.byAttribute("acct").exclude(List.of("Acct-42")).build().accountKey(mixed));
    assertEquals(Optional.of("Acct-42"), AccountRollup.byAttribute("acct").exclude(List.of("acct-42")).build()
        .accountKey(mixed), "account ids are case-sensitive, so is their exclusion");
    assertThrows(IllegalArgumentException.class, () -> AccountRollup.byAttribute(" "));
    assertThrows(IllegalArgumentException.class, () -> AccountRollup.byEmailDomain(null));
    assertThrows(IllegalArgumentException.class, () -> AccountRollup.byDomain("d").exclude(List.of("")));
    AccountRollup r = AccountRollup.byDomain("domain").build();
    assertEquals("domain", r.attribute());
    assertEquals(EnumSet.of(Tier.HOT, Tier.WARM), r.engagedTiers());
    assertEquals(AccountRollup.DEFAULT_CUTOFFS, r.cutoffs());
  }

  @Test
  void reasonsSumPositiveContributionsByFeatureWithTheBestLeadsSentence() {
    List<Lead> leads = List.of(lead("b", "d", "acme.com"), lead("a", "d", "acme.com"), lead("c", "d", "acme.com"));
    List<Score> scores = List.of(
        score("b", 0.4, Tier.WARM, reason("pricing", 0.5, "b: pricing"), reason("demo", 0.25, "b: demo"),
            reason("size", -2.0, "b: small")),
        score("a", 0.3, Tier.NURTURE, reason("pricing", 0.5, "a: pricing"), reason("opens", 0.75, "a: opens"),
            reason("demo", -1.0, "a: no demo")),
        score("c", 0.1, Tier.SUPPRESS, reason("webinar", 0.75, "c: webinar"), reason("size", 0.125, "c: big")));
    AccountScore acme = AccountRollup.byDomain("d").build().rollUp(leads, scores).accounts().get(0);
    // pricing 0.5 + 0.5 = 1.0 (tie between a and b: a, the smaller id, speaks);
    // opens 0.75 and webinar 0.75 tie: by feature name; demo 0.25 (the negative -1.0 is left out);
    // size 0.125 (the negative -2.0 is left out).
    List<AccountReason> top = acme.topReasons();
    assertEquals(List.of(
        new AccountReason("pricing", "behavioral", 1.0, Explanation.LOG_ODDS, 2, "a", "a: pricing"),
        new AccountReason("opens", "behavioral", 0.75, Explanation.LOG_ODDS, 1, "a", "a: opens"),
        new AccountReason("webinar", "behavioral", 0.75, Explanation.LOG_ODDS, 1, "c", "c: webinar")), top);
  }

  @Test
  void theResultDoesNotDependOnInputOrderWhenIdsAreDistinct() {
    PropertyCheck.forAll(200, accountsCase(true), c -> {
      AccountRollup rollup = AccountRollup.byDomain("d").build();
      AccountRollupResult r = rollup.rollUp(c.leads, c.scores);
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < c.leads.size(); i++) {
        order.add(i);
      }
      Collections.shuffle(order, new java.util.Random(c.leads.size()));
      List<Lead> l2 = new ArrayList<>();
      List<Score> s2 = new ArrayList<>();
      for (int i : order) {
        l2.add(c.leads.get(i));
        s2.add(c.scores.get(i));
      }
      assertEquals(r.accounts(), rollup.rollUp(l2, s2).accounts());
    });
  }

  @Test
  void accountProbabilityIsBetweenTheBestLeadAndOneAndCountsAddUp() {
    PropertyCheck.forAll(accountsCase(false), c -> {
      AccountRollupResult r = AccountRollup.byDomain("d").build().rollUp(c.leads, c.scores);
      assertEquals(c.leads.size(), r.assignedLeads() + r.unassigned().size(), "count in = accounts' leads + unassigned");
      for (AccountScore a : r.accounts()) {
        double max = 0;
        double none = 1;
        for (Score s : a.leadScores()) {
          max = Math.max(max, s.probability());
          none *= 1 - s.probability();
        }
        assertTrue(a.probability() >= max && a.probability() <= 1, a + " vs best lead " + max);
        assertEquals(1 - none, a.probability(), 1e-12, "1 − Π(1 − p)");
        assertEquals(max, a.bestLead().probability());
        assertTrue(a.topReasons().size() <= 3);
      }
      for (int i = 1; i < r.accounts().size(); i++) {
        AccountScore prev = r.accounts().get(i - 1);
        AccountScore next = r.accounts().get(i);
        assertTrue(prev.probability() > next.probability()
            || prev.probability() == next.probability() && prev.key().compareTo(next.key()) < 0, "sorted");
      }
    });
  }

  @Test
  void certainLeadsMakeACertainAccount() {
    List<Lead> leads = List.of(lead("a", "d", "x.com"), lead("b", "d", "x.com"));
    AccountScore x = AccountRollup.byDomain("d").build()
        .rollUp(leads, List.of(score("a", 1.0, Tier.HOT), score("b", 0.0, Tier.SUPPRESS))).accounts().get(0);
    assertEquals(1.0, x.probability());
    assertEquals(Tier.HOT, x.tier());
    AccountScore single = AccountRollup.byDomain("d").build()
        .rollUp(List.of(lead("a", "d", "y.com")), List.of(score("a", 0.3, Tier.NURTURE))).accounts().get(0);
    assertEquals(0.3, single.probability(), "one lead: exactly its probability");
  }

  @Test
  void callerBugsAreRefusedWithTheRowAndIds() {
    AccountRollup rollup = AccountRollup.byDomain("d").build();
    List<Lead> leads = List.of(lead("a", "d", "x.com"), lead("b", "d", "x.com"));
    assertEquals("need one score per lead, got 2 leads and 1 scores", assertThrows(IllegalArgumentException.class,
        () -> rollup.rollUp(leads, List.of(score("a", 0.1, Tier.SUPPRESS)))).getMessage());
    assertEquals("row 1: the score is for lead 'c' but the lead is 'b'; the lists must be in the same order",
        assertThrows(IllegalArgumentException.class, () -> rollup.rollUp(leads,
            List.of(score("a", 0.1, Tier.SUPPRESS), score("c", 0.1, Tier.SUPPRESS)))).getMessage());
    Score points = Score.of("b", 0.2, 20, Tier.SUPPRESS,
        Explanation.of(Explanation.POINTS, 0, List.of(reason("r", 1, "t"))), "rules", "1", java.time.Instant.EPOCH);
    IllegalArgumentException units = assertThrows(IllegalArgumentException.class, () -> rollup.rollUp(leads,
        List.of(score("a", 0.1, Tier.SUPPRESS, reason("f", 1, "t")), points)));
    assertTrue(units.getMessage().startsWith("explanations in different units cannot be added"), units.getMessage());
  }

  @Test
  void rollUpWithAScorerReportsLeadsItCannotScore() {
    FakeScorer scorer = new FakeScorer("m", 1.0);
    List<Lead> leads = new ArrayList<>();
    leads.add(Lead.builder("a").number("p", 0.5).number("r_pricing", 0.5).text("d", "acme.com").build());
    leads.add(Lead.builder("b").number("p", 0.2).number("r_pricing", 0.25).number("r_demo", 1.0).text("d", "ACME.com").build());
    leads.add(Lead.builder("bad").number("p", 0.2).text("fail", "all").text("d", "acme.com").build());
    leads.add(null);
    AccountRollupResult r = AccountRollup.byDomain("d").build().rollUp(leads, scorer, AS_OF);
    assertEquals(4, r.assignedLeads() + r.unassigned().size());
    assertEquals("lead 'bad', field 'fail': scorer m refuses this lead", r.unassigned().get(0).message());
    assertEquals(2L, r.unassigned().get(0).row());
    AccountScore acme = r.accounts().get(0);
    assertEquals(0.6, acme.probability(), 1e-15);
    assertEquals(List.of("demo(1.0 from b)", "pricing(0.75 from a)"), acme.topReasons().stream()
        .map(x -> x.feature().substring(2) + "(" + x.contribution() + " from " + x.leadId() + ")").toList());
    assertEquals("r_demo said so by b", acme.topReasons().get(0).text());
  }

  // ---- random accounts ----

  private record AccountsCase(List<Lead> leads, List<Score> scores) {
    @Override
    public String toString() {
      return leads.size() + " leads: " + scores;
    }
  }

  /** Random leads over a few domains; ids repeat unless {@code distinctIds} (a repeat is reported, the first kept). */
  private static Gen<AccountsCase> accountsCase(boolean distinctIds) {
    Gen<Double> p = Gen.anyOf(Gen.doubles(0, 1), Gen.decimals(0, 1, 1), Gen.oneOf(0.0, 1.0, 1e-12, 1 - 1e-12));
    String[] domains = {"a.com", "B.com", "b.com ", "c.org", "", "gmail.com"};
    String[] features = {"f1", "f2", "f3", "f4", "f5"};
    return (SplittableRandom r) -> {
      int n = r.nextInt(40);
      List<Lead> leads = new ArrayList<>();
      List<Score> scores = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String id = distinctIds ? "L" + i : "L" + r.nextInt(60); // repeats must be reported
        String d = domains[r.nextInt(domains.length)];
        leads.add(r.nextInt(10) == 0 ? Lead.builder(id).build() : lead(id, "d", d));
        double prob = p.next(r);
        List<Reason> reasons = new ArrayList<>();
        for (String f : features) {
          if (r.nextBoolean()) {
            reasons.add(reason(f, Gen.decimals(-2, 2, 1).next(r), f + " of " + id));
          }
        }
        scores.add(Score.of(id, prob, 100 * prob, TierCutoffs.of(80, 60, 30).tierOf(100 * prob),
            r.nextInt(5) == 0 ? null : Explanation.of(Explanation.LOG_ODDS, 0, reasons), "m", "1", java.time.Instant.EPOCH));
      }
      return new AccountsCase(leads, scores);
    };
  }

  @Test
  void freeMailDomainsAreNotAccounts() {
    // Before: aol.com became the top "account" of a real export (86 leads, Hot).
    AccountRollup rollup = AccountRollup.byEmailDomain("email").build();
    for (String email : new String[] {"a@aol.com", "b@GMAIL.com", " c@yahoo.co.uk", "d@hotmail.com"}) {
      assertEquals(Optional.empty(), rollup.accountKey(lead("L", "email", email)), email);
    }
    assertEquals(Optional.of("acme.com"), rollup.accountKey(lead("L", "email", "x@acme.com")));
    // The list is the schema's own: every built-in free-mail domain is excluded, nothing else.
    for (String domain : dev.leadscore.core.schema.EmailDomainFeature.defaultFreeMailDomains()) {
      assertEquals(Optional.empty(), rollup.accountKey(lead("L", "email", "x@" + domain)), domain);
    }
    AccountRollupResult r = rollup.rollUp(List.of(lead("L1", "email", "x@aol.com"), lead("L2", "email", "y@acme.com")),
        List.of(score("L1", 0.9, Tier.HOT), score("L2", 0.1, Tier.NURTURE)));
    assertEquals(List.of("acme.com"), r.accounts().stream().map(AccountScore::key).toList());
    assertEquals(List.of("lead 'L1' has no account: its account key 'aol.com' (from 'email' = 'x@aol.com') is excluded"),
        r.unassigned().stream().map(RowError::message).toList(), "every row accounted for");
  }

  @Test
  void aSchemasEmailFeatureBringsItsOwnFreeMailList() {
    var info = dev.leadscore.core.schema.FeatureInfo.of("email_kind", "email");
    var own = new dev.leadscore.core.schema.EmailDomainFeature(info, "work_email", List.of("Corp-Mail.example"), List.of());
    AccountRollup rollup = AccountRollup.byEmailDomainOf(own).build();
    assertEquals("work_email", rollup.attribute());
    assertEquals(Optional.empty(), rollup.accountKey(lead("L", "work_email", "x@corp-mail.example")));
    // A schema with its own list replaces the built-in one, in classification and in roll-ups alike.
    assertEquals(Optional.of("gmail.com"), rollup.accountKey(lead("L", "work_email", "x@gmail.com")));
    var builtIn = new dev.leadscore.core.schema.EmailDomainFeature(info, "work_email", List.of(), List.of());
    assertEquals(Optional.empty(), AccountRollup.byEmailDomainOf(builtIn).build().accountKey(lead("L", "work_email", "x@gmail.com")));
  }
}
