package dev.leadscore.bench;

import dev.leadscore.bench.cli.LeadscoreCli;
import java.util.Arrays;

/**
 * The entry point of {@code leadscore-bench.jar}: {@code jmh} hands its arguments to the JMH
 * runner; every other command ({@code demo}, {@code train}, {@code evaluate}, {@code score},
 * {@code report}, {@code help}) is parsed by {@link LeadscoreCli}. Not a library API.
 */
public final class Main {
  private Main() {}

  /** Entry point; exits with the command's code (0 success, 1 failure, 2 usage error). */
  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (args.length == 0 ? "" : args[0]) {
      case "jmh":
        if (rest.length == 1 && (rest[0].equals("-h") || rest[0].equals("--help"))) {
          System.out.println("Usage: java -jar leadscore-bench.jar jmh [JMH options] [benchmark regex]");
          System.out.println("Runs the JMH benchmarks of leadscore-bench with JMH's own options, e.g. jmh -f 2 -wi 10 -i 5"
              + " Scoring (see leadscore-bench/RESULTS.md). JMH's options follow.");
          System.out.println();
          org.openjdk.jmh.Main.main(new String[] {"-h"});
          System.exit(0);
        }
        org.openjdk.jmh.Main.main(rest);
        break;
      default:
        System.exit(LeadscoreCli.run(args, System.out, System.err));
    }
  }
}
