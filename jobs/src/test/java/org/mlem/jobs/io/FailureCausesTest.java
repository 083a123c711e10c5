package org.mlem.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.spark.SparkException;
import org.junit.jupiter.api.Test;

/** Spark's wrappers are looked through: the root cause in one line, bad input found in text. */
class FailureCausesTest {
  @Test
  void theRootCauseIsReportedNotTheAwaitResultWrapper() {
    RuntimeException root = new RuntimeException("file:/d/reps.csv is not a Parquet file."
        + " Expected magic number at tail, but found [49, 10, 51, 10]\n\tat somewhere");
    SparkException wrapper = new SparkException("Exception thrown in awaitResult: ",
        new SparkException("Job aborted due to stage failure: Task 0 failed", root));
    assertEquals("file:/d/reps.csv is not a Parquet file. Expected magic number at tail, but"
        + " found [49, 10, 51, 10]", FailureCauses.rootLine(wrapper));
    assertEquals("IllegalStateException",
        FailureCauses.rootLine(new IllegalStateException((String) null)));
  }

  @Test
  void badInputIsFoundInTheChainOrInTheTextOfATaskFailure() {
    InputException bad = new InputException("r.csv: stimulus 'c' has NaN in column 0");
    assertSame(bad, FailureCauses.badInput(new SparkException("wrapped", bad)));
    SparkException task = new SparkException("Job aborted due to stage failure: Task 1 in stage"
        + " 3.0 failed 1 times, most recent failure: Lost task 1.0 (TID 7) (127.0.0.1 executor"
        + " driver): org.mlem.jobs.io.InputException: r.csv: stimulus 'c' has NaN in column 0\n"
        + "\tat org.mlem.jobs.io.RowParser.parse(RowParser.java:40)\n");
    assertEquals("r.csv: stimulus 'c' has NaN in column 0",
        FailureCauses.badInput(task).getMessage());
    assertNull(FailureCauses.badInput(new SparkException("Job aborted: OutOfMemoryError")));
  }
}
