package dev.leadscore.core.synth;

import static dev.leadscore.core.synth.Vocabulary.C_LEVEL;
import static dev.leadscore.core.synth.Vocabulary.DIRECTOR;
import static dev.leadscore.core.synth.Vocabulary.DOMAIN_COMPETITOR;
import static dev.leadscore.core.synth.Vocabulary.DOMAIN_FREE_MAIL;
import static dev.leadscore.core.synth.Vocabulary.DOMAIN_INVALID;
import static dev.leadscore.core.synth.Vocabulary.DOMAIN_MISSING;
import static dev.leadscore.core.synth.Vocabulary.IC;
import static dev.leadscore.core.synth.Vocabulary.STUDENT;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One lead's hidden truth: who they are (latent, before any CRM mess), what they did (events as
 * ages in minutes before {@code asOf}) and the unobserved factors, plus the ground-truth logit
 * computed from them. {@link #sample} fills it from a random stream; {@link LeadRenderer} then
 * writes it out as a messy {@link dev.leadscore.core.Lead}.
 *
 * <p>A mutable scratch object reused from lead to lead so that generation allocates little
 * beyond the leads themselves. Not thread-safe: one instance per generating thread.
 *
 * <p>All transcendental functions are {@link StrictMath}, so the same seed gives bit-identical
 * probabilities on every JVM and platform.
 */
final class LeadProfile {
  /** Every event type the generator emits, indexed by the constants below. */
  static final String[] EVENT_TYPES = {
    "site_visit", "pricing_page_visit", "demo_request", "trial_signup", "product_login",
    "webinar_attended", "content_download", "case_study_view", "careers_page_visit", "docs_visit",
    "integration_page_visit", "contact_sales_form", "email_sent", "email_open", "email_click",
    "email_reply", "email_unsubscribe", "email_bounce", "email_forward", "email_spam_report"
  };

  static final int SITE_VISIT = 0;
  static final int PRICING = 1;
  static final int DEMO = 2;
  static final int TRIAL = 3;
  static final int LOGIN = 4;
  static final int WEBINAR = 5;
  static final int CONTENT = 6;
  static final int CASE_STUDY = 7;
  static final int CAREERS = 8;
  static final int DOCS = 9;
  static final int INTEGRATION = 10;
  static final int CONTACT_SALES = 11;
  static final int EMAIL_SENT = 12;
  static final int EMAIL_OPEN = 13;
  static final int EMAIL_CLICK = 14;
  static final int EMAIL_REPLY = 15;
  static final int EMAIL_UNSUBSCRIBE = 16;
  static final int EMAIL_BOUNCE = 17;
  static final int EMAIL_FORWARD = 18;
  static final int EMAIL_SPAM = 19;

  static final int MINUTES_PER_DAY = 1440;
  /** How far back the pipeline reaches: leads are created within this many days before asOf. */
  static final int HISTORY_DAYS = 180;
  static final int HISTORY_MINUTES = HISTORY_DAYS * MINUTES_PER_DAY;
  /** Share of leads that carry a few events after asOf (which extraction must ignore). */
  static final double FUTURE_EVENT_RATE = 0.02;
  /** Future events fall within this many days after asOf. */
  static final int FUTURE_DAYS = 30;

  private static final int[] FUTURE_TYPES = {SITE_VISIT, PRICING, EMAIL_OPEN, DEMO, CONTACT_SALES};
  private static final double LN2 = StrictMath.log(2);
  private static final double LN10 = StrictMath.log(10);

  // ------------------------------------------------------------------ latent attributes

  /** Minutes between createdAt and asOf, in {@code [60, HISTORY_MINUTES)}. */
  int leadAgeMin;
  int seniority;
  boolean decisionMaker;
  double log10Size;
  int employees;
  long revenue;
  /** Index into {@link Vocabulary#INDUSTRIES}, or -1 for a one-off from the rare list. */
  int industry;
  int rareIndustry;
  int country;
  int source;
  int companyAgeYears;
  /** 0 low, 1 medium, 2 high. */
  int techFit;
  /** Unobserved budget factor (standard-normal scale); budget_stage is a noisy view of it. */
  double budget;
  /** Buying urgency; purchase_timeline is a noisy view of it. */
  double urgency;
  /** Unobserved buying intent that drives the rates of behavioural events. */
  double intent;
  int domainClass;
  boolean jobSeeker;
  boolean optIn;
  /** Unobserved timing luck: pure noise in the truth. */
  double timing;
  private double burstCenterDays;
  private double burstSpreadDays;

  // ------------------------------------------------------------------ events

  /** Number of event records per type. */
  final int[] eventCount = new int[EVENT_TYPES.length];
  /** Age of each event record in minutes before asOf ({@code 0 <= age <= leadAgeMin}). */
  final int[][] eventAgeMin = new int[EVENT_TYPES.length][];
  /** Occurrences at that instant (the {@code count} of the activity event). */
  final int[][] eventTimes = new int[EVENT_TYPES.length][];
  int futureEvents;
  final int[] futureType = new int[3];
  /** Minutes after asOf, {@code >= 1}. */
  final int[] futureAheadMin = new int[3];
  private double[] sendAgeDays = new double[16];

  LeadProfile() {
    for (int t = 0; t < EVENT_TYPES.length; t++) {
      eventAgeMin[t] = new int[8];
      eventTimes[t] = new int[8];
    }
  }

  /** Draws a whole lead from {@code r}. */
  void sample(SplittableRandom r) {
    Arrays.fill(eventCount, 0);
    futureEvents = 0;
    leadAgeMin = 60 + r.nextInt(HISTORY_MINUTES - 60);
    double leadAgeDays = leadAgeMin / (double) MINUTES_PER_DAY;

    seniority = Vocabulary.pick(r, Vocabulary.SENIORITY_WEIGHT);
    decisionMaker = r.nextDouble() < Vocabulary.DECISION_MAKER_RATE[seniority];
    log10Size = clamp(2.2 + 0.85 * gaussian(r) - (seniority == C_LEVEL ? 0.4 : 0), 0, 5.7);
    employees = (int) Math.max(1, Math.round(StrictMath.exp(LN10 * log10Size)));
    revenue = Math.round(employees * StrictMath.exp(LN10 * (5.1 + 0.35 * gaussian(r))) / 1000.0) * 1000L;
    companyAgeYears = (int) clamp(Math.round(StrictMath.exp(2.3 + 0.25 * (log10Size - 2.2) + 0.8 * gaussian(r))), 0, 150);
    if (r.nextDouble() < Vocabulary.RARE_INDUSTRY_RATE) {
      industry = -1;
      rareIndustry = r.nextInt(Vocabulary.RARE_INDUSTRIES.length);
    } else {
      industry = Vocabulary.pick(r, Vocabulary.INDUSTRY_WEIGHT);
    }
    country = Vocabulary.pick(r, Vocabulary.COUNTRY_WEIGHT);
    source = Vocabulary.pick(r, Vocabulary.SOURCE_WEIGHT);
    boolean techIndustry = industry == 0 || industry == 9;
    techFit = Vocabulary.pick(r, techIndustry ? TECH_FIT_TECH : TECH_FIT_OTHER);
    budget = gaussian(r) + (seniority <= DIRECTOR ? 0.3 : 0) + 0.15 * (log10Size - 2.2);
    domainClass = Vocabulary.pick(r, seniority == STUDENT ? Vocabulary.STUDENT_DOMAIN_WEIGHT : Vocabulary.DOMAIN_WEIGHT);
    jobSeeker = r.nextDouble() < (seniority == STUDENT ? 0.30 : domainClass == DOMAIN_FREE_MAIL ? 0.08 : 0.03);
    optIn = r.nextDouble() < 0.7;
    intent = gaussian(r) + 0.5 * Vocabulary.SOURCE_EFFECT[source] + (domainClass == DOMAIN_COMPETITOR ? 0.8 : 0)
        + (jobSeeker ? -0.3 : 0) + 0.2 * (techFit - 1) + 0.25 * budget;
    urgency = 0.5 * intent + 0.85 * gaussian(r);
    timing = 0.25 * gaussian(r);
    // Engaged leads were active recently: the burst sits nearer asOf the higher the intent.
    double u = 1.0 - r.nextDouble(); // (0, 1]
    burstCenterDays = leadAgeDays * StrictMath.exp(StrictMath.exp(0.5 * intent) * StrictMath.log(u));
    burstSpreadDays = 3 + 25 * r.nextDouble();

    sampleWebEvents(r, leadAgeDays);
    sampleEmailEvents(r, leadAgeDays);

    if (r.nextDouble() < FUTURE_EVENT_RATE) {
      futureEvents = 1 + r.nextInt(3);
      for (int i = 0; i < futureEvents; i++) {
        futureType[i] = FUTURE_TYPES[r.nextInt(FUTURE_TYPES.length)];
        futureAheadMin[i] = 1 + r.nextInt(FUTURE_DAYS * MINUTES_PER_DAY);
      }
    }
  }

  private static final double[] TECH_FIT_TECH = {0.15, 0.40, 0.45};
  private static final double[] TECH_FIT_OTHER = {0.32, 0.46, 0.22};

  private void sampleWebEvents(SplittableRandom r, double leadAgeDays) {
    bursts(r, SITE_VISIT, poisson(r, 2.5 * StrictMath.exp(0.5 * intent) + (jobSeeker ? 2 : 0)), leadAgeDays);
    bursts(r, PRICING, poisson(r, 0.5 * StrictMath.exp(0.9 * intent) * (domainClass == DOMAIN_COMPETITOR ? 2 : 1)), leadAgeDays);
    if (r.nextDouble() < sigmoid(-3.0 + 1.1 * intent)) {
      bursts(r, DEMO, 1, leadAgeDays);
    }
    if (r.nextDouble() < sigmoid(-2.6 + 0.7 * intent + 0.5 * (techFit - 1))) {
      int trialAge = burstAge(r, leadAgeDays);
      add(TRIAL, trialAge, 1);
      int logins = poisson(r, 5 * StrictMath.exp(0.6 * intent + 0.4 * (techFit - 1)));
      for (int i = 0; i < logins; i++) {
        add(LOGIN, r.nextInt(trialAge + 1), 1 + poisson(r, 0.7));
      }
    }
    bursts(r, WEBINAR, poisson(r, 0.25 * StrictMath.exp(0.5 * intent)), leadAgeDays);
    bursts(r, CONTENT, poisson(r, 0.7 * StrictMath.exp(0.3 * intent)
        + (source == Vocabulary.SOURCE_CONTENT_SYNDICATION ? 1 : 0)), leadAgeDays);
    bursts(r, CASE_STUDY, poisson(r, 0.35 * StrictMath.exp(0.7 * intent)), leadAgeDays);
    bursts(r, CAREERS, jobSeeker ? 1 + poisson(r, 3) : poisson(r, 0.04), leadAgeDays);
    bursts(r, DOCS, poisson(r, 0.8 * StrictMath.exp(0.4 * intent + (seniority == IC ? 0.4 : 0))), leadAgeDays);
    bursts(r, INTEGRATION, poisson(r, 0.3 * StrictMath.exp(0.6 * intent + 0.3 * (techFit - 1))), leadAgeDays);
    if (r.nextDouble() < sigmoid(-3.4 + 1.2 * intent)) {
      bursts(r, CONTACT_SALES, 1, leadAgeDays);
    }
  }

  private void sampleEmailEvents(SplittableRandom r, double leadAgeDays) {
    if (domainClass == DOMAIN_MISSING) {
      return; // no address, nothing to send
    }
    int sends = 1 + poisson(r, leadAgeDays / 20);
    if (sendAgeDays.length < sends) {
      sendAgeDays = new double[Math.max(sends, 2 * sendAgeDays.length)];
    }
    for (int i = 0; i < sends; i++) {
      sendAgeDays[i] = r.nextDouble() * leadAgeDays;
    }
    boolean bounced = r.nextDouble() < (domainClass == DOMAIN_INVALID ? 0.8 : 0.02);
    double unsubAge = -1;
    if (!bounced && r.nextDouble() < sigmoid(-3.0 - 0.6 * intent + (optIn ? -0.5 : 0.5))) {
      unsubAge = Math.max(0, sendAgeDays[r.nextInt(sends)] - 3 * r.nextDouble());
    }
    double oldest = 0;
    for (int i = 0; i < sends; i++) {
      oldest = Math.max(oldest, sendAgeDays[i]);
    }
    double pOpen = sigmoid(-0.9 + 0.5 * intent + (optIn ? 0.4 : -0.6));
    double pClick = sigmoid(-1.8 + 0.5 * intent);
    double pForward = 0.02 * StrictMath.exp(0.6 * intent);
    for (int i = 0; i < sends; i++) {
      double sent = sendAgeDays[i];
      if (unsubAge >= 0 && sent < unsubAge) {
        continue; // nothing is sent after an unsubscribe
      }
      add(EMAIL_SENT, minutes(sent), 1);
      if (bounced) {
        continue;
      }
      if (r.nextDouble() < pOpen) {
        double opened = Math.max(0, sent - 2 * r.nextDouble());
        add(EMAIL_OPEN, minutes(opened), 1);
        if (r.nextDouble() < pClick) {
          add(EMAIL_CLICK, minutes(Math.max(0, opened - 0.02 * r.nextDouble())), 1);
        }
        if (r.nextDouble() < pForward) {
          add(EMAIL_FORWARD, minutes(Math.max(0, opened - 0.5 * r.nextDouble())), 1);
        }
      }
    }
    if (bounced) {
      add(EMAIL_BOUNCE, minutes(oldest), 1);
      return;
    }
    if (unsubAge >= 0) {
      add(EMAIL_UNSUBSCRIBE, minutes(unsubAge), 1);
    }
    if (r.nextDouble() < sigmoid(-3.2 + 0.9 * intent + (decisionMaker ? 0.3 : 0))) {
      add(EMAIL_REPLY, minutes(Math.max(0, sendAgeDays[r.nextInt(sends)] - 3 * r.nextDouble())), 1);
    }
    if (r.nextDouble() < 0.006 * StrictMath.exp(-0.5 * intent)) {
      add(EMAIL_SPAM, minutes(sendAgeDays[r.nextInt(sends)]), 1);
    }
  }

  /** {@code n} single events of a type, timed around the lead's engagement burst. */
  private void bursts(SplittableRandom r, int type, int n, double leadAgeDays) {
    for (int i = 0; i < n; i++) {
      add(type, burstAge(r, leadAgeDays), 1);
    }
  }

  /** An age in minutes: three in four near the burst, the rest anywhere in the lead's life. */
  private int burstAge(SplittableRandom r, double leadAgeDays) {
    double a = r.nextDouble() < 0.25
        ? r.nextDouble() * leadAgeDays
        : burstCenterDays + (2 * r.nextDouble() - 1) * burstSpreadDays;
    return minutes(clamp(a, 0, leadAgeDays));
  }

  private int minutes(double ageDays) {
    return (int) Math.min(leadAgeMin, Math.max(0, (long) (ageDays * MINUTES_PER_DAY)));
  }

  private void add(int type, int ageMinutes, int times) {
    int k = eventCount[type];
    if (k == eventAgeMin[type].length) {
      eventAgeMin[type] = Arrays.copyOf(eventAgeMin[type], 2 * k);
      eventTimes[type] = Arrays.copyOf(eventTimes[type], 2 * k);
    }
    eventAgeMin[type][k] = ageMinutes;
    eventTimes[type][k] = times;
    eventCount[type] = k + 1;
  }

  // ------------------------------------------------------------------ ground truth

  /**
   * The ground-truth conversion logit without the calibrated intercept. Fit and intent combine
   * with non-linear effects: {@code log1p} of decayed counts (diminishing returns, recency decay),
   * a decision-maker × pricing interaction, a mid-market sweet spot in company size, several
   * negative signals, and unobserved budget and timing factors.
   */
  double logit() {
    return fitLogit() + intentLogit() + hiddenLogit();
  }

  /** Who the lead is: the clean, latent values behind the messy attributes. */
  double fitLogit() {
    return Vocabulary.SENIORITY_EFFECT[seniority]
        + (decisionMaker ? 0.25 : 0)
        + sizeEffect(log10Size)
        + (industry < 0 ? 0 : Vocabulary.INDUSTRY_EFFECT[industry])
        + (country >= Vocabulary.IN_TERRITORY ? -0.8 : 0)
        + Vocabulary.SOURCE_EFFECT[source]
        + (companyAgeYears < 2 ? -0.3 : 0)
        + 0.35 * (techFit - 1)
        + Vocabulary.DOMAIN_EFFECT[domainClass]
        + (jobSeeker ? -1.0 : 0);
  }

  /** What the lead did: decayed, saturating event counts, and the decision-maker × pricing term. */
  double intentLogit() {
    double pricing = StrictMath.log1p(decayed(PRICING, HALF_LIFE_21));
    return 0.30 * StrictMath.log1p(decayed(SITE_VISIT, HALF_LIFE_30))
        + 0.55 * pricing
        + (decisionMaker ? 0.75 * pricing : 0)
        + 1.75 * Math.min(1, decayed(DEMO, HALF_LIFE_45))
        + (eventCount[TRIAL] > 0 ? 0.5 : 0)
        + 0.55 * StrictMath.log1p(decayed(LOGIN, HALF_LIFE_10))
        + 0.45 * Math.min(2, decayed(WEBINAR, HALF_LIFE_60))
        + 0.12 * StrictMath.log1p(decayed(CONTENT, HALF_LIFE_60))
        + 0.38 * StrictMath.log1p(decayed(CASE_STUDY, HALF_LIFE_45))
        - 0.75 * StrictMath.log1p(decayed(CAREERS, HALF_LIFE_60))
        + 0.10 * StrictMath.log1p(decayed(DOCS, HALF_LIFE_30))
        + 0.45 * StrictMath.log1p(decayed(INTEGRATION, HALF_LIFE_30))
        + 1.60 * Math.min(1, decayed(CONTACT_SALES, HALF_LIFE_45))
        + 0.25 * StrictMath.log1p(decayed(EMAIL_OPEN, HALF_LIFE_21))
        + 0.45 * StrictMath.log1p(decayed(EMAIL_CLICK, HALF_LIFE_21))
        + 1.10 * Math.min(1, decayed(EMAIL_REPLY, HALF_LIFE_45))
        + (eventCount[EMAIL_UNSUBSCRIBE] > 0 ? -1.25 : 0)
        + (eventCount[EMAIL_BOUNCE] > 0 ? -0.5 : 0)
        + 0.40 * Math.min(2, eventCount[EMAIL_FORWARD])
        + (eventCount[EMAIL_SPAM] > 0 ? -1.9 : 0);
  }

  /** What no export shows directly: budget and urgency (seen only through noisy fields) and luck. */
  double hiddenLogit() {
    return 0.55 * budget + 0.3 * urgency + timing;
  }

  /** A bump around 800 employees (mid-market), a penalty below 10: a non-monotone effect. */
  static double sizeEffect(double log10Size) {
    double d = (log10Size - 2.9) / 0.55;
    return 0.8 * StrictMath.exp(-d * d) - 0.35 + (log10Size < 1 ? -0.4 : 0);
  }

  /**
   * Sum of occurrences of a type weighted by {@code 0.5^(age/halfLife)}, the weight looked up as
   * the product of a per-day and a per-minute factor (both from {@link StrictMath#exp}).
   */
  private double decayed(int type, DecayTable table) {
    int n = eventCount[type];
    if (n == 0) {
      return 0;
    }
    int[] ages = eventAgeMin[type];
    int[] times = eventTimes[type];
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += times[i] * table.weight(ages[i]);
    }
    return s;
  }

  /** {@code 0.5^(ageMinutes / (halfLifeDays·1440))} for ages in the history window, tabulated. */
  static final class DecayTable {
    private final double[] byDay = new double[HISTORY_DAYS + 1];
    private final double[] byMinute = new double[MINUTES_PER_DAY];

    DecayTable(double halfLifeDays) {
      double perMinute = -LN2 / (halfLifeDays * MINUTES_PER_DAY);
      for (int d = 0; d < byDay.length; d++) {
        byDay[d] = StrictMath.exp(perMinute * d * MINUTES_PER_DAY);
      }
      for (int m = 0; m < byMinute.length; m++) {
        byMinute[m] = StrictMath.exp(perMinute * m);
      }
    }

    double weight(int ageMinutes) {
      return byDay[ageMinutes / MINUTES_PER_DAY] * byMinute[ageMinutes % MINUTES_PER_DAY];
    }
  }

  private static final DecayTable HALF_LIFE_10 = new DecayTable(10);
  private static final DecayTable HALF_LIFE_21 = new DecayTable(21);
  private static final DecayTable HALF_LIFE_30 = new DecayTable(30);
  private static final DecayTable HALF_LIFE_45 = new DecayTable(45);
  private static final DecayTable HALF_LIFE_60 = new DecayTable(60);

  // ------------------------------------------------------------------ random helpers

  static double sigmoid(double z) {
    double e = StrictMath.exp(-Math.abs(z));
    return z >= 0 ? 1 / (1 + e) : e / (1 + e);
  }

  /**
   * A standard normal by Marsaglia's polar method (one of the pair), from {@code nextDouble} and
   * {@link StrictMath} only, so it is reproducible across JVMs.
   */
  static double gaussian(SplittableRandom r) {
    double u;
    double v;
    double s;
    do {
      u = 2 * r.nextDouble() - 1;
      v = 2 * r.nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
  }

  /** A Poisson draw (Knuth's product method; a rounded normal above a mean of 30). */
  static int poisson(SplittableRandom r, double mean) {
    if (!(mean > 0)) {
      return 0;
    }
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + StrictMath.sqrt(mean) * gaussian(r)));
    }
    double limit = StrictMath.exp(-mean);
    int k = 0;
    double p = r.nextDouble();
    while (p > limit) {
      k++;
      p *= r.nextDouble();
    }
    return k;
  }

  static double clamp(double v, double lo, double hi) {
    return Math.min(hi, Math.max(lo, v));
  }
}
