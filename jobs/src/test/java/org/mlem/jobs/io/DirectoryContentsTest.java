package org.mlem.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Directories are inspected before any reader (or Spark) sees them: the format they hold, or one
 * line saying what was found and what to pass. No Spark here.
 */
class DirectoryContentsTest {
  private static final Configuration CONF = new Configuration();
  @TempDir Path tmp;

  private Path dir(String name, String... files) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    for (String file : files) {
      Path path = dir.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.endsWith(".parquet") || !file.contains(".")
          ? "PAR1 not really" : "id,v\n");
    }
    return dir;
  }

  private static String resolveError(Path dir, String role) {
    return assertThrows(InputException.class, () -> RepresentationFormat.resolve(CONF,
        dir.toString(), InputFormat.AUTO, role)).getMessage();
  }

  @Test
  void aParquetDatasetIsParquetAndHiddenFilesAreIgnored() throws IOException {
    Path d = dir("table", "_SUCCESS", ".part-0.parquet.crc", "part-0.snappy.parquet",
        "layer=1/part-1.snappy.parquet", "part-2-without-extension");
    assertEquals(InputFormat.PARQUET, DirectoryContents.inspect(CONF, d.toString(), "features")
        .tableFormat());
    assertEquals(InputFormat.PARQUET, RepresentationFormat.resolve(CONF, d.toString(),
        InputFormat.AUTO, "features").kind());
  }

  @Test
  void aDirectoryOfCsvFilesIsOneCsvTable() throws IOException {
    Path d = dir("layer=0", "reps.csv");
    assertEquals(InputFormat.CSV, RepresentationFormat.resolve(CONF, d + "/",
        InputFormat.AUTO, "representations").kind());
  }

  @Test
  void aDirectoryOfNpyFilesIsRefusedWithWhatToPass() throws IOException {
    Path d = dir("arrays", "a.npy", "b.npy", "c.npy", "d.npy");
    assertEquals("representations path " + d + " is a directory holding 4 .npy files (a.npy,"
        + " b.npy, c.npy, ...); a directory is read as one table only when it holds Parquet files"
        + " (a Parquet dataset) or CSV files (with the same header): pass one file (e.g. " + d
        + "/a.npy), or to sweep them, a glob with one file per set (e.g. '" + d + "/*.npy')",
        resolveError(d, "representations"));
  }

  @Test
  void mixedAndEmptyDirectoriesAreRefused() throws IOException {
    Path mixed = dir("mixed", "a.csv", "b.parquet", "notes.txt");
    assertEquals("features path " + mixed + " is a directory holding 1 .csv file (a.csv) and 1"
        + " .parquet file (b.parquet) and 1 other file (notes.txt); a directory is read as one"
        + " table only when it holds Parquet files (a Parquet dataset) or CSV files (with the"
        + " same header): pass a Parquet or CSV file, or a directory holding only one of the two",
        resolveError(mixed, "features"));
    Path empty = dir("empty", "_SUCCESS");
    assertEquals("features path " + empty + " is an empty directory (no data files; names"
        + " starting with '_' or '.' are ignored); a directory is read as one table only when it"
        + " holds Parquet files (a Parquet dataset) or CSV files (with the same header): pass a"
        + " Parquet or CSV file, or a directory holding only one of the two",
        resolveError(empty, "features"));
  }

  @Test
  void extensionsSelectTheFormatWithoutLookingAtTheFile() {
    assertEquals(InputFormat.NPY, RepresentationFormat.byExtension("s3a://b/L.NPY").kind());
    assertEquals(InputFormat.HDF5, RepresentationFormat.byExtension("x.hdf5").kind());
    assertEquals(InputFormat.PARQUET, RepresentationFormat.byExtension("t.parquet/").kind());
    assertEquals(null, RepresentationFormat.byExtension("t.txt"));
    assertEquals(List.of(true, true), List.of(RepresentationFormat.of(InputFormat.NPY)
        .readOnDriver(), RepresentationFormat.of(InputFormat.HDF5).readOnDriver()));
    assertEquals(List.of(false, false), List.of(RepresentationFormat.of(InputFormat.CSV)
        .readOnDriver(), RepresentationFormat.of(InputFormat.PARQUET).readOnDriver()));
  }
}
