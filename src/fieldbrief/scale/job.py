"""The file spark-submit runs: `spark-submit [its options] JOB spark|spark-link [fieldbrief's options]`.

JOB is this file's path (`python -c 'import fieldbrief.scale.job as j; print(j.__file__)'`). It runs the same
command line as `fieldbrief`; the Spark session is the one spark-submit configured (its --master and --conf)."""

from fieldbrief.cli import main

if __name__ == "__main__":
    main()
