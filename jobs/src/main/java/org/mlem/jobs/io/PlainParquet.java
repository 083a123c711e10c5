package org.mlem.jobs.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.FeatureTable;

/**
 * A plain local Parquet table read on the driver with parquet-hadoop's column readers, without
 * Spark SQL, giving exactly what Spark's reader ({@link TableReader}, then
 * {@link RepresentationFrames}) gives: the same columns and types, the rows in the same order,
 * the same checks and messages. A small fit then does not pay for Spark's start-up and its
 * first query.
 *
 * <p>"Plain" is checked, not assumed: a local file, or a local directory whose data files (names
 * starting with "_" or "." skipped, as Spark does) are Parquet files directly inside it, named
 * with letters, digits and {@code . _ -} only (Spark's own part files; so the order by name is
 * the order of Spark's file paths); every file with the same schema; top-level columns that are
 * UTF-8 strings, signed integers (8 to 64 bits), float, double or boolean, or a list of signed
 * integers, float or double in the standard 3-level layout (or the legacy 2-level one), no two
 * names equal ignoring case; compressed with none, Snappy, gzip, zstd or LZ4_RAW. Anything else
 * (ML Vector structs, nested or logical types such as dates and decimals, partition directories
 * {@code key=value}, remote URIs, other codecs) returns empty, and the caller reads the table
 * with Spark, which decides (and reports) exactly as before.
 *
 * <p>Order: the rows of one file in file order (row groups in order, as Spark's splits are); a
 * directory's files by name, as {@link TableReader} sorts several files by path.
 */
public final class PlainParquet {
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._-]+");
  /** Compressions read by the codecs Spark ships (others are left to Spark to accept or not). */
  private static final Set<CompressionCodecName> PLAIN_CODECS = Set.of(
      CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY, CompressionCodecName.GZIP,
      CompressionCodecName.ZSTD, CompressionCodecName.LZ4_RAW);

  private final Configuration conf;
  private final String uri;
  private final String role;
  private final List<Path> files;
  private final MessageType parquetSchema;
  private final StructType schema;
  /** The number of values (list elements and nulls included) of each top-level column. */
  private final Map<String, Long> values;
  /** The failure of reading a footer, thrown when the table is read (as Spark would fail). */
  private final InputException unreadable;

  private PlainParquet(Configuration conf, String uri, String role, List<Path> files,
      MessageType parquetSchema, StructType schema, Map<String, Long> values,
      InputException unreadable) {
    this.conf = conf;
    this.uri = uri;
    this.role = role;
    this.files = files;
    this.parquetSchema = parquetSchema;
    this.schema = schema;
    this.values = values;
    this.unreadable = unreadable;
  }

  /**
   * Inspects a Parquet file or directory (listing and footers only).
   *
   * @param uri the table, checked to exist
   * @param role e.g. "representations", in messages
   * @return the table if it is plain (see the class comment); a file that is no Parquet file is
   *     plain too, its error raised by the first read, as Spark raises it when reading
   */
  public static Optional<PlainParquet> inspect(Configuration conf, String uri, String role) {
    Optional<java.nio.file.Path> local = PlainCsv.localFile(uri);
    if (local.isEmpty()) {
      return Optional.empty();
    }
    FileStatus status = InputPaths.status(conf, uri, role);
    List<Path> files = new ArrayList<>();
    if (status.isDirectory()) {
      Map<String, List<String>> groups = DirectoryContents.inspect(conf, uri, role).groups();
      if (groups.size() != 1 || !groups.containsKey(".parquet")) {
        return Optional.empty();
      }
      for (String name : groups.get(".parquet")) {
        if (!PLAIN_NAME.matcher(name).matches()) {
          return Optional.empty();
        }
        files.add(new Path(status.getPath(), name));
      }
    } else {
      files.add(status.getPath());
    }
    MessageType parquetSchema = null;
    Map<String, Long> values = new java.util.HashMap<>();
    for (Path file : files) {
      MessageType fileSchema;
      try (ParquetFileReader reader =
          ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
        fileSchema = reader.getFooter().getFileMetaData().getSchema();
        for (org.apache.parquet.hadoop.metadata.BlockMetaData block
            : reader.getFooter().getBlocks()) {
          for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData chunk
              : block.getColumns()) {
            if (!PLAIN_CODECS.contains(chunk.getCodec())) {
              return Optional.empty();
            }
            values.merge(chunk.getPath().toArray()[0], chunk.getValueCount(), Long::sum);
          }
        }
      } catch (IOException | RuntimeException e) {
        return Optional.of(new PlainParquet(conf, uri, role, files, null, null, Map.of(),
            unreadable(uri, role, e)));
      }
      if (parquetSchema == null) {
        parquetSchema = fileSchema;
      } else if (!parquetSchema.equals(fileSchema)) {
        return Optional.empty();
      }
    }
    StructType schema = sparkSchema(parquetSchema);
    if (schema == null) {
      return Optional.empty();
    }
    return Optional.of(new PlainParquet(conf, uri, role, List.copyOf(files), parquetSchema, schema,
        Map.copyOf(values), null));
  }

  /** {@link TableReader}'s message for a file Spark cannot read as Parquet. */
  private static InputException unreadable(String uri, String role, Exception e) {
    return new InputException("cannot read the " + role + " file " + uri + " as parquet: "
        + FailureCauses.rootLine(e), e);
  }

  /** The schema Spark reads, or null when a column is not plain. */
  private static StructType sparkSchema(MessageType parquet) {
    List<StructField> fields = new ArrayList<>();
    Set<String> lowerCase = new HashSet<>();
    for (Type field : parquet.getFields()) {
      if (field.isRepetition(Type.Repetition.REPEATED)
          || !lowerCase.add(field.getName().toLowerCase(Locale.ROOT))) {
        return null;
      }
      DataType type = field.isPrimitive() ? scalarType(field.asPrimitiveType())
          : arrayType(field.asGroupType());
      if (type == null) {
        return null;
      }
      fields.add(new StructField(field.getName(), type,
          field.isRepetition(Type.Repetition.OPTIONAL), Metadata.empty()));
    }
    return new StructType(fields.toArray(new StructField[0]));
  }

  /** Spark's type of a plain primitive column, or null. */
  private static DataType scalarType(PrimitiveType type) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    switch (type.getPrimitiveTypeName()) {
      case BINARY:
        return logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            ? DataTypes.StringType : null;
      case INT32:
        if (logical == null) {
          return DataTypes.IntegerType;
        }
        if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned()) {
          return i.getBitWidth() == 8 ? DataTypes.ByteType
              : i.getBitWidth() == 16 ? DataTypes.ShortType
              : i.getBitWidth() == 32 ? DataTypes.IntegerType : null;
        }
        return null;
      case INT64:
        return logical == null
            || (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
                && i.isSigned() && i.getBitWidth() == 64) ? DataTypes.LongType : null;
      case FLOAT:
        return logical == null ? DataTypes.FloatType : null;
      case DOUBLE:
        return logical == null ? DataTypes.DoubleType : null;
      case BOOLEAN:
        return logical == null ? DataTypes.BooleanType : null;
      default:
        return null;
    }
  }

  /**
   * Spark's type of a LIST of numbers: the standard layout {@code <list> (LIST) { repeated group
   * list { <element>; } }} or the legacy {@code <list> (LIST) { repeated <element>; }}; null for
   * anything else (a map, a struct, Spark's legacy names that make the element a struct).
   */
  private static DataType arrayType(GroupType group) {
    if (!(group.getLogicalTypeAnnotation()
        instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)
        || group.getFieldCount() != 1 || !group.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      return null;
    }
    Type repeated = group.getType(0);
    Type element;
    boolean containsNull;
    if (repeated.isPrimitive()) {
      element = repeated;
      containsNull = false;
    } else {
      GroupType inner = repeated.asGroupType();
      if (inner.getFieldCount() != 1 || inner.getName().equals("array")
          || inner.getName().equals(group.getName() + "_tuple")
          || !inner.getType(0).isPrimitive()
          || inner.getType(0).isRepetition(Type.Repetition.REPEATED)) {
        return null;
      }
      element = inner.getType(0);
      containsNull = element.isRepetition(Type.Repetition.OPTIONAL);
    }
    DataType elementType = scalarType(element.asPrimitiveType());
    if (elementType == null || !SparkTypes.isNumeric(elementType)) {
      return null;
    }
    return DataTypes.createArrayType(elementType, containsNull);
  }

  /** The columns and types Spark reads from the table. */
  public StructType schema() {
    if (unreadable != null) {
      throw unreadable;
    }
    return schema;
  }

  /**
   * Whether {@link #representations} gives what Spark's path gives for these columns: the id
   * column a string or an integer column (Spark casts it to text), and a vector column (named or
   * detected, see {@link RepresentationFrames#vectorColumn}) or else wide columns that are all
   * numeric. A table that cannot be read, a missing or wrongly typed column are supported: they
   * raise Spark's messages. Other layouts (e.g. wide columns holding text, whose message quotes
   * a value) are left to Spark.
   */
  public boolean supportsRepresentations(String idColumn, String vectorColumn) {
    if (unreadable != null || !schema.getFieldIndex(idColumn).isDefined()) {
      return true;
    }
    if (!isIdType(schema.apply(idColumn).dataType())) {
      return false;
    }
    String vector;
    try {
      vector = RepresentationFrames.vectorColumn(schema, idColumn, vectorColumn, uri);
    } catch (InputException e) {
      return true;
    }
    if (vector != null) {
      return true;
    }
    for (StructField field : schema.fields()) {
      if (!field.name().equals(idColumn) && !SparkTypes.isNumeric(field.dataType())) {
        return false;
      }
    }
    return true;
  }

  /**
   * An upper bound, from the footers, of the representation matrix's float32 size: every value
   * of the columns but the id, 4 bytes each (0 for a table that cannot be read), so a matrix
   * beyond a budget is not read on the driver first.
   */
  public long representationBytes(String idColumn) {
    long count = 0;
    for (Map.Entry<String, Long> column : values.entrySet()) {
      if (!column.getKey().equals(idColumn)) {
        count += column.getValue();
      }
    }
    return count * Float.BYTES;
  }

  /**
   * Reads the representations as {@link TableFormat} reads them with Spark (call only when
   * {@link #supportsRepresentations} is true).
   *
   * @param idColumn the id column
   * @param vectorColumn the vector column, or null to detect
   * @return the representations, rows in the table's order
   * @throws InputException exactly where and as the Spark path throws
   */
  public Representations representations(String idColumn, String vectorColumn) {
    String vector = RepresentationFrames.vectorColumn(schema(), idColumn, vectorColumn, uri);
    if (vector != null) {
      List<ConvertedRow> rows = new ArrayList<>();
      Columns columns = read(List.of(idColumn, vector));
      for (int r = 0; r < columns.rows(); r++) {
        String id = columns.id(0, r);
        ListColumn values = (ListColumn) columns.get(1);
        rows.add(ConvertedRow.of(id, values.values.get(r), values.nullElement.get(r), uri,
            vector));
      }
      return RepresentationFrames.fromConvertedRows(rows, idColumn, vector, uri);
    }
    List<String> wide = new ArrayList<>();
    for (StructField field : schema.fields()) {
      if (!field.name().equals(idColumn)) {
        wide.add(field.name());
      }
    }
    if (wide.isEmpty()) {
      throw RepresentationFrames.noWideColumns(idColumn, uri);
    }
    List<String> names = new ArrayList<>();
    names.add(idColumn);
    names.addAll(wide);
    Columns columns = read(names);
    List<String> ids = new ArrayList<>(columns.rows());
    for (int r = 0; r < columns.rows(); r++) {
      ids.add(columns.id(0, r));
    }
    return RepresentationFrames.fromWideCells(ids, wide,
        (r, c) -> (Number) ((ScalarColumn) columns.get(c + 1)).values.get(r), idColumn, uri);
  }

  /**
   * Whether {@link #features} gives what Spark's path gives: every column a scalar (no array
   * features) and the id column text or an integer, or missing (Spark's message then).
   */
  public boolean supportsFeatures(String idColumn) {
    if (unreadable != null) {
      return true;
    }
    for (StructField field : schema.fields()) {
      if (field.dataType() instanceof ArrayType) {
        return false;
      }
    }
    return !schema.getFieldIndex(idColumn).isDefined() || isIdType(schema.apply(idColumn)
        .dataType());
  }

  private static boolean isIdType(DataType id) {
    return id == DataTypes.StringType || id == DataTypes.IntegerType || id == DataTypes.LongType
        || id == DataTypes.ShortType || id == DataTypes.ByteType;
  }

  /**
   * Reads the feature table as {@link InputLoader#readFeatures} reads it with Spark (call only
   * when {@link #supportsFeatures} is true): the id cast to text, rows in the table's order.
   *
   * @throws InputException exactly where and as the Spark path throws
   */
  public FeatureTable features(String idColumn,
      List<String> featureColumns) {
    PlainCsv.Table table = rows(idColumn);
    return FeatureFrames.fromRows(table.schema(), table.rows(), idColumn, featureColumns, uri);
  }

  /**
   * The table's rows as Spark reads them for a feature table (call only when
   * {@link #supportsFeatures} is true): the id column (when present) cast to text, every other
   * column as read, rows in the table's order.
   */
  public PlainCsv.Table rows(String idColumn) {
    StructType read = schema();
    boolean hasId = read.getFieldIndex(idColumn).isDefined();
    List<String> names = List.of(read.fieldNames());
    Columns columns = read(names);
    StructField[] fields = read.fields().clone();
    int idIndex = hasId ? read.fieldIndex(idColumn) : -1;
    if (hasId) {
      fields[idIndex] = new StructField(idColumn, DataTypes.StringType, true, Metadata.empty());
    }
    List<Row> rows = new ArrayList<>(columns.rows());
    for (int r = 0; r < columns.rows(); r++) {
      Object[] values = new Object[names.size()];
      for (int c = 0; c < values.length; c++) {
        values[c] = c == idIndex ? columns.id(c, r)
            : ((ScalarColumn) columns.get(c)).values.get(r);
      }
      rows.add(RowFactory.create(values));
    }
    return new PlainCsv.Table(new StructType(fields), rows);
  }

  /** Read columns, rows in the table's order. */
  private record Columns(List<Object> columns, int rows) {
    Object get(int c) {
      return columns.get(c);
    }

    /** Column c's value in row r as Spark's cast to text gives it (null stays null). */
    String id(int c, int r) {
      Object value = ((ScalarColumn) columns.get(c)).values.get(r);
      return value == null ? null : value.toString();
    }
  }

  /** A scalar column's values (String, Byte, Short, Integer, Long, Float, Double, Boolean). */
  private static final class ScalarColumn {
    final List<Object> values = new ArrayList<>();
  }

  /** A list column: each row's components (null: a null list) and first null element (-1). */
  private static final class ListColumn {
    final List<double[]> values = new ArrayList<>();
    final List<Integer> nullElement = new ArrayList<>();
  }

  /** Reads the named top-level columns of every file, in order. */
  private Columns read(List<String> names) {
    List<Object> columns = new ArrayList<>();
    for (String name : names) {
      columns.add(schema.apply(name).dataType() instanceof ArrayType
          ? new ListColumn() : new ScalarColumn());
    }
    long total = 0;
    for (Path file : files) {
      try (ParquetFileReader reader =
          ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
        String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
        PageReadStore pages;
        while ((pages = reader.readNextRowGroup()) != null) {
          long rows = pages.getRowCount();
          ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
              new DummyRecordConverter(parquetSchema).getRootConverter(), parquetSchema,
              createdBy);
          for (int c = 0; c < names.size(); c++) {
            ColumnDescriptor column = descriptor(names.get(c));
            ColumnReader values = store.getColumnReader(column);
            long entries = pages.getPageReader(column).getTotalValueCount();
            if (columns.get(c) instanceof ListColumn list) {
              readList(values, entries, column, rows, list, file);
            } else {
              readScalar(values, entries, column, rows, (ScalarColumn) columns.get(c), file);
            }
          }
          total += rows;
        }
      } catch (IOException | RuntimeException e) {
        if (e instanceof InputException ie) {
          throw ie;
        }
        throw unreadable(uri, role, e);
      }
    }
    return new Columns(columns, Math.toIntExact(total));
  }

  /** The leaf column of a top-level column (one leaf: plain columns are no structs). */
  private ColumnDescriptor descriptor(String name) {
    for (ColumnDescriptor column : parquetSchema.getColumns()) {
      if (column.getPath()[0].equals(name)) {
        return column;
      }
    }
    throw new IllegalStateException("no leaf column under " + name);
  }

  private static void readScalar(ColumnReader values, long entries, ColumnDescriptor column,
      long rows, ScalarColumn into, Path file) {
    int defined = column.getMaxDefinitionLevel();
    if (entries != rows) {
      throw new InputException(file + ": column " + column + " holds " + entries
          + " values for " + rows + " rows");
    }
    LogicalTypeAnnotation logical = column.getPrimitiveType().getLogicalTypeAnnotation();
    int bits = logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
        ? i.getBitWidth() : 32;
    for (long r = 0; r < rows; r++) {
      Object value = null;
      if (values.getCurrentDefinitionLevel() == defined) {
        value = switch (column.getPrimitiveType().getPrimitiveTypeName()) {
          case BINARY -> values.getBinary().toStringUsingUTF8();
          case INT32 -> bits == 8 ? (Object) (byte) values.getInteger()
              : bits == 16 ? (Object) (short) values.getInteger() : (Object) values.getInteger();
          case INT64 -> values.getLong();
          case FLOAT -> values.getFloat();
          case DOUBLE -> values.getDouble();
          case BOOLEAN -> values.getBoolean();
          default -> throw new IllegalStateException("not a plain column: " + column);
        };
      }
      into.values.add(value);
      values.consume();
    }
  }

  /**
   * Reads a list column by its levels: a new row at repetition level 0; a null list below the
   * list's definition level, an empty one below the repeated field's, a null element below the
   * leaf's.
   */
  private void readList(ColumnReader values, long entries, ColumnDescriptor column, long rows,
      ListColumn into, Path file) {
    String[] path = column.getPath();
    int listDefined = parquetSchema.getMaxDefinitionLevel(path[0]);
    int entryDefined = parquetSchema.getMaxDefinitionLevel(path[0], path[1]);
    int defined = column.getMaxDefinitionLevel();
    PrimitiveType.PrimitiveTypeName type = column.getPrimitiveType().getPrimitiveTypeName();
    long started = 0;
    // one buffer for every row (grown to the longest), each row copied out at its exact size
    double[] buffer = new double[64];
    boolean nullList = false;
    int size = 0;
    int nullAt = -1;
    boolean open = false;
    for (long e = 0; e < entries; e++) {
      int definition = values.getCurrentDefinitionLevel();
      if (values.getCurrentRepetitionLevel() == 0) {
        if (open) {
          finish(into, nullList ? null : buffer, size, nullAt);
        }
        open = true;
        started++;
        nullList = definition < listDefined;
        size = 0;
        nullAt = -1;
      }
      if (definition >= entryDefined) {
        if (size == buffer.length) {
          buffer = Arrays.copyOf(buffer, size * 2);
        }
        if (definition == defined) {
          buffer[size] = switch (type) {
            case INT32 -> values.getInteger();
            case INT64 -> (double) values.getLong();
            case FLOAT -> values.getFloat();
            case DOUBLE -> values.getDouble();
            default -> throw new IllegalStateException("not a plain list: " + column);
          };
        } else if (nullAt < 0) {
          nullAt = size;
        }
        size++;
      }
      values.consume();
    }
    if (open) {
      finish(into, nullList ? null : buffer, size, nullAt);
    }
    if (started != rows) {
      throw new InputException(file + ": column " + column + " holds " + started
          + " lists for " + rows + " rows");
    }
  }

  private static void finish(ListColumn into, double[] values, int size, int nullAt) {
    into.values.add(values == null ? null : Arrays.copyOf(values, size));
    into.nullElement.add(nullAt);
  }
}
