package org.mlem.jobs.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Reads an ids file: UTF-8 text, one stimulus id per line in the row order of an array file
 * (.npy, HDF5) that carries no ids. Surrounding blanks are trimmed; trailing empty lines are
 * ignored; an empty line in between is an error.
 */
final class IdsFile {
  private IdsFile() {}

  static List<String> read(Configuration conf, String uri) {
    List<String> ids = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        InputPaths.fileSystem(conf, uri).open(new Path(uri)), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        ids.add(line.strip());
      }
    } catch (IOException e) {
      throw new InputException(uri + ": cannot read the ids file (" + e.getMessage() + ")", e);
    }
    while (!ids.isEmpty() && ids.get(ids.size() - 1).isEmpty()) {
      ids.remove(ids.size() - 1);
    }
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i).isEmpty()) {
        throw new InputException(uri + ": line " + (i + 1) + " of the ids file is empty; give one"
            + " stimulus id per line");
      }
    }
    List<String> duplicates = FrameColumns.duplicates(ids);
    if (!duplicates.isEmpty()) {
      throw new InputException(uri + ": the ids file has duplicate ids: "
          + String.join(", ", duplicates) + "; every stimulus must appear once");
    }
    return ids;
  }
}
