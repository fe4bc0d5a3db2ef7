package dev.leadscore.core.synth;

import dev.leadscore.core.AttributeValue;
import java.util.SplittableRandom;

/**
 * The fixed word lists of the synthetic pipeline: job titles per seniority, industries,
 * countries, lead sources and email domains, each with its sampling weight and, where the hidden
 * ground truth uses it, its effect on the conversion logit.
 *
 * <p>Everything here is a constant built once and never modified, so it is safe to share between
 * threads; the {@link AttributeValue.Text} values are pre-built so that millions of leads share
 * them instead of each holding its own copy.
 */
final class Vocabulary {
  private Vocabulary() {}

  // ------------------------------------------------------------------ seniority and titles

  /** Latent seniority levels; {@link #STUDENT} is a student or intern, a real title but no buyer. */
  static final int C_LEVEL = 0;
  static final int VP = 1;
  static final int DIRECTOR = 2;
  static final int MANAGER = 3;
  static final int IC = 4;
  static final int STUDENT = 5;

  static final double[] SENIORITY_WEIGHT = {0.07, 0.09, 0.15, 0.25, 0.38, 0.06};
  /** Logit effect of the latent seniority. */
  static final double[] SENIORITY_EFFECT = {0.30, 0.45, 0.40, 0.15, 0.0, -0.90};
  /** Probability that a lead of this seniority really is a decision maker. */
  static final double[] DECISION_MAKER_RATE = {0.85, 0.75, 0.55, 0.30, 0.08, 0.01};

  static final String[][] TITLES = {
    {
      "Chief Revenue Officer", "CEO", "Co-Founder & CEO", "Chief Marketing Officer", "CMO", "CTO",
      "Chief Technology Officer", "President", "Founder", "Owner", "COO", "CFO",
      "Chief Operating Officer", "Managing Director", "C.E.O.", "President & CEO"
    },
    {
      "VP, Sales", "vp sales", "VP of Marketing", "Vice President, Engineering", "SVP Sales",
      "V.P. Operations", "EVP, Revenue", "AVP IT", "VP Growth", "Vice President of Customer Success",
      "VP Marketing", "Sales VP"
    },
    {
      "Sr. Director of IT", "Director of Marketing", "Head of Growth", "Head of Sales",
      "Director, Demand Generation", "Senior Director, Sales Operations", "Dir. Engineering",
      "Head of RevOps", "General Manager", "Director of Procurement", "IT Director",
      "Director of Sales"
    },
    {
      "Marketing Manager", "Sales Manager", "IT Manager", "Sr. Product Manager", "Demand Gen Manager",
      "Team Lead, SDR", "Account Manager", "Marketing Ops Mgr", "Engineering Manager", "Supervisor",
      "Sales Operations Manager", "Office Manager"
    },
    {
      "Software Engineer", "Account Executive", "Marketing Specialist",
      "Sales Development Representative", "SDR", "Data Analyst", "Consultant", "Business Analyst",
      "Developer", "Marketing Coordinator", "Associate", "Executive Assistant to the CEO",
      "Solutions Architect", "Accountant", "Designer", "Sr. Software Engineer", "Analyst"
    },
    {"Intern", "Student", "Marketing Intern", "MBA Candidate", "Graduate Student", "Sales Intern"}
  };
  static final AttributeValue[][] TITLE_VALUES = texts(TITLES);

  // ------------------------------------------------------------------ industries

  static final String[] INDUSTRIES = {
    "Software", "Financial Services", "Healthcare", "Manufacturing", "Retail", "Education",
    "Government", "Non-Profit", "Consulting", "Telecommunications", "Media & Entertainment",
    "Real Estate", "Logistics", "Insurance"
  };
  static final double[] INDUSTRY_WEIGHT = {
    0.18, 0.12, 0.10, 0.12, 0.08, 0.06, 0.04, 0.04, 0.07, 0.04, 0.04, 0.03, 0.03, 0.03
  };
  static final double[] INDUSTRY_EFFECT = {
    0.35, 0.20, 0.10, 0.0, -0.15, -0.45, -0.35, -0.50, 0.05, 0.15, -0.05, -0.10, 0.10, 0.15
  };
  static final AttributeValue[] INDUSTRY_VALUES = texts(INDUSTRIES);
  /** Probability that a lead's industry is a one-off from {@link #RARE_INDUSTRIES} instead. */
  static final double RARE_INDUSTRY_RATE = 0.02;
  static final String[] RARE_INDUSTRIES = {
    "Aquaculture", "Space Tourism", "Funeral Services", "Beekeeping", "Esports", "Luxury Yachts",
    "Cannabis", "Mining", "Shipbuilding", "Fine Art", "Pet Care", "Veterinary", "Forestry",
    "Textiles", "Watchmaking", "Brewing", "Wineries", "Ski Resorts", "Theme Parks", "Robotics",
    "Nuclear Energy", "Satellite Imaging", "Greeting Cards", "Dental Labs", "Bridal", "Tattoo Studios",
    "Circus", "Falconry", "Perfumery", "Organ Building", "Chess Clubs", "Lighthouse Keeping",
    "Ice Sculpture", "Cartography", "Bell Foundry", "Taxidermy", "Glassblowing", "Saddlery",
    "Puppetry", "Hot Air Ballooning"
  };
  static final AttributeValue[] RARE_INDUSTRY_VALUES = texts(RARE_INDUSTRIES);

  // ------------------------------------------------------------------ countries

  /** Each country with its spellings as CRMs hold them; the first spelling is the most common. */
  static final String[][] COUNTRIES = {
    {"United States", "USA", "US", "United States of America"},
    {"Canada"},
    {"United Kingdom", "UK"},
    {"Germany"},
    {"France"},
    {"Netherlands"},
    {"Australia"},
    {"Ireland"},
    {"India"},
    {"Brazil"},
    {"Nigeria"},
    {"Philippines"},
    {"Mexico"},
    {"Indonesia"},
    {"Pakistan"},
    {"Egypt"},
    {"Vietnam"},
    {"Argentina"}
  };
  static final double[] COUNTRY_WEIGHT = {
    0.40, 0.06, 0.08, 0.05, 0.03, 0.02, 0.04, 0.01, 0.10, 0.04, 0.02, 0.02, 0.03, 0.02, 0.02, 0.02,
    0.02, 0.02
  };
  /** Countries the sales team covers: the first eight. */
  static final int IN_TERRITORY = 8;
  static final AttributeValue[][] COUNTRY_VALUES = texts(COUNTRIES);

  // ------------------------------------------------------------------ lead sources

  static final String[] SOURCES = {
    "Organic Search", "Paid Search", "Referral", "Partner", "Trade Show", "Webinar", "Cold Outbound",
    "Content Syndication", "Paid Social", "Direct"
  };
  static final double[] SOURCE_WEIGHT = {0.22, 0.15, 0.07, 0.06, 0.07, 0.08, 0.12, 0.10, 0.08, 0.05};
  static final double[] SOURCE_EFFECT = {0.0, -0.05, 0.50, 0.30, 0.10, 0.10, -0.30, -0.45, -0.25, 0.15};
  static final int SOURCE_CONTENT_SYNDICATION = 7;
  static final AttributeValue[] SOURCE_VALUES = texts(SOURCES);

  // ------------------------------------------------------------------ ordinal attributes

  static final String[] TECH_FIT = {"low", "medium", "high"};
  static final String[][] TECH_FIT_SPELLINGS = {
    {"low", "Low", "LOW", " low"}, {"medium", "Medium", "MEDIUM", "medium "}, {"high", "High", "HIGH", "High "}
  };
  static final AttributeValue[][] TECH_FIT_VALUES = texts(TECH_FIT_SPELLINGS);

  static final String[][] BUDGET_SPELLINGS = {
    {"No budget", "no budget", "No  Budget"},
    {"Exploring", "exploring", "EXPLORING"},
    {"Budget identified", "budget identified", "Budget Identified "},
    {"Approved", "approved", "APPROVED"}
  };
  static final AttributeValue[][] BUDGET_VALUES = texts(BUDGET_SPELLINGS);

  static final String[][] TIMELINE_SPELLINGS = {
    {"12+ months", "12+ Months"},
    {"6-12 months", "6-12 Months"},
    {"3-6 months", "3-6 Months"},
    {"0-3 months", "0-3 Months", "0-3  months"}
  };
  static final AttributeValue[][] TIMELINE_VALUES = texts(TIMELINE_SPELLINGS);

  // ------------------------------------------------------------------ email domains

  static final int DOMAIN_CORPORATE = 0;
  static final int DOMAIN_FREE_MAIL = 1;
  static final int DOMAIN_EDUCATION = 2;
  static final int DOMAIN_COMPETITOR = 3;
  static final int DOMAIN_INVALID = 4;
  static final int DOMAIN_MISSING = 5;

  /** Domain class weights for everyone but students. */
  static final double[] DOMAIN_WEIGHT = {0.735, 0.18, 0.02, 0.02, 0.015, 0.03};
  /** Domain class weights for students and interns. */
  static final double[] STUDENT_DOMAIN_WEIGHT = {0.05, 0.40, 0.52, 0.0, 0.01, 0.02};
  static final double[] DOMAIN_EFFECT = {0.0, -0.30, -0.90, -4.0, -0.20, -0.10};

  static final String[] FREE_MAIL = {
    "gmail.com", "gmail.com", "gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com",
    "icloud.com", "proton.me", "gmx.de"
  };
  static final String[] EDUCATION = {
    "stanford.edu", "mit.edu", "umich.edu", "ox.ac.uk", "unimelb.edu.au", "iitb.ac.in", "nyu.edu",
    "berkeley.edu"
  };
  /** Competitors' domains: must match the default schema's {@code competitorDomains}. */
  static final String[] COMPETITOR = {"rivalcrm.com", "eu.rivalcrm.com", "leadforge.io"};
  static final String[] INVALID_EMAIL = {"n/a", "test", "none", "asdf@", "noemail", "x@y"};

  static final String[] FIRST_NAMES = {
    "james", "mary", "john", "patricia", "robert", "jennifer", "michael", "linda", "william",
    "elizabeth", "david", "barbara", "richard", "susan", "joseph", "jessica", "thomas", "sarah",
    "priya", "rahul", "wei", "mei", "carlos", "ana", "olu", "fatima", "lars", "ingrid", "yuki", "kenji"
  };
  static final String[] LAST_NAMES = {
    "smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez",
    "martinez", "hernandez", "lopez", "wilson", "anderson", "thomas", "taylor", "moore", "patel",
    "sharma", "chen", "wang", "kim", "nguyen", "okafor", "schmidt", "muller", "dubois", "rossi",
    "silva", "tanaka"
  };
  static final String[] COMPANY_PREFIX = {
    "north", "blue", "bright", "summit", "apex", "cedar", "river", "iron", "silver", "nova", "clear",
    "swift", "pine", "harbor", "granite", "vertex", "orbit", "quantum", "maple", "atlas"
  };
  static final String[] COMPANY_SUFFIX = {
    "wind", "stone", "works", "labs", "data", "logic", "point", "field", "soft", "tech", "path",
    "line", "scale", "bridge", "cloud", "metrics", "systems", "group", "health", "capital"
  };
  static final String[] CORPORATE_TLD = {".com", ".com", ".com", ".io", ".co", ".net", ".co.uk", ".de"};

  // ------------------------------------------------------------------ helpers

  /** Index drawn from unnormalised weights. */
  static int pick(SplittableRandom r, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = r.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  static <T> T any(SplittableRandom r, T[] values) {
    return values[r.nextInt(values.length)];
  }

  private static AttributeValue[] texts(String[] values) {
    AttributeValue[] out = new AttributeValue[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = new AttributeValue.Text(values[i]);
    }
    return out;
  }

  private static AttributeValue[][] texts(String[][] values) {
    AttributeValue[][] out = new AttributeValue[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = texts(values[i]);
    }
    return out;
  }
}
