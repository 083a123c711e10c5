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

# Builds the shaded jar and Spark's jars when either is missing.
mlem_ensure_built() {
  if [[ -z "$(mlem_shaded_jar)" || ! -d "$MLEM_SPARK_HOME/jars" ]]; then
    echo "mlem: building the project once (mvn -q -B -DskipTests package) ..." >&2
    (cd "$MLEM_ROOT" && mvn -q -B -DskipTests package) >&2
  fi
}

mlem_java() {
  if [[ -n "${JAVA_HOME:-}" ]]; then echo "$JAVA_HOME/bin/java"; else echo java; fi
}
