package dev.leadscore.core.schema;

import static java.util.Map.entry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps free-text job titles ("Sr. Director of IT", "VP, Sales", "Co-Founder & CEO") to a {@link
 * Seniority}. Backs {@link Seniority#ofTitle(String)}.
 *
 * <p>The title is normalised first: lower-cased, every character that is not a letter or digit
 * becomes a word break, runs of single letters are joined ("V.P." and "v p" become {@code vp},
 * "C.E.O." becomes {@code ceo}), common abbreviations are expanded ("Sr" becomes {@code senior},
 * "Mgr" {@code manager}) and multi-word ranks are merged into one word ("vice president" becomes
 * {@code vp}, "chief of staff" {@code chiefofstaff}). Word order therefore does not matter: "Sales
 * VP" and "VP of Sales" parse alike.
 *
 * <p>The most senior rank word in the title wins ("Co-Founder &amp; CEO" and "President &amp; CEO"
 * are {@link Seniority#C_LEVEL}), with these exceptions:
 *
 * <ul>
 *   <li>Everything after the first "to" names someone else: "Assistant to the CEO", "EA to the MD"
 *       and "Chief of Staff to the CEO" are about the boss, not the lead.
 *   <li>An assistant, secretary or aide is an {@link Seniority#INDIVIDUAL_CONTRIBUTOR} whoever
 *       they assist: "Executive Assistant", "Director's Assistant", "CEO Assistant", "Assistant of
 *       the President". But when a rank follows closely, "assistant" only qualifies it: "Assistant
 *       Director" is a director and "Assistant Vice President" (AVP) a VP.
 *   <li>"Owner" is an agile or governance role, not ownership of the company, after words like
 *       product, process or service ("Product Owner" is an individual contributor).
 *   <li>"Partner" is a business role rather than equity partnership after words like business or
 *       channel ("HR Business Partner") or before a function ("Partner Marketing Manager").
 * </ul>
 *
 * <p>Decisions where real-world usage is split, so that a reviewer can change them in one place:
 *
 * <ul>
 *   <li>"Managing Director", "Managing Partner", "Partner", "Owner", "Founder", "President" and
 *       "Chairman" are {@link Seniority#C_LEVEL}: outside US banking a managing director is the
 *       company's top executive, and partners in professional-services firms own the firm.
 *   <li>"Chief of Staff" and "General Manager" are {@link Seniority#DIRECTOR}: senior, but not
 *       officers of the company. Any other "Chief ..." is C-level.
 *   <li>"Executive Director" and "Deputy Director" are {@link Seniority#DIRECTOR}: the word says
 *       director, even though a non-profit's executive director runs it.
 *   <li>"Head" anywhere ("Head of Growth", "Sales Head", "Head Chef") is {@link
 *       Seniority#DIRECTOR}.
 *   <li>Any "... Manager" is {@link Seniority#MANAGER}, including "Product Manager", "Account
 *       Manager" and "Office Manager"; "Team Lead" and "Supervisor" are too. "Lead" on its own
 *       ("Tech Lead", "Lead Engineer") is not a rank, nor are "Principal" and "Staff".
 * </ul>
 *
 * <p>Missing titles, form placeholders ("Select", "n/a", "none", "-", "test") and text with no
 * letters are {@link Seniority#UNKNOWN}; any other text is an individual contributor, because an
 * unrecognised title ("Sommelier") is still a real one. Only English titles are recognised.
 *
 * <p>Stateless and thread-safe: all tables are immutable and built once.
 */
final class TitleParser {
  private TitleParser() {}

  /** Marks an English possessive ("Director's"), which names the person the lead works for. */
  private static final String POSSESSIVE = "'s";

  /** Expanded before phrases are matched, so that "Sr. Mgr" matches like "Senior Manager". */
  private static final Map<String, String> ABBREVIATIONS =
      Map.ofEntries(
          entry("sr", "senior"),
          entry("snr", "senior"),
          entry("jr", "junior"),
          entry("mgr", "manager"),
          entry("mngr", "manager"),
          entry("dir", "director"),
          entry("asst", "assistant"),
          entry("exec", "executive"),
          // Expanded so that "Vice Pres." then merges into vp like "Vice President".
          entry("pres", "president"),
          entry("supv", "supervisor"),
          entry("vicepresident", "vp"),
          entry("cofounder", "founder"),
          entry("coowner", "owner"),
          entry("gm", "generalmanager"),
          entry("teamleader", "teamlead"));

  /**
   * Multi-word ranks merged into one word, so that the words inside them ("president" in "vice
   * president", "chief" in "chief of staff", "manager" in "general manager") do not count alone.
   */
  private static final List<Phrase> PHRASES =
      List.of(
          new Phrase("vice president", "vp"),
          new Phrase("chief of staff", "chiefofstaff"),
          new Phrase("managing director", "managingdirector"),
          new Phrase("managing partner", "managingpartner"),
          new Phrase("general manager", "generalmanager"),
          new Phrase("team lead", "teamlead"),
          new Phrase("team leader", "teamlead"),
          new Phrase("group lead", "teamlead"),
          new Phrase("group leader", "teamlead"),
          new Phrase("c level", "clevel"),
          new Phrase("c suite", "clevel"),
          new Phrase("member of the board", "boardmember"),
          new Phrase("board member", "boardmember"),
          new Phrase("board director", "boardmember"),
          new Phrase("board of directors", "boardmember"));

  /** Rank words. "owner" and "partner" are missing on purpose: they depend on their neighbours. */
  private static final Map<String, Seniority> RANKS = buildRanks();

  private static final String OWNER = "owner";
  private static final String PARTNER = "partner";

  /** Words that make the following "owner" a role rather than ownership of the company. */
  private static final Set<String> OWNER_ROLE_QUALIFIERS =
      Set.of(
          "product", "process", "service", "system", "systems", "application", "app", "data",
          "content", "risk", "control", "account", "platform", "feature", "asset", "technical",
          "tech", "solution", "release", "module", "domain", "capability");

  /** Words that make the following "partner" a business role ("HR Business Partner"). */
  private static final Set<String> PARTNER_ROLE_QUALIFIERS =
      Set.of(
          "business", "channel", "alliance", "alliances", "hr", "people", "talent", "finance",
          "technology", "implementation", "integration", "solution", "solutions");

  /** Words after "partner" that make it a modifier of a function ("Partner Marketing Manager"). */
  private static final Set<String> PARTNER_FUNCTIONS =
      Set.of(
          "marketing", "sales", "success", "account", "accounts", "development", "program",
          "programs", "programme", "relations", "relationship", "relationships", "enablement",
          "operations", "ops", "engineer", "engineering", "solutions", "specialist", "executive",
          "lead", "ecosystem", "integrations", "integration", "alliances", "support", "onboarding",
          "experience", "channel", "network", "management", "strategy");

  /** Words naming someone who works for the person the title mentions. */
  private static final Set<String> ASSISTANT_WORDS = Set.of("assistant", "secretary", "aide");

  /**
   * Words that, like assistants, work for someone, but only in a possessive ("Founder's
   * Associate", "CEO's EA"): on their own they are too ambiguous ("Associate Director", "Sales
   * Manager, PA").
   */
  private static final Set<String> POSSESSED_HELPER_WORDS =
      Set.of("associate", "ea", "pa", "advisor", "adviser");

  /** Words that may sit between a boss and the assistant ("CEO Executive Assistant"). */
  private static final Set<String> ASSISTANT_QUALIFIERS =
      Set.of("executive", "personal", "administrative", "admin", "private", "virtual", "special");

  /** Words after an assistant that introduce the boss ("Assistant of the President"). */
  private static final Set<String> BOSS_PREPOSITIONS = Set.of("of", "for");

  /** Words that end the short look-ahead for a rank after "assistant". */
  private static final Set<String> LOOKAHEAD_STOPS = Set.of("of", "for", "to", "at", "in", "and");

  /** How far after "assistant" a rank may be for "assistant" to merely qualify it. */
  private static final int QUALIFIED_RANK_DISTANCE = 2;

  /** Whole normalised titles that are form placeholders or filler rather than a title. */
  private static final Set<String> PLACEHOLDERS =
      Set.of(
          "select", "please select", "select one", "choose", "choose one", "na", "none",
          "unknown", "other", "others", "test", "testing", "x", "xx", "xxx", "null", "nil", "tbd",
          "tba", "no title", "not applicable", "not available", "not provided", "not specified",
          "unspecified", "undefined", "blank", "empty", "missing", "title", "job title", "asdf",
          "dummy", "nothing", "prefer not to say", "other please specify",
          // Salutations typed into the title field.
          "mr", "mrs", "ms", "miss", "dr");

  private static Map<String, Seniority> buildRanks() {
    Map<String, Seniority> ranks = new HashMap<>();
    for (String w :
        List.of(
            "chief", "president", "founder", "founders", "proprietor", "chairman", "chairwoman",
            "chairperson", "managingdirector", "managingpartner", "clevel", "boardmember", "ceo",
            "cto", "cfo", "coo", "cmo", "cro", "ciso", "cio", "cso", "cpo", "cdo", "cco", "chro",
            "cxo", "cao", "cbo", "clo", "cno", "cgo")) {
      ranks.put(w, Seniority.C_LEVEL);
    }
    // AVP is a VP by title even though it ranks below one in banks.
    for (String w : List.of("vp", "svp", "evp", "avp", "rvp", "gvp", "sevp")) {
      ranks.put(w, Seniority.VP);
    }
    for (String w : List.of("director", "directors", "head", "chiefofstaff", "generalmanager")) {
      ranks.put(w, Seniority.DIRECTOR);
    }
    for (String w : List.of("manager", "supervisor", "teamlead")) {
      ranks.put(w, Seniority.MANAGER);
    }
    return Map.copyOf(ranks);
  }

  /**
   * Parses a job title.
   *
   * @param title the title as exported; may be null, padded, mixed case or punctuated
   * @return never null; {@link Seniority#UNKNOWN} for missing or placeholder titles
   */
  static Seniority parse(String title) {
    if (title == null) {
      return Seniority.UNKNOWN;
    }
    List<String> tokens = joinSingleLetters(split(title));
    if (tokens.stream().noneMatch(TitleParser::isWord)
        || PLACEHOLDERS.contains(String.join(" ", tokens))) {
      return Seniority.UNKNOWN;
    }
    tokens = mergePhrases(expandAbbreviations(tokens));
    tokens = truncateAtTo(tokens);

    boolean[] ignored = new boolean[tokens.size()];
    for (int i = 0; i < tokens.size(); i++) {
      if (isHelperHead(tokens, i)) {
        ignoreBoss(tokens, i, ignored);
      }
    }

    Seniority best = Seniority.INDIVIDUAL_CONTRIBUTOR;
    for (int i = 0; i < tokens.size(); i++) {
      Seniority rank = ignored[i] ? null : rankOf(tokens, i);
      // Seniority is declared from most to least senior.
      if (rank != null && rank.compareTo(best) < 0) {
        best = rank;
      }
    }
    return best;
  }

  /**
   * Lower-cases and splits on anything but letters and digits; an apostrophe followed by a lone
   * "s" becomes a {@link #POSSESSIVE} word.
   */
  private static List<String> split(String title) {
    String s = title.toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        word.appendCodePoint(cp);
        continue;
      }
      flush(word, words);
      if (isApostrophe(cp)
          && i < s.length()
          && s.charAt(i) == 's'
          && (i + 1 == s.length() || !Character.isLetterOrDigit(s.codePointAt(i + 1)))) {
        words.add(POSSESSIVE);
        i++;
      }
    }
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString());
      word.setLength(0);
    }
  }

  private static boolean isApostrophe(int cp) {
    return cp == '\'' || cp == '\u2019' || cp == '`';
  }

  /** Joins dotted or spaced acronyms: "v p" becomes "vp", "c e o" becomes "ceo", "n a" "na". */
  private static List<String> joinSingleLetters(List<String> words) {
    List<String> out = new ArrayList<>(words.size());
    StringBuilder run = new StringBuilder();
    for (String w : words) {
      if (w.length() == 1 && Character.isLetter(w.charAt(0))) {
        run.append(w);
      } else {
        flush(run, out);
        out.add(w);
      }
    }
    flush(run, out);
    return out;
  }

  private static List<String> expandAbbreviations(List<String> words) {
    List<String> out = new ArrayList<>(words.size());
    for (String w : words) {
      out.add(ABBREVIATIONS.getOrDefault(w, w));
    }
    return out;
  }

  /** Replaces each phrase with its single word, preferring the longest phrase at a position. */
  private static List<String> mergePhrases(List<String> words) {
    List<String> out = new ArrayList<>(words.size());
    int i = 0;
    while (i < words.size()) {
      Phrase longest = null;
      for (Phrase p : PHRASES) {
        if ((longest == null || p.words.size() > longest.words.size()) && p.matchesAt(words, i)) {
          longest = p;
        }
      }
      if (longest == null) {
        out.add(words.get(i));
        i++;
      } else {
        out.add(longest.replacement);
        i += longest.words.size();
      }
    }
    return out;
  }

  /**
   * Drops the first "to" and everything after it: in a job title it introduces the person served
   * ("Assistant to the CEO", "Chief of Staff to the President"), never the lead's own rank.
   */
  private static List<String> truncateAtTo(List<String> words) {
    int to = words.indexOf("to");
    return to > 0 ? words.subList(0, to) : words;
  }

  /**
   * Whether the word at {@code i} is an assistant-like word that is the title's head noun, so
   * that the ranks around it belong to the boss.
   */
  private static boolean isHelperHead(List<String> words, int i) {
    String w = words.get(i);
    if (ASSISTANT_WORDS.contains(w)) {
      return !rankFollowsClosely(words, i);
    }
    return POSSESSED_HELPER_WORDS.contains(w) && possessiveDirectlyBefore(words, i);
  }

  /** "Assistant Director", "Assistant Store Manager": the assistant qualifies a following rank. */
  private static boolean rankFollowsClosely(List<String> words, int i) {
    int end = Math.min(words.size(), i + 1 + QUALIFIED_RANK_DISTANCE);
    for (int j = i + 1; j < end; j++) {
      if (LOOKAHEAD_STOPS.contains(words.get(j))) {
        return false;
      }
      if (rankOf(words, j) != null) {
        return true;
      }
    }
    return false;
  }

  /** "Founder's Associate", "CEO's Executive Assistant": qualifiers may sit in between. */
  private static boolean possessiveDirectlyBefore(List<String> words, int i) {
    int j = i - 1;
    while (j >= 0 && ASSISTANT_QUALIFIERS.contains(words.get(j))) {
      j--;
    }
    return j >= 0 && words.get(j).equals(POSSESSIVE);
  }

  /**
   * Marks the words naming the boss of the helper at {@code i} as ignored: a possessor ("Managing
   * Director's Assistant") or the ranks directly before it ("CEO Assistant"), and whatever follows
   * "of" or "for" after it ("Assistant of the President").
   */
  private static void ignoreBoss(List<String> words, int i, boolean[] ignored) {
    // Whatever precedes a possessive names the boss: "Managing Director's Sales Assistant".
    int possessive = words.subList(0, i).lastIndexOf(POSSESSIVE);
    if (possessive >= 0) {
      for (int j = 0; j <= possessive; j++) {
        ignored[j] = true;
      }
    } else {
      int j = i - 1;
      while (j >= 0
          && (ASSISTANT_QUALIFIERS.contains(words.get(j)) || rankOf(words, j) != null)) {
        ignored[j] = true;
        j--;
      }
    }
    for (int j = i + 1; j < words.size(); j++) {
      if (BOSS_PREPOSITIONS.contains(words.get(j))) {
        for (int k = j; k < words.size(); k++) {
          ignored[k] = true;
        }
        return;
      }
    }
  }

  /** The rank the word at {@code i} gives on its own, or null if it is not a rank word. */
  private static Seniority rankOf(List<String> words, int i) {
    String w = words.get(i);
    String before = i > 0 ? words.get(i - 1) : "";
    String after = i + 1 < words.size() ? words.get(i + 1) : "";
    if (w.equals(OWNER)) {
      return OWNER_ROLE_QUALIFIERS.contains(before) ? null : Seniority.C_LEVEL;
    }
    if (w.equals(PARTNER)) {
      boolean role =
          PARTNER_ROLE_QUALIFIERS.contains(before)
              || PARTNER_FUNCTIONS.contains(after)
              || RANKS.containsKey(after);
      return role ? null : Seniority.C_LEVEL;
    }
    return RANKS.get(w);
  }

  /** Whether the word has a letter, so that "123" and a stray "'s" are not a title. */
  private static boolean isWord(String word) {
    return !word.equals(POSSESSIVE) && word.codePoints().anyMatch(Character::isLetter);
  }

  /** A multi-word rank and the single word it is merged into. */
  private static final class Phrase {
    final List<String> words;
    final String replacement;

    Phrase(String words, String replacement) {
      this.words = List.of(words.split(" "));
      this.replacement = replacement;
    }

    boolean matchesAt(List<String> tokens, int start) {
      if (start + words.size() > tokens.size()) {
        return false;
      }
      for (int k = 0; k < words.size(); k++) {
        if (!words.get(k).equals(tokens.get(start + k))) {
          return false;
        }
      }
      return true;
    }
  }
}
