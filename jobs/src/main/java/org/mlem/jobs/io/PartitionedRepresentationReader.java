package org.mlem.jobs.io;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.mlem.core.distance.Representations;
import org.mlem.core.distance.IdJoin;
import org.mlem.core.distance.IdsFrom;
import scala.Tuple2;

/**
 * Reads a representation set for the partitioned placement without collecting it: a Parquet or
 * CSV table is parsed and validated by Spark tasks, joined to the feature ids by id with a
 * distributed join, and keyed by the feature table's row. The checks and their messages are
 * those of the driver-side loader ({@link RepresentationFrames}, {@link IdAlignment}): empty
 * table, null/empty and duplicate ids, null, empty or ragged vectors, NaN/infinite values, ids on
 * one side only; each problem is found by a distributed query and the first one (in file order)
 * is reported. .npy and HDF5 files carry no distributed reader: they are read on the driver by
 * the existing loader (so the driver must hold that matrix once) and parallelized by the caller.
 */
public final class PartitionedRepresentationReader {
  private PartitionedRepresentationReader() {}

  /**
   * The shape of a representation set before reading it: {rows, dims}. Parquet/CSV: a count
   * and the first row (or the number of wide columns); .npy/HDF5: the array read on the driver.
   *
   * @throws InputException on a missing file or a schema problem
   */
  public static long[] shape(SparkSession spark, RepresentationInput input) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    InputPaths.requireReadable(conf, input.uri(), "representations");
    RepresentationFormat format = RepresentationFormat.resolve(conf, input.uri(),
        input.format(), "representations");
    if (format instanceof ArrayFormat arrays) {
      NumericArray array = arrays.array(conf, input);
      return new long[] {array.rows(), array.shape().length == 2 ? array.columns() : 0};
    }
    Layout layout = Layout.of(TableReader.read(spark, input.uri(), format.kind(),
        RepresentationReader.idColumn(input), "representations"), input);
    long rows = layout.frame.count();
    if (layout.vector == null) {
      return new long[] {rows, layout.columns.size()};
    }
    List<Row> first = layout.frame.limit(1).collectAsList();
    Object cell = first.isEmpty() ? null : first.get(0).get(1);
    double[] values = FrameColumns.components(cell, input.uri(), layout.vector, "?");
    return new long[] {rows, values == null ? 0 : values.length};
  }

  /**
   * Reads, validates and aligns the representations to the feature ids (see the class comment).
   *
   * @param featureIds the feature table's ids, in its order (row k of the result = id k)
   * @param featuresSource the feature file, for messages
   * @throws InputException naming the file, the id, the column and what to do
   */
  public static DistributedRepresentations read(SparkSession spark, RepresentationInput input,
      List<String> featureIds, String featuresSource) {
    return read(spark, input, featureIds, featuresSource, false);
  }

  /**
   * The stimulus ids of a representation set in file order (a table's id column, collected to
   * the driver without the vectors; an array's ids file or the features' order), checked to be
   * non-null and unique.
   */
  static List<String> ids(SparkSession spark, RepresentationInput input,
      List<String> featureIds, String featuresSource) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String uri = input.uri();
    InputPaths.requireReadable(conf, uri, "representations");
    RepresentationFormat format = RepresentationFormat.resolve(conf, uri, input.format(),
        "representations");
    if (format.readOnDriver()) {
      return RepresentationReader.readInFileOrder(spark, input, featureIds, featuresSource).ids();
    }
    String idColumn = RepresentationReader.idColumn(input);
    Layout layout = Layout.of(TableReader.read(spark, uri, format.kind(), idColumn,
        "representations"), input);
    List<String> ids = new ArrayList<>();
    for (Row row : layout.frame.select(functions.col(layout.frame.columns()[0])).collectAsList()) {
      ids.add(row.isNullAt(0) ? null : row.getString(0));
    }
    if (ids.isEmpty()) {
      throw new InputException(uri + ": the representation table is empty (0 rows); it"
          + " needs one row per stimulus");
    }
    FrameColumns.requireValidIds(ids, idColumn, "representations", uri);
    return ids;
  }

  /**
   * As {@link #read}, for ids already joined ({@link #ids}): every one of {@code analysedIds}
   * has a row, and rows of other ids are dropped.
   */
  static DistributedRepresentations readJoined(SparkSession spark, RepresentationInput input,
      List<String> analysedIds, String featuresSource) {
    return read(spark, input, analysedIds, featuresSource, true);
  }

  private static DistributedRepresentations read(SparkSession spark, RepresentationInput input,
      List<String> featureIds, String featuresSource, boolean dropOtherIds) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String uri = input.uri();
    InputPaths.requireReadable(conf, uri, "representations");
    RepresentationFormat format = RepresentationFormat.resolve(conf, uri, input.format(),
        "representations");
    if (format.readOnDriver()) {
      Representations read =
          RepresentationReader.readInFileOrder(spark, input, featureIds, featuresSource);
      Representations local = read.joined(IdAlignment.join(featureIds, featuresSource,
          read.ids(), "representations", uri, dropOtherIds ? IdsFrom.FEATURES : IdsFrom.REFUSE));
      return new DistributedRepresentations(null, local, local.size(), local.dims(), () -> { });
    }
    String idColumn = RepresentationReader.idColumn(input);
    Layout layout = Layout.of(TableReader.read(spark, uri, format.kind(), idColumn,
        "representations"), input);
    List<Row> head = layout.frame.limit(1).collectAsList();
    if (head.isEmpty()) {
      throw new InputException(uri + ": the representation table is empty (0 rows); it"
          + " needs one row per stimulus");
    }
    ParsedRow first = RowParser.parse(head.get(0), 0, layout.spec(uri), -1, null);
    int dims = first.values == null ? -1 : first.values.length;
    RowParser.Spec spec = layout.spec(uri);
    String firstId = first.id;
    JavaRDD<ParsedRow> parsed = layout.frame.javaRDD().zipWithIndex()
        .map(t -> RowParser.parse(t._1(), t._2(), spec, dims, firstId));
    parsed.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      checkIds(parsed, idColumn, uri);
      List<ParsedRow> bad = parsed.filter(p -> p.problem != null).takeOrdered(1, new ByPosition());
      if (!bad.isEmpty()) {
        throw new InputException(bad.get(0).problem);
      }
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      List<Tuple2<String, Integer>> order = new ArrayList<>(featureIds.size());
      for (int k = 0; k < featureIds.size(); k++) {
        order.add(new Tuple2<>(featureIds.get(k), k));
      }
      JavaPairRDD<String, Integer> featureRows = jsc.parallelizePairs(order,
          Math.max(1, parsed.getNumPartitions()));
      checkAlignment(parsed, featureRows, featureIds.size(), featuresSource, uri, dropOtherIds);
      JavaPairRDD<Integer, float[]> rows = parsed
          .mapToPair(p -> new Tuple2<>(p.id, p.values))
          .join(featureRows)
          .mapToPair(t -> new Tuple2<>(t._2()._2(), t._2()._1()));
      return new DistributedRepresentations(rows, null, featureIds.size(), dims,
          () -> parsed.unpersist(false));
    } catch (RuntimeException e) {
      parsed.unpersist(false);
      throw e;
    }
  }

  private static void checkIds(JavaRDD<ParsedRow> parsed, String idColumn, String uri) {
    List<Long> badRows = parsed.filter(p -> p.id == null || p.id.isEmpty())
        .map(p -> p.position).takeOrdered(FrameColumns.MAX_EXAMPLES);
    if (!badRows.isEmpty()) {
      List<String> text = new ArrayList<>();
      badRows.forEach(r -> text.add(Long.toString(r)));
      throw new InputException(uri + ": representations id column '" + idColumn
          + "' has null or empty ids at rows (0-based) " + String.join(", ", text)
          + "; every row needs a stimulus id");
    }
    List<Tuple2<Long, String>> duplicates = parsed
        .mapToPair(p -> new Tuple2<>(p.id, new long[] {1, p.position}))
        .reduceByKey((a, b) -> new long[] {a[0] + b[0], Math.min(a[1], b[1])})
        .filter(t -> t._2()[0] > 1)
        .map(t -> new Tuple2<>(t._2()[1], t._1()))
        .takeOrdered(FrameColumns.MAX_EXAMPLES, new ByFirst());
    if (!duplicates.isEmpty()) {
      List<String> ids = new ArrayList<>();
      duplicates.forEach(d -> ids.add(d._2()));
      throw new InputException(uri + ": representations id column '" + idColumn
          + "' has duplicate ids: " + String.join(", ", ids)
          + "; every stimulus must appear once");
    }
  }

  private static void checkAlignment(JavaRDD<ParsedRow> parsed,
      JavaPairRDD<String, Integer> featureRows, int featureCount, String featuresSource,
      String uri, boolean dropOtherIds) {
    JavaPairRDD<String, Long> positions = parsed.mapToPair(p -> new Tuple2<>(p.id, p.position));
    JavaRDD<Tuple2<Long, String>> onlyFeatures = featureRows.subtractByKey(positions)
        .map(t -> new Tuple2<>((long) t._2(), t._1()));
    JavaRDD<Tuple2<Long, String>> onlyReps = positions.subtractByKey(featureRows)
        .map(t -> new Tuple2<>(t._2(), t._1()));
    long featuresOnly = onlyFeatures.count();
    long repsOnly = dropOtherIds ? 0 : onlyReps.count();
    if (featuresOnly == 0 && repsOnly == 0) {
      return;
    }
    long repCount = parsed.count();
    throw new InputException(IdJoin.mismatch(IdsFrom.REFUSE, "features (" + featuresSource
        + ")", featureCount, featuresOnly, examples(onlyFeatures, featuresOnly),
        "representations (" + uri + ")", repCount, repsOnly, examples(onlyReps, repsOnly),
        "representations"));
  }

  private static List<String> examples(JavaRDD<Tuple2<Long, String>> ids, long count) {
    List<String> shown = new ArrayList<>();
    if (count > 0) {
      ids.takeOrdered(IdJoin.MAX_EXAMPLES, new ByFirst()).forEach(t -> shown.add(t._2()));
    }
    return shown;
  }

  /** Orders parsed rows by file position. */
  private static final class ByPosition implements Comparator<ParsedRow>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(ParsedRow a, ParsedRow b) {
      return Long.compare(a.position, b.position);
    }
  }

  /** Orders (position, id) pairs by position. */
  private static final class ByFirst implements Comparator<Tuple2<Long, String>>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Tuple2<Long, String> a, Tuple2<Long, String> b) {
      return Long.compare(a._1(), b._1());
    }
  }

  /** The selected columns: id then the vector column, or id then the wide columns. */
  private record Layout(Dataset<Row> frame, String vector, List<String> columns) {
    static Layout of(Dataset<Row> frame, RepresentationInput input) {
      String source = input.uri();
      String idColumn = RepresentationReader.idColumn(input);
      StructType schema = frame.schema();
      String vector =
          RepresentationFrames.vectorColumn(schema, idColumn, input.vectorColumn(), source);
      Column id = functions.col(idColumn).cast("string");
      if (vector != null) {
        return new Layout(frame.select(id, functions.col(vector)), vector, List.of());
      }
      List<String> columns = new ArrayList<>();
      List<Column> selected = new ArrayList<>();
      selected.add(id);
      for (StructField field : schema.fields()) {
        if (field.name().equals(idColumn)) {
          continue;
        }
        if (!FrameColumns.isNumeric(field.dataType())) {
          InputException typed = FrameColumns.wrongType(source, field.name(), "numeric",
              field.dataType());
          throw new InputException(typed.getMessage() + " Wide representations need a"
              + " number in every column but the id column '" + idColumn + "'.");
        }
        columns.add(field.name());
        selected.add(functions.col(field.name()));
      }
      if (columns.isEmpty()) {
        throw new InputException(source + ": no representation columns besides the id column '"
            + idColumn + "'; expected an array/vector column or numeric columns");
      }
      return new Layout(frame.select(selected.toArray(new Column[0])), null, columns);
    }

    RowParser.Spec spec(String source) {
      return new RowParser.Spec(source, vector, columns);
    }
  }
}
