# Shared by the launchers in submit-scripts/ (sourced, not run).
# shellcheck shell=bash

MLEM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MLEM_SPARK_HOME="$MLEM_ROOT/jobs/target/spark-home"

# Spark needs the --add-opens on Java 17; the Vector API module speeds up neural distances
# (results are identical without it). The same list as spark.add.opens in the parent pom.xml.
MLEM_ADD_OPENS=(
  --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
)

# Prints the shaded jar's path, or nothing when it is not built.
mlem_shaded_jar() {
  local jar
  for jar in "$MLEM_ROOT"/jobs/target/mlem-jobs-*-all.jar; do
    [[ -f "$jar" ]] && { echo "$jar"; return 0; }
  done
  return 0
}

# Builds the shaded jar and Spark's jars when either is missing, or when a source file or POM
# is newer than the jar (a checkout that moved on since the last build).
# With MLEM_NO_BUILD=1 (set by the integration tests, which run after Maven's package) nothing
# is built: a missing jar is an error instead.
mlem_ensure_built() {
  local jar
  jar="$(mlem_shaded_jar)"
  if [[ "${MLEM_NO_BUILD:-}" == 1 ]]; then
    if [[ -z "$jar" || ! -d "$MLEM_SPARK_HOME/jars" ]]; then
      echo "mlem: MLEM_NO_BUILD=1 but the shaded jar or $MLEM_SPARK_HOME/jars is missing;" \
           "run mvn -B -DskipTests package" >&2
      exit 2
    fi
  elif [[ -z "$jar" || ! -d "$MLEM_SPARK_HOME/jars" ]] || mlem_sources_newer_than "$jar"; then
    echo "mlem: building the project (mvn -q -B -DskipTests package) ..." >&2
    # Maven 3.8 prints colour reset codes even in batch mode (-B); strip every escape sequence.
    (cd "$MLEM_ROOT" && mvn -q -B -Dstyle.color=never -DskipTests package 2>&1 \
      | sed -u -e $'s/\e\\[[0-9;]*[A-Za-z]//g') >&2
  fi
  mlem_link_spark_submit
}

# Gives the Maven-built Spark home a bin/spark-submit (a link to submit-scripts/spark-submit),
# so that SPARK_HOME=jobs/target/spark-home works for mlem-submit like a Spark installation.
mlem_link_spark_submit() {
  local bin="$MLEM_SPARK_HOME/bin"
  [[ -d "$MLEM_SPARK_HOME/jars" ]] || return 0
  if [[ ! -x "$bin/spark-submit" ]]; then
    mkdir -p "$bin"
    ln -sfn "$MLEM_ROOT/submit-scripts/spark-submit" "$bin/spark-submit"
  fi
}

# True when a source file or POM of the checkout is newer than the given file.
mlem_sources_newer_than() {
  [[ -d "$MLEM_ROOT/core/src" ]] || return 1
  [[ -n "$(find "$MLEM_ROOT/pom.xml" "$MLEM_ROOT/core/pom.xml" "$MLEM_ROOT/jobs/pom.xml" \
      "$MLEM_ROOT/core/src/main" "$MLEM_ROOT/jobs/src/main" -newer "$1" -type f -print -quit \
      2>/dev/null)" ]]
}

# The class-data-sharing archive built by submit-scripts/mlem-cds-archive at package time, and
# the JVM options that keep CDS's own notes (archive skipped, classpath mismatch) off the
# console: the JVM falls back to loading classes normally when it cannot use an archive.
MLEM_CDS_ARCHIVE="$MLEM_ROOT/jobs/target/mlem.jsa"
MLEM_CDS_QUIET=(-Xlog:cds=off -Xlog:cds+dynamic=off -Xlog:class+path=off)

# What an archive is valid for: the java executable and the classpath (the JVM also refuses an
# archive whose jars changed; the launcher checks the archive is newer than them first).
mlem_cds_key() {
  echo "java=$(command -v "$(mlem_java)") classpath=$1"
}

# Prints the JVM options that use the archive, one a line, or nothing: with MLEM_CDS=off, when
# the archive is missing, older than the shaded jar or Spark's jars, or built for another java
# or classpath.
mlem_cds_options() {
  [[ "${MLEM_CDS:-on}" != off ]] || return 0
  [[ -s "$MLEM_CDS_ARCHIVE" && -f "$MLEM_CDS_ARCHIVE.key" ]] || return 0
  [[ "$(cat "$MLEM_CDS_ARCHIVE.key")" == "$(mlem_cds_key "$1")" ]] || return 0
  [[ -z "$(find "$MLEM_ROOT"/jobs/target/mlem-jobs-*-all.jar "$MLEM_SPARK_HOME/jars" \
      -newer "$MLEM_CDS_ARCHIVE" -print -quit 2>/dev/null)" ]] || return 0
  printf '%s\n' "-XX:SharedArchiveFile=$MLEM_CDS_ARCHIVE" "${MLEM_CDS_QUIET[@]}"
}

mlem_java() {
  if [[ -n "${JAVA_HOME:-}" ]]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}

# The classpath of the MLEM command line: the shaded jar and Spark's jars (built when missing,
# see mlem_ensure_built), or MLEM_CLASSPATH when set (the tests run the launchers on the
# build's classes: nothing is built then).
mlem_classpath() {
  if [[ -n "${MLEM_CLASSPATH:-}" ]]; then
    echo "$MLEM_CLASSPATH"
    return 0
  fi
  mlem_ensure_built >&2
  echo "$(mlem_shaded_jar):$MLEM_SPARK_HOME/jars/*"
}

# The JVM prints "WARNING: Using incubator modules: jdk.incubator.vector" on stderr at start-up
# (the Vector API module speeds up neural distances; nothing is wrong). Routes the rest of this
# script's stderr, and so the JVM's once it is exec'd, through a filter that drops that line.
# The filter ignores SIGINT and SIGTERM: a Ctrl-C reaches the JVM, whose last line (how to
# resume) must still get through; the filter ends when the JVM closes stderr.
mlem_filter_incubator_warning() {
  exec 2> >(trap '' INT TERM; exec grep --line-buffered -v -x \
    'WARNING: Using incubator modules: jdk.incubator.vector' >&2)
}
