package dev.leadscore.core.ops;

import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Reason;
import dev.leadscore.core.RowError;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.schema.EmailDomainFeature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Account roll-up for account-based selling: groups scored leads by account and scores each
 * account ({@link AccountScore}).
 *
 * <p><b>Account key</b>, from one lead attribute, chosen when the rollup is made:
 * <ul>
 *   <li>{@link #byAttribute}: the attribute's text with surrounding whitespace removed (a number
 *       attribute is used as displayed, {@code 12345}); case is kept, for account ids.</li>
 *   <li>{@link #byDomain}: a company-domain attribute, trimmed and lower-cased ({@link
 *       Locale#ROOT}).</li>
 *   <li>{@link #byEmailDomain(String)}: the domain of an e-mail attribute: the text after its
 *       <em>last</em> {@code '@'}, trimmed and lower-cased, so {@code " Jane.Doe@ACME.com "} and
 *       {@code "bob@acme.COM"} are both account {@code acme.com}. Free-mail domains are not
 *       companies, so they are excluded from the start: the schema's built-in list
 *       ({@link EmailDomainFeature#defaultFreeMailDomains()}), or with {@link
 *       #byEmailDomainOf(EmailDomainFeature)} the list of the schema's own e-mail feature.</li>
 * </ul>
 * A lead gets no account when the attribute is absent, blank, a boolean (or, for the two domain
 * keys, not text), when an e-mail has no {@code '@'} or nothing after it, or when its key is one
 * of the {@linkplain Builder#exclude excluded keys} (e.g. free-mail domains, which are not
 * companies). Such a lead is not dropped: it is reported in {@link
 * AccountRollupResult#unassigned()} as a {@link RowError} naming the row, the lead, the
 * attribute and the value.
 *
 * <p><b>Account score</b> (see {@link AccountScore}): the probability that at least one lead
 * converts, {@code 1 − Π(1 − pᵢ)} assuming independence; the best lead; the number of engaged
 * contacts (leads whose tier is in the {@linkplain Builder#engagedTiers engaged tiers}, by
 * default HOT and WARM); the account tier, the rollup's {@linkplain Builder#cutoffs cut-offs}
 * (by default 80/60/30, as {@link dev.leadscore.core.TierPolicy#defaults()}) applied to {@code
 * 100 × probability}.
 *
 * <p><b>Top reasons.</b> For each feature, the account's contribution is the <em>sum of its
 * positive contributions</em> over the account's leads (negative ones are left out, so one
 * engaged contact's reasons are not cancelled by colleagues who did nothing; a reason shared by
 * many contacts adds up, which is what account-based selling looks for). The three largest are
 * kept, ties by feature name; each carries the sentence of the lead with the largest
 * contribution for it (ties: the smallest lead id) and how many leads it raised. Sums run over
 * the leads in lead-id order, so the result does not depend on input order. Leads scored
 * without an explanation add no reasons. All explanations must be in one unit (log-odds and
 * points cannot be added).
 *
 * <p><b>Rows.</b> Each lead id counts once: a later row with an id already seen is reported as
 * a duplicate and the first row is kept (so with distinct ids the result does not depend on the
 * order of the input at all). Accounts come sorted by probability descending, then key.
 *
 * <p><b>Threads.</b> Immutable and safe to share between threads; every call works on its own
 * data and never reads the wall clock.
 */
public final class AccountRollup {
  /** The tiers that count as engaged by default: {@link Tier#HOT} and {@link Tier#WARM}. */
  public static final Set<Tier> DEFAULT_ENGAGED_TIERS = Collections.unmodifiableSet(EnumSet.of(Tier.HOT, Tier.WARM));
  /** The account tier cut-offs by default, on {@code 100 × probability}: 80 / 60 / 30. */
  public static final TierCutoffs DEFAULT_CUTOFFS = TierCutoffs.of(80, 60, 30);
  /** How many reasons an account keeps. */
  public static final int TOP_REASONS = 3;

  private static final Comparator<Score> BEST_FIRST = Comparator.comparingDouble(Score::probability).reversed()
      .thenComparing(Comparator.comparingDouble(Score::score).reversed()).thenComparing(Score::leadId);
  private static final Comparator<AccountScore> ACCOUNT_ORDER =
      Comparator.comparingDouble(AccountScore::probability).reversed().thenComparing(AccountScore::key);

  /** How the key is read from the attribute. */
  enum KeyKind {
    ATTRIBUTE("account key"),
    DOMAIN("company domain"),
    EMAIL_DOMAIN("e-mail address");

    final String what;

    KeyKind(String what) {
      this.what = what;
    }
  }

  private final KeyKind kind;
  private final String attribute;
  private final Set<Tier> engagedTiers;
  private final TierCutoffs cutoffs;
  private final Set<String> excluded;

  private AccountRollup(Builder b) {
    this.kind = b.kind;
    this.attribute = b.attribute;
    this.engagedTiers = Collections.unmodifiableSet(b.engagedTiers.isEmpty() ? EnumSet.noneOf(Tier.class)
        : EnumSet.copyOf(b.engagedTiers));
    this.cutoffs = b.cutoffs;
    this.excluded = Set.copyOf(b.excluded);
  }

  /**
   * Groups by an account-id attribute (trimmed, case kept; numbers as displayed).
   *
   * @param attribute the attribute holding the account id
   * @return a builder
   * @throws IllegalArgumentException for a null or blank attribute name
   */
  public static Builder byAttribute(String attribute) {
    return new Builder(KeyKind.ATTRIBUTE, attribute);
  }

  /**
   * Groups by a company-domain attribute (trimmed, lower-cased).
   *
   * @param attribute the attribute holding the company domain
   * @return a builder
   * @throws IllegalArgumentException for a null or blank attribute name
   */
  public static Builder byDomain(String attribute) {
    return new Builder(KeyKind.DOMAIN, attribute);
  }

  /**
   * Groups by the domain of an e-mail attribute: the text after the last {@code '@'}, trimmed and
   * lower-cased.
   *
   * @param emailAttribute the attribute holding the e-mail address
   * @return a builder, free-mail domains excluded
   * @throws IllegalArgumentException for a null or blank attribute name
   */
  public static Builder byEmailDomain(String emailAttribute) {
    return new Builder(KeyKind.EMAIL_DOMAIN, emailAttribute).exclude(EmailDomainFeature.defaultFreeMailDomains());
  }

  /**
   * Groups by the domain of the e-mail attribute a schema's e-mail feature reads, as {@link
   * #byEmailDomain(String)}, excluding the free-mail domains that feature knows ({@link
   * EmailDomainFeature#freeMailDomainsInUse()}).
   *
   * @param feature the schema's e-mail feature: its attribute and its free-mail list
   * @return a builder
   * @throws NullPointerException if {@code feature} is null
   */
  public static Builder byEmailDomainOf(EmailDomainFeature feature) {
    Objects.requireNonNull(feature, "feature");
    return new Builder(KeyKind.EMAIL_DOMAIN, feature.attribute()).exclude(feature.freeMailDomainsInUse());
  }

  /** {@return the attribute the key is read from} */
  public String attribute() {
    return attribute;
  }

  /** {@return the tiers whose leads count as engaged contacts (unmodifiable; may be empty)} */
  public Set<Tier> engagedTiers() {
    return engagedTiers;
  }

  /** {@return the cut-offs of the account tier, on {@code 100 × probability}} */
  public TierCutoffs cutoffs() {
    return cutoffs;
  }

  /**
   * The lead's account key, or empty when it has none (see the class comment for why not).
   *
   * @param lead the lead
   * @return the normalised key, or empty
   */
  public Optional<String> accountKey(Lead lead) {
    Objects.requireNonNull(lead, "lead");
    Key k = key(lead);
    return Optional.ofNullable(k.key);
  }

  /**
   * Rolls up leads and their scores.
   *
   * @param leads the leads, for their account attribute
   * @param scores {@code scores.get(i)} is the score of {@code leads.get(i)}, scored with {@link
   *     Detail#EXPLAINED} for top reasons; a null score (a lead that could not be scored) is
   *     reported as unassigned
   * @return the accounts, best first, and the unassigned leads
   * @throws IllegalArgumentException if the lists differ in length, a score belongs to another
   *     lead than its row's (naming the row and both ids), or explanations are in different units
   */
  public AccountRollupResult rollUp(List<Lead> leads, List<Score> scores) {
    Objects.requireNonNull(leads, "leads");
    Objects.requireNonNull(scores, "scores");
    if (leads.size() != scores.size()) {
      throw new IllegalArgumentException("need one score per lead, got " + leads.size() + " leads and " + scores.size()
          + " scores");
    }
    Score[] s = new Score[leads.size()];
    String[] failures = new String[leads.size()];
    for (int i = 0; i < s.length; i++) {
      Lead lead = leads.get(i);
      s[i] = scores.get(i);
      if (lead != null && s[i] != null && !s[i].leadId().equals(lead.id())) {
        throw new IllegalArgumentException("row " + i + ": the score is for lead '" + s[i].leadId() + "' but the lead is '"
            + lead.id() + "'; the lists must be in the same order");
      }
      if (s[i] == null) {
        failures[i] = "row " + i + " has no score";
      }
    }
    return group(leads, s, failures, new RowError[s.length]);
  }

  /**
   * Scores the leads with {@link Detail#EXPLAINED} and rolls them up. A lead the scorer cannot
   * use is reported as unassigned with the scorer's message.
   *
   * @param leads the leads to score and roll up
   * @param scorer the scorer
   * @param asOf the instant the scores are for
   * @return the accounts, best first, and the unassigned leads
   * @throws IllegalArgumentException if the scorer's explanations are in different units
   */
  public AccountRollupResult rollUp(List<Lead> leads, LeadScorer scorer, Instant asOf) {
    Objects.requireNonNull(leads, "leads");
    Objects.requireNonNull(scorer, "scorer");
    Objects.requireNonNull(asOf, "asOf");
    Score[] s = new Score[leads.size()];
    RowError[] scoringErrors = new RowError[leads.size()];
    for (int i = 0; i < s.length; i++) {
      Lead lead = leads.get(i);
      if (lead == null) {
        continue;
      }
      try {
        s[i] = scorer.score(lead, asOf, Detail.EXPLAINED);
      } catch (LeadDataException e) {
        scoringErrors[i] = RowError.of(i, e);
      }
    }
    return group(leads, s, new String[s.length], scoringErrors);
  }

  private AccountRollupResult group(List<Lead> leads, Score[] scores, String[] failures, RowError[] preset) {
    List<RowError> unassigned = new ArrayList<>();
    Map<String, List<Score>> byKey = new HashMap<>();
    Map<String, Integer> firstRow = new HashMap<>();
    for (int i = 0; i < scores.length; i++) {
      Lead lead = leads.get(i);
      if (lead == null) {
        unassigned.add(new RowError(i, null, null, "row " + i + " is null"));
        continue;
      }
      Integer first = firstRow.putIfAbsent(lead.id(), i);
      if (first != null) {
        unassigned.add(new RowError(i, lead.id(), "id", "lead '" + lead.id() + "' repeats the lead of row " + first
            + "; each lead counts once"));
        continue;
      }
      if (preset[i] != null) {
        unassigned.add(preset[i]);
        continue;
      }
      if (failures[i] != null) {
        unassigned.add(new RowError(i, lead.id(), null, failures[i]));
        continue;
      }
      Key k = key(lead);
      if (k.key == null) {
        unassigned.add(new RowError(i, lead.id(), attribute, "lead '" + lead.id() + "' has no account: " + k.problem));
        continue;
      }
      byKey.computeIfAbsent(k.key, x -> new ArrayList<>()).add(scores[i]);
    }
    checkUnits(byKey);
    List<AccountScore> accounts = new ArrayList<>(byKey.size());
    for (Map.Entry<String, List<Score>> e : byKey.entrySet()) {
      accounts.add(account(e.getKey(), e.getValue()));
    }
    accounts.sort(ACCOUNT_ORDER);
    return new AccountRollupResult(accounts, unassigned);
  }

  private static void checkUnits(Map<String, List<Score>> byKey) {
    String unit = null;
    String unitLead = null;
    for (List<Score> list : byKey.values()) {
      for (Score s : list) {
        Optional<Explanation> e = s.explanation();
        if (e.isEmpty()) {
          continue;
        }
        if (unit == null) {
          unit = e.get().unit();
          unitLead = s.leadId();
        } else if (!unit.equals(e.get().unit())) {
          throw new IllegalArgumentException("explanations in different units cannot be added into account reasons: lead '"
              + unitLead + "' is in " + unit + ", lead '" + s.leadId() + "' in " + e.get().unit());
        }
      }
    }
  }

  private AccountScore account(String key, List<Score> scores) {
    List<Score> byId = new ArrayList<>(scores);
    byId.sort(Comparator.comparing(Score::leadId));
    double logNone = 0.0; // Σ log(1 − pᵢ)
    double maxP = 0.0;
    int engaged = 0;
    Map<String, ReasonSum> reasons = new TreeMap<>();
    for (Score s : byId) {
      double p = s.probability();
      logNone += Math.log1p(-p);
      maxP = Math.max(maxP, p);
      if (engagedTiers.contains(s.tier())) {
        engaged++;
      }
      if (s.explanation().isPresent()) {
        Explanation e = s.explanation().get();
        for (Reason r : e.contributions()) {
          if (r.contribution() > 0) {
            reasons.computeIfAbsent(r.feature(), f -> new ReasonSum(e.unit())).add(s.leadId(), r);
          }
        }
      }
    }
    double probability = byId.size() == 1 ? maxP : Math.min(1.0, Math.max(maxP, -Math.expm1(logNone)));
    List<ReasonSum> sums = new ArrayList<>(reasons.values());
    // TreeMap order is by feature; a stable sort by sum keeps feature order among ties.
    sums.sort(Comparator.comparingDouble((ReasonSum r) -> r.sum).reversed());
    List<AccountReason> top = new ArrayList<>(TOP_REASONS);
    for (ReasonSum r : sums.subList(0, Math.min(TOP_REASONS, sums.size()))) {
      top.add(r.toReason());
    }
    List<Score> best = new ArrayList<>(scores);
    best.sort(BEST_FIRST);
    return new AccountScore(key, probability, cutoffs.tierOf(100.0 * probability), best, engaged, top);
  }

  /** The running sum of one feature's positive contributions in an account. */
  private static final class ReasonSum {
    final String unit;
    double sum;
    int leads;
    String bestLead;
    Reason best;

    ReasonSum(String unit) {
      this.unit = unit;
    }

    /** Leads arrive in id order, so on a tie the earlier (smaller) id keeps the sentence. */
    void add(String leadId, Reason r) {
      sum += r.contribution();
      leads++;
      if (best == null || r.contribution() > best.contribution()) {
        best = r;
        bestLead = leadId;
      }
    }

    AccountReason toReason() {
      return new AccountReason(best.feature(), best.family(), sum, unit, leads, bestLead, best.text());
    }
  }

  /** A lead's key, or why it has none. */
  private record Key(String key, String problem) {}

  private Key key(Lead lead) {
    AttributeValue v = lead.attribute(attribute);
    String raw;
    if (v instanceof AttributeValue.Text t) {
      raw = t.value();
    } else if (v instanceof AttributeValue.Num n && kind == KeyKind.ATTRIBUTE) {
      raw = n.display();
    } else if (v == AttributeValue.ABSENT) {
      return new Key(null, lead.attributes().containsKey(attribute) ? "its " + kind.what + " '" + attribute + "' is empty"
          : "it has no " + kind.what + " attribute '" + attribute + "'");
    } else {
      return new Key(null, "its " + kind.what + " '" + attribute + "' is " + v.display() + ", which is not text");
    }
    String key = raw.strip();
    if (key.isEmpty()) {
      return new Key(null, "its " + kind.what + " '" + attribute + "' = '" + raw + "' is blank");
    }
    if (kind == KeyKind.EMAIL_DOMAIN) {
      int at = key.lastIndexOf('@');
      if (at < 0) {
        return new Key(null, "its " + kind.what + " '" + attribute + "' = '" + raw + "' has no '@'");
      }
      key = key.substring(at + 1).strip();
      if (key.isEmpty()) {
        return new Key(null, "its " + kind.what + " '" + attribute + "' = '" + raw + "' has no domain after its last '@'");
      }
    }
    if (kind != KeyKind.ATTRIBUTE) {
      key = key.toLowerCase(Locale.ROOT);
    }
    if (excluded.contains(key)) {
      return new Key(null, "its account key '" + key + "' (from '" + attribute + "' = '" + raw + "') is excluded");
    }
    return new Key(key, null);
  }

  @Override
  public String toString() {
    return "AccountRollup[" + kind.name().toLowerCase(Locale.ROOT) + " '" + attribute + "', engaged " + engagedTiers
        + ", " + cutoffs + ", " + excluded.size() + " excluded keys]";
  }

  /**
   * Settings of a rollup. Not thread-safe; use one builder per thread.
   */
  public static final class Builder {
    private final KeyKind kind;
    private final String attribute;
    private Set<Tier> engagedTiers = DEFAULT_ENGAGED_TIERS;
    private TierCutoffs cutoffs = DEFAULT_CUTOFFS;
    private final Set<String> excluded = new HashSet<>();

    private Builder(KeyKind kind, String attribute) {
      if (attribute == null || attribute.isBlank()) {
        throw new IllegalArgumentException("an account rollup needs the name of the " + kind.what + " attribute, got "
            + (attribute == null ? "null" : "'" + attribute + "'"));
      }
      this.kind = kind;
      this.attribute = attribute;
    }

    /**
     * The tiers whose leads count as engaged contacts; {@link #DEFAULT_ENGAGED_TIERS} by default.
     * An empty set counts nobody.
     *
     * @param tiers the engaged tiers
     * @return this builder
     * @throws NullPointerException for a null set or a null tier in it
     */
    public Builder engagedTiers(Set<Tier> tiers) {
      Objects.requireNonNull(tiers, "tiers");
      for (Tier t : tiers) {
        Objects.requireNonNull(t, "engaged tier");
      }
      this.engagedTiers = Set.copyOf(tiers);
      return this;
    }

    /**
     * The account tier cut-offs on {@code 100 × probability}; {@link #DEFAULT_CUTOFFS} by default.
     *
     * @param cutoffs the cut-offs, on the 0–100 scale
     * @return this builder
     */
    public Builder cutoffs(TierCutoffs cutoffs) {
      this.cutoffs = Objects.requireNonNull(cutoffs, "cutoffs");
      return this;
    }

    /**
     * Keys that are not accounts, e.g. free-mail domains ({@code gmail.com}, {@code outlook.com}):
     * leads with these keys are reported as unassigned. Given the same way keys are read (domains
     * in any case, surrounding whitespace ignored); adds to earlier calls.
     *
     * @param keys the keys to exclude
     * @return this builder
     * @throws IllegalArgumentException for a null or blank key
     */
    public Builder exclude(Collection<String> keys) {
      Objects.requireNonNull(keys, "keys");
      for (String k : keys) {
        if (k == null || k.isBlank()) {
          throw new IllegalArgumentException("an excluded account key must not be blank, got "
              + (k == null ? "null" : "'" + k + "'"));
        }
        String n = k.strip();
        excluded.add(kind == KeyKind.ATTRIBUTE ? n : n.toLowerCase(Locale.ROOT));
      }
      return this;
    }

    /** {@return the rollup} */
    public AccountRollup build() {
      return new AccountRollup(this);
    }
  }
}
