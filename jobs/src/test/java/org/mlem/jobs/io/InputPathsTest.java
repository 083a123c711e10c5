package org.mlem.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Path checks and format detection: plain Hadoop, no Spark. */
class InputPathsTest {
  @TempDir Path dir;

  @Test
  void existingLocalPathsAndFileUrisAreReadable() throws IOException {
    Path file = Files.writeString(dir.resolve("f.csv"), "id\n");
    Configuration conf = new Configuration();
    InputPaths.requireReadable(conf, file.toString(), "features");
    InputPaths.requireReadable(conf, file.toUri().toString(), "features");
    InputPaths.requireReadable(conf, dir.toString(), "representations");
  }

  @Test
  void missingOrBlankPathsFailNamingTheRole() {
    Configuration conf = new Configuration();
    String missing = dir.resolve("x/y.csv").toString();
    assertEquals("features file not found: " + missing, assertThrows(InputException.class,
        () -> InputPaths.requireReadable(conf, missing, "features")).getMessage());
    String uri = "file://" + missing;
    assertEquals("representations file not found: " + uri, assertThrows(InputException.class,
        () -> InputPaths.requireReadable(conf, uri, "representations")).getMessage());
    assertEquals("features file must be given, found none", assertThrows(InputException.class,
        () -> InputPaths.requireReadable(conf, null, "features")).getMessage());
  }

  @Test
  void formatsAreDetectedByExtension() {
    assertEquals(InputFormat.PARQUET, InputFormat.detect("hdfs://nn/x/f.parquet/", true, "f"));
    assertEquals(InputFormat.PARQUET, InputFormat.detect("/x/table", true, "f"));
    assertEquals(InputFormat.CSV, InputFormat.detect("s3a://b/F.CSV", false, "f"));
    assertEquals(InputFormat.NPY, InputFormat.detect("layer.npy", false, "f"));
    assertEquals(InputFormat.HDF5, InputFormat.detect("a.h5", false, "f"));
    assertEquals(InputFormat.HDF5, InputFormat.detect("a.hdf5", false, "f"));
    assertEquals("cannot tell the format of the features file a.txt from its name; expected"
        + " .parquet (or a Parquet directory), .csv, .npy, .h5 or .hdf5, or set the format"
        + " explicitly", assertThrows(InputException.class,
            () -> InputFormat.detect("a.txt", false, "features")).getMessage());
  }
}
