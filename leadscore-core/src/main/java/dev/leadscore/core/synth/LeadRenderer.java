package dev.leadscore.core.synth;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a {@link LeadProfile} out as the {@link Lead} a CRM export would hold: attributes with
 * missing values, placeholders ("Select", "N/A", "unknown"), sentinel numbers (999999), mixed
 * case, stray whitespace and numbers stored as text; events grouped by type rather than sorted by
 * time, timestamps at minute resolution.
 *
 * <p>Every value written is one the default schema can read (ordinal and boolean spellings are
 * always declared ones), so extraction never fails on generated data.
 *
 * <p>One instance per {@link SyntheticPipeline#generate()} call: it caches the {@link Instant}s of
 * the history window so that millions of events share them. Not thread-safe.
 */
final class LeadRenderer {
  private static final AttributeValue SELECT = new AttributeValue.Text("Select");
  private static final AttributeValue NA = new AttributeValue.Text("N/A");
  private static final AttributeValue UNKNOWN = new AttributeValue.Text("unknown");
  private static final AttributeValue BLANK = new AttributeValue.Text("");
  private static final AttributeValue DASH = new AttributeValue.Text("-");
  private static final AttributeValue SENTINEL_TEXT = new AttributeValue.Text("999999");
  private static final AttributeValue YES = new AttributeValue.Text("Yes");
  private static final AttributeValue NO = new AttributeValue.Text("No");
  private static final AttributeValue Y = new AttributeValue.Text("Y");
  private static final AttributeValue N = new AttributeValue.Text("N");
  private static final AttributeValue YES_LOWER = new AttributeValue.Text("yes");
  private static final AttributeValue NO_LOWER = new AttributeValue.Text("no");
  private static final AttributeValue TRUE_UPPER = new AttributeValue.Text("TRUE");
  private static final AttributeValue FALSE_UPPER = new AttributeValue.Text("FALSE");
  private static final AttributeValue ONE_TEXT = new AttributeValue.Text("1");
  private static final AttributeValue ZERO_TEXT = new AttributeValue.Text("0");
  private static final AttributeValue TRUE = new AttributeValue.Bool(true);
  private static final AttributeValue FALSE = new AttributeValue.Bool(false);

  private final Instant asOf;
  private final long asOfSecond;
  private final Instant[] pastByMinute = new Instant[LeadProfile.HISTORY_MINUTES + 1];

  LeadRenderer(Instant asOf) {
    this.asOf = asOf;
    this.asOfSecond = asOf.getEpochSecond();
  }

  /** The instant {@code ageMinutes} before asOf, shared between leads. */
  private Instant past(int ageMinutes) {
    Instant i = pastByMinute[ageMinutes];
    if (i == null) {
      i = ageMinutes == 0 ? asOf : asOf.minusSeconds(60L * ageMinutes);
      pastByMinute[ageMinutes] = i;
    }
    return i;
  }

  Lead render(String id, LeadProfile p, SplittableRandom r) {
    Lead.Builder b = Lead.builder(id).createdAt(past(p.leadAgeMin));
    title(b, p, r);
    decisionMaker(b, p, r);
    companySize(b, p, r);
    revenue(b, p, r);
    companyAge(b, p, r);
    industry(b, p, r);
    country(b, p, r);
    leadSource(b, p, r);
    techFit(b, p, r);
    budgetStage(b, p, r);
    timeline(b, p, r);
    email(b, p, r);
    optIn(b, p, r);
    for (int t = 0; t < LeadProfile.EVENT_TYPES.length; t++) {
      String type = LeadProfile.EVENT_TYPES[t];
      int[] ages = p.eventAgeMin[t];
      int[] times = p.eventTimes[t];
      for (int i = 0, n = p.eventCount[t]; i < n; i++) {
        b.event(new ActivityEvent(type, past(ages[i]), times[i]));
      }
    }
    for (int i = 0; i < p.futureEvents; i++) {
      b.event(new ActivityEvent(LeadProfile.EVENT_TYPES[p.futureType[i]],
          Instant.ofEpochSecond(asOfSecond + 60L * p.futureAheadMin[i]), 1));
    }
    return b.build();
  }

  // ------------------------------------------------------------------ attributes

  private static void title(Lead.Builder b, LeadProfile p, SplittableRandom r) {
    double u = r.nextDouble();
    if (u < 0.06) {
      b.attribute(SyntheticPipeline.JOB_TITLE, BLANK);
    } else if (u < 0.10) {
      b.attribute(SyntheticPipeline.JOB_TITLE, SELECT);
    } else if (u < 0.12) {
      return; // field not exported at all
    } else if (u < 0.13) {
      b.attribute(SyntheticPipeline.JOB_TITLE, r.nextBoolean() ? NA : DASH);
    } else {
      int k = r.nextInt(Vocabulary.TITLES[p.seniority].length);
      double m = r.nextDouble();
      if (m < 0.80) {
        b.attribute(SyntheticPipeline.JOB_TITLE, Vocabulary.TITLE_VALUES[p.seniority][k]);
      } else {
        b.text(SyntheticPipeline.JOB_TITLE, mess(Vocabulary.TITLES[p.seniority][k], r));
      }
    }
  }

  private static void decisionMaker(Lead.Builder b, LeadProfile p, SplittableRandom r) {
    if (r.nextDouble() < 0.17) {
      missing(b, SyntheticPipeline.DECISION_MAKER, r, NA, UNKNOWN);
      return;
    }
    boolean dm = p.decisionMaker;
    double u = r.nextDouble();
    AttributeValue v;
    if (u < 0.45) {
      v = dm ? TRUE : FALSE;
    } else if (u < 0.65) {
      v = dm ? YES : NO;
    } else if (u < 0.77) {
      v = dm ? Y : N;
    } else if (u < 0.87) {
      v = dm ? YES_LOWER : NO_LOWER;
    } else if (u < 0.93) {
      v = dm ? TRUE_UPPER : FALSE_UPPER;
    } else if (u < 0.97) {
      v = new AttributeValue.Num(dm ? 1 : 0);
    } else {
      v = dm ? ONE_TEXT : ZERO_TEXT;
    }
    b.attribute(SyntheticPipeline.DECISION_MAKER, v);
  }

  private static void companySize(Lead.Builder b, LeadProfile p, SplittableRandom r) {
    double u = r.nextDouble();
    String name = SyntheticPipeline.COMPANY_SIZE;
    if (u < 0.05) {
      return;
    } else if (u < 0.09) {
      b.attribute(name, UNKNOWN);
    } else if (u < 0.11) {
      b.attribute(name, NA);
    } else if (u < 0.13) {
      b.number(name, 999_999); // the CRM's "don't know" sentinel
    } else if (u < 0.14) {
      b.attribute(name, SENTINEL_TEXT);
    } else if (u < 0.15) {
      b.attribute(name, BLANK);
    } else if (u < 0.35) {
      b.text(name, numberText(p.employees, r));
    } else {
      b.number(name, p.employees);
    }
  }

  private static void revenue(Lead.Builder b, LeadProfile p, SplittableRandom r) {
    double u = r.nextDouble();
    String name = SyntheticPipeline.ANNUAL_REVENUE;
    if (u < 0.25) {
      missing(b, name, r, NA, UNKNOWN);
    } else if (u < 0.40) {
      b.text(name, numberText(p.revenue, r));
    } else {
      b.number(name, p.revenue);
    }
  }

  private static void companyAge(Lead.Builder b, LeadProfile p, SplittableRandom r) {
    double u = r.nextDouble();
    String name = SyntheticPipeline.COMPANY_AGE;
    if (u < 0.15) {
      missing(b, name, r, NA, UNKNOWN);
    } else if (u < 0.25) {
      b.text(name, Integer.toString(p.companyAgeYears));
    } else {
      b.number(name, p.companyAgeYears);
    }
  }

  private static void industry(Lead.Builder b, LeadProfile p, SplittableRandom r) {
    double u = r.nextDouble();
    String name = SyntheticPipeline.INDUSTRY;
    if (u < 0.05) {
      return;
    } else if (u < 0.11) {
      b.attribute(name, SELECT);
    } else if (u < 0.13) {
      b.attribute(name, NA);
    } else if (u < 0.15) {
      b.attribute(name, BLANK);
    } else if (p.industry < 0) {
      b.attribute(name, Vocabulary.RARE_INDUSTRY_VALUES[p.rareIndustry]);
    } else if (r.nextDouble() < 0.80) {
      b.attribute(name, Vocabulary.INDUSTRY_VALUES[p.industry]);
    } else {
      b.text(name, mess(Vocabulary.INDUSTRIES[p.industry], r));
    }
  }

  private static void country(Lead.Builder b, LeadProfile p, SplittableRandom r) {
    double u = r.nextDouble();
    String name = SyntheticPipeline.COUNTRY;
    if (u < 0.04) {
      return;
    } else if (u < 0.07) {
      b.attribute(name, SELECT);
    } else if (u < 0.08) {
      b.attribute(name, BLANK);
    } else {
      AttributeValue[] spellings = Vocabulary.COUNTRY_VALUES[p.country];
      // The first spelling is the most common; the others share the rest.
      int k = spellings.length == 1 || r.nextDouble() < 0.6 ? 0 : 1 + r.nextInt(spellings.length - 1);
      if (r.nextDouble() < 0.05) {
        b.text(name, mess(spellings[k].display(), r));
      } else {
        b.attribute(name, spellings[k]);
      }
    }
  }

  private static void leadSource(Lead.Builder b, LeadProfile p, SplittableRandom r) {
    double u = r.nextDouble();
    String name = SyntheticPipeline.LEAD_SOURCE;
    if (u < 0.03) {
      return;
    } else if (u < 0.05) {
      b.attribute(name, SELECT);
    } else if (r.nextDouble() < 0.9) {
      b.attribute(name, Vocabulary.SOURCE_VALUES[p.source]);
    } else {
      b.text(name, mess(Vocabulary.SOURCES[p.source], r));
    }
  }

  private static void techFit(Lead.Builder b, LeadProfile p, SplittableRandom r) {
    if (r.nextDouble() < 0.18) {
      missing(b, SyntheticPipeline.TECH_FIT, r, SELECT, NA);
      return;
    }
    int level = p.techFit;
    if (r.nextDouble() < 0.12) { // the rep's assessment is off by one
      level = level == 0 ? 1 : level == 2 ? 1 : r.nextBoolean() ? 0 : 2;
    }
    b.attribute(SyntheticPipeline.TECH_FIT, Vocabulary.any(r, Vocabulary.TECH_FIT_VALUES[level]));
  }

  private static void budgetStage(Lead.Builder b, LeadProfile p, SplittableRandom r) {
    if (r.nextDouble() < 0.25) {
      missing(b, SyntheticPipeline.BUDGET_STAGE, r, SELECT, NA);
      return;
    }
    double seen = p.budget + 0.6 * LeadProfile.gaussian(r);
    int stage = seen < -0.8 ? 0 : seen < 0.3 ? 1 : seen < 1.1 ? 2 : 3;
    b.attribute(SyntheticPipeline.BUDGET_STAGE, Vocabulary.any(r, Vocabulary.BUDGET_VALUES[stage]));
  }

  private static void timeline(Lead.Builder b, LeadProfile p, SplittableRandom r) {
    if (r.nextDouble() < 0.38) {
      missing(b, SyntheticPipeline.PURCHASE_TIMELINE, r, SELECT, NA);
      return;
    }
    double seen = p.urgency + 0.5 * LeadProfile.gaussian(r);
    int stage = seen < -0.7 ? 0 : seen < 0 ? 1 : seen < 0.8 ? 2 : 3;
    b.attribute(SyntheticPipeline.PURCHASE_TIMELINE, Vocabulary.any(r, Vocabulary.TIMELINE_VALUES[stage]));
  }

  private static void email(Lead.Builder b, LeadProfile p, SplittableRandom r) {
    String name = SyntheticPipeline.EMAIL;
    String domain;
    switch (p.domainClass) {
      case Vocabulary.DOMAIN_MISSING:
        if (r.nextBoolean()) {
          b.attribute(name, BLANK);
        }
        return;
      case Vocabulary.DOMAIN_INVALID:
        b.text(name, Vocabulary.any(r, Vocabulary.INVALID_EMAIL));
        return;
      case Vocabulary.DOMAIN_FREE_MAIL:
        domain = Vocabulary.any(r, Vocabulary.FREE_MAIL);
        break;
      case Vocabulary.DOMAIN_EDUCATION:
        domain = Vocabulary.any(r, Vocabulary.EDUCATION);
        break;
      case Vocabulary.DOMAIN_COMPETITOR:
        domain = Vocabulary.any(r, Vocabulary.COMPETITOR);
        break;
      default:
        domain = Vocabulary.any(r, Vocabulary.COMPANY_PREFIX) + Vocabulary.any(r, Vocabulary.COMPANY_SUFFIX)
            + Vocabulary.any(r, Vocabulary.CORPORATE_TLD);
        break;
    }
    String first = Vocabulary.any(r, Vocabulary.FIRST_NAMES);
    String last = Vocabulary.any(r, Vocabulary.LAST_NAMES);
    StringBuilder sb = new StringBuilder(40);
    double u = r.nextDouble();
    if (u < 0.5) {
      sb.append(first).append('.').append(last);
    } else if (u < 0.75) {
      sb.append(first.charAt(0)).append(last);
    } else {
      sb.append(first).append(last.charAt(0)).append(r.nextInt(100));
    }
    sb.append('@').append(domain);
    String address = sb.toString();
    double m = r.nextDouble();
    if (m < 0.05) {
      address = capitalise(address);
    } else if (m < 0.07) {
      address = address.toUpperCase(Locale.ROOT);
    } else if (m < 0.09) {
      address = " " + address + " ";
    }
    b.text(name, address);
  }

  private static void optIn(Lead.Builder b, LeadProfile p, SplittableRandom r) {
    if (r.nextDouble() < 0.15) {
      missing(b, SyntheticPipeline.EMAIL_OPT_IN, r, NA, UNKNOWN);
      return;
    }
    double u = r.nextDouble();
    AttributeValue v = u < 0.5 ? (p.optIn ? TRUE : FALSE)
        : u < 0.8 ? (p.optIn ? YES : NO)
        : u < 0.9 ? (p.optIn ? ONE_TEXT : ZERO_TEXT)
        : (p.optIn ? Y : N);
    b.attribute(SyntheticPipeline.EMAIL_OPT_IN, v);
  }

  // ------------------------------------------------------------------ mess

  /** One of: not exported, explicitly absent, blank text, or one of two placeholder tokens. */
  private static void missing(Lead.Builder b, String name, SplittableRandom r, AttributeValue token1, AttributeValue token2) {
    double u = r.nextDouble();
    if (u < 0.3) {
      return;
    } else if (u < 0.45) {
      b.absent(name);
    } else if (u < 0.7) {
      b.attribute(name, BLANK);
    } else if (u < 0.85) {
      b.attribute(name, token1);
    } else {
      b.attribute(name, token2);
    }
  }

  /** A number as an export might hold it in a text column: "250", " 250", "250.0". */
  private static String numberText(long value, SplittableRandom r) {
    double u = r.nextDouble();
    String s = Long.toString(value);
    if (u < 0.7) {
      return s;
    } else if (u < 0.85) {
      return " " + s + " ";
    } else {
      return s + ".0";
    }
  }

  /** Lower or upper case, a doubled inner space, or stray padding. */
  static String mess(String s, SplittableRandom r) {
    double u = r.nextDouble();
    if (u < 0.35) {
      return s.toLowerCase(Locale.ROOT);
    } else if (u < 0.50) {
      return s.toUpperCase(Locale.ROOT);
    } else if (u < 0.75) {
      int space = s.indexOf(' ');
      return space < 0 ? s + " " : s.substring(0, space) + "  " + s.substring(space + 1);
    } else {
      return r.nextBoolean() ? " " + s : s + "  ";
    }
  }

  private static String capitalise(String address) {
    StringBuilder sb = new StringBuilder(address.length());
    boolean start = true;
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      sb.append(start ? Character.toUpperCase(c) : c);
      start = c == '.' || c == '@';
    }
    return sb.toString();
  }
}
