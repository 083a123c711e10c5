/**
 * The fit job: the only way a representation set is fitted. {@code mlem fit}, {@code mlem sweep}
 * (each set), {@code mlem demo} and {@code mlem bench} all call {@link org.mlem.jobs.fit.FitJob},
 * so every fit option (placement included) works in every command that accepts it, and what
 * run.json records is what ran. Depends on io, spark, output and report; never on cli.
 */
package org.mlem.jobs.fit;
