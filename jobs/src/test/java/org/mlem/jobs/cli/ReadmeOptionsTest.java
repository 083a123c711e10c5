package org.mlem.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mlem.core.config.Option;
import org.mlem.jobs.fit.JobOptions;
import org.junit.jupiter.api.Test;

/**
 * The README documents every option {@code mlem fit}, {@code sweep} and {@code rsa} take.
 */
class ReadmeOptionsTest {
  @Test
  void everyOptionIsInTheReadme() throws IOException {
    String readme = Files.readString(Path.of("../README.md"));
    List<String> missing = new ArrayList<>();
    List<Option<?>> options = new ArrayList<>(JobOptions.SWEEP.options());
    options.addAll(JobOptions.RSA.options());
    for (Option<?> o : options) {
      String name = o.negation() != null && o.defaultValue() == Boolean.TRUE
          && !readme.contains("`--" + o.key()) ? o.negation() : o.key();
      if (!readme.contains("`--" + name)) {
        missing.add("--" + name);
      }
    }
    assertEquals(List.of(), missing, "options missing from README.md");
  }
}
