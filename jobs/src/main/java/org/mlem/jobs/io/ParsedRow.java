package org.mlem.jobs.io;

import java.io.Serializable;

/**
 * One representation row as a Spark task parsed it: its id, its position in file order, its
 * float32 values, or (instead of values) the message of the first problem found in it.
 */
final class ParsedRow implements Serializable {
  private static final long serialVersionUID = 1L;

  final String id;
  final long position;
  final float[] values;
  final String problem;

  ParsedRow(String id, long position, float[] values, String problem) {
    this.id = id;
    this.position = position;
    this.values = values;
    this.problem = problem;
  }
}
