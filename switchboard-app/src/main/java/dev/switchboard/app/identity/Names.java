package dev.switchboard.app.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.codec.language.DoubleMetaphone;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Comparing person names in their matching forms (case-folded, accents and punctuation gone): Jaro-Winkler
 * similarity, Double Metaphone for family names that sound alike, and a table of common English given-name
 * diminutives ("Jon" is "Jonathan", "Bill" is "William"). Written by hand: no maintained Java library ships one.
 */
final class Names {
  /** At or above: the same name (a typo, a nickname, an initial). Below: two different names. */
  static final double AGREE = 0.9;
  private static final JaroWinklerSimilarity JW = new JaroWinklerSimilarity();
  private static final List<String> GROUP_HEADS = new ArrayList<>();
  private static final Map<String, Set<Integer>> NICKNAME_GROUPS = nicknameGroups(
      "jonathan jon jonny john johnny jack", "william will bill billy willy liam", "robert rob bob bobby robbie bert",
      "richard rich rick ricky dick", "james jim jimmy jamie", "michael mike mikey mick", "thomas tom tommy",
      "christopher chris kit topher", "christine chris chrissy tina", "elizabeth liz lizzie beth betsy eliza libby",
      "katherine kate katie kathy cathy catherine kat", "margaret maggie meg peggy greta", "alexander alex sandy xander",
      "alexandra alex sasha lexi", "nicholas nick nicky", "daniel dan danny", "matthew matt matty",
      "anthony tony", "joseph joe joey", "benjamin ben benny", "samuel sam sammy", "samantha sam sammy",
      "edward ed eddie ted teddy ned", "andrew andy drew", "steven stephen steve stevie", "timothy tim timmy",
      "patricia pat patty trish", "patrick pat paddy", "jennifer jen jenny", "rebecca becky becca",
      "victoria vicky tori", "susan sue susie suzanne", "deborah debbie deb", "charles charlie chuck chas",
      "gregory greg", "jeffrey jeff geoffrey", "kenneth ken kenny", "ronald ron ronnie", "donald don donnie",
      "lawrence larry laurence", "theodore theo ted teddy", "abigail abby gail", "jessica jess jessie",
      "dorothy dot dottie", "frances fran frankie", "francis frank frankie", "henry hank harry", "harold harry hal",
      "josephine jo josie", "joanna jo joanne", "peter pete", "raymond ray", "gerald gerry jerry", "leonard leo len lenny",
      "nathaniel nate nathan nat", "zachary zach zack", "olivia liv livvy", "isabella bella izzy isabel",
      "sophia sophie", "emily em emmy", "eleanor ellie nora elle", "amanda mandy manda", "barbara barb babs",
      "cynthia cindy", "douglas doug", "frederick fred freddie", "kimberly kim", "lucinda lucy cindy",
      "melissa mel missy", "pamela pam", "sandra sandy", "tamara tammy", "valerie val", "vincent vince vinny");
  private static final ThreadLocal<DoubleMetaphone> METAPHONE = ThreadLocal.withInitial(() -> {
    DoubleMetaphone dm = new DoubleMetaphone();
    dm.setMaxCodeLen(6);
    return dm;
  });

  private Names() {}

  /**
   * How alike two given names are: 1 the same, 0.95 one a diminutive of the other, 0.9 one an initial or a prefix of the other
   * ("Chris", "Christopher"; "Di", "Diane"), else Jaro-Winkler — but for names shorter than five
   * letters at most 0.85: "Mark" and "Mary" are one letter apart and two people.
   */
  static double first(String a, String b) {
    String x = a.split(" ")[0];
    String y = b.split(" ")[0];
    if (x.equals(y)) {
      return 1.0;
    }
    if (sameGroup(x, y)) {
      return 0.95;
    }
    String shorter = x.length() <= y.length() ? x : y;
    String longer = shorter == x ? y : x;
    if (longer.startsWith(shorter)) {
      return AGREE;
    }
    double jw = JW.apply(x, y);
    return shorter.length() < 5 ? Math.min(jw, 0.85) : jw;
  }

  /** How alike two family names are: Jaro-Winkler, at least {@link #AGREE} when they sound alike (Double Metaphone). */
  static double last(String a, String b) {
    String x = a.replace(" ", "");
    String y = b.replace(" ", "");
    if (x.equals(y)) {
      return 1.0;
    }
    double jw = JW.apply(x, y);
    DoubleMetaphone dm = METAPHONE.get();
    return dm.isDoubleMetaphoneEqual(x, y) && jw >= 0.8 ? Math.max(jw, AGREE) : jw;
  }

  /** The phonetic code of a family name (Double Metaphone, primary, up to six letters); empty for no letters. */
  static String phonetic(String lastName) {
    String code = METAPHONE.get().doubleMetaphone(lastName.replace(" ", ""));
    return code == null ? "" : code;
  }

  /**
   * The initials a given name is filed under for blocking: its own, and that of the full form of each diminutive group
   * it is in ("Bill" is filed under {@code b} and {@code w}, as "William" is).
   */
  static Set<Character> initials(String firstName) {
    String x = firstName.split(" ")[0];
    Set<Character> out = new java.util.TreeSet<>();
    out.add(x.charAt(0));
    for (int g : NICKNAME_GROUPS.getOrDefault(x, Set.of())) {
      out.add(GROUP_HEADS.get(g).charAt(0));
    }
    return out;
  }

  /** Jaro-Winkler of two strings. */
  static double similarity(String a, String b) {
    return JW.apply(a, b);
  }

  // a name in two groups (Chris, Alex, Sam) belongs to each
  private static boolean sameGroup(String x, String y) {
    Set<Integer> gx = NICKNAME_GROUPS.getOrDefault(x, Set.of());
    return NICKNAME_GROUPS.getOrDefault(y, Set.of()).stream().anyMatch(gx::contains);
  }

  private static Map<String, Set<Integer>> nicknameGroups(String... groups) {
    Map<String, Set<Integer>> out = new HashMap<>();
    for (int i = 0; i < groups.length; i++) {
      GROUP_HEADS.add(groups[i].split(" ")[0]);
      for (String n : groups[i].split(" ")) {
        out.computeIfAbsent(n, k -> new HashSet<>()).add(i);
      }
    }
    return out;
  }
}
