package org.mlem.jobs.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The output layout's file names are spelled in one place, {@code output/OutputFiles}: read from
 * the sources, no other main class of jobs holds one of them as a string literal (the writers
 * and the reports reading what the writers wrote then cannot drift apart).
 */
class OutputFileNamesTest {
  private static final Path JOBS = Path.of("src/main/java/org/mlem/jobs");
  private static final Path HOME = JOBS.resolve("output/OutputFiles.java");
  private static final Pattern NAME = Pattern.compile("\"(_SUCCESS|report\\.html|"
      + "(run|sweep|batch_size|robustness|simulate|efficiency|rsa)\\.json|"
      + "(weights|importance|importance_summary|scores|history|combined|robustness|runs"
      + "|weighted_tau|efficiency|efficiency_importance)\\.csv)\"");

  @Test
  void onlyOutputFilesSpellsAnOutputFileName() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(JOBS)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        if (p.equals(HOME)) {
          continue;
        }
        List<String> lines = Files.readAllLines(p);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = NAME.matcher(lines.get(i));
          while (m.find()) {
            found.add(JOBS.relativize(p) + ":" + (i + 1) + " " + m.group());
          }
        }
      }
    }
    assertEquals(List.of(), found, "use the constants of output/OutputFiles");
  }

  @Test
  void outputFilesItselfSpellsThem() throws IOException {
    Matcher m = NAME.matcher(Files.readString(HOME));
    int n = 0;
    while (m.find()) {
      n++;
    }
    assertEquals(9, n, "the pattern finds the nine file names where they are declared: _SUCCESS,"
        + " report.html and seven JSON files (the tables are declared without .csv)");
  }
}
