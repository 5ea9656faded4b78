# The Fargate task's image: the `blackwater` command (blackwater-cli/target/blackwater.jar, the same
# stages the Lambda functions run) and the RDS CA bundle the databases' TLS is verified with.
# Built by the workflow on a runner of the deployment's architecture (make image LAMBDA_ARCH=...):
#   make package rds-ca && make image
# The task definition (terraform/modules/fargate) gives it the same BLACKWATER_* settings as the
# functions and a command: transform or load.

FROM eclipse-temurin:21-jre-noble AS slim
# Keep only this platform's native libraries: DuckDB's for the other platforms and the embedded
# PostgreSQL binaries of `blackwater demo` are ~250 MB the task never uses.
RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends zip \
    && rm -rf /var/lib/apt/lists/*
COPY blackwater-cli/target/blackwater.jar /opt/blackwater/blackwater.jar
RUN case "$(uname -m)" in \
      aarch64) keep=linux_arm64 ;; \
      x86_64) keep=linux_amd64 ;; \
      *) echo "unsupported architecture $(uname -m)" >&2; exit 1 ;; \
    esac \
    && zip -q -d /opt/blackwater/blackwater.jar 'postgres-*.txz' 'libduckdb_java.so_windows_*' \
         'libduckdb_java.so_osx_*' \
    && for other in linux_arm64 linux_amd64; do \
         if [ "$other" != "$keep" ]; then zip -q -d /opt/blackwater/blackwater.jar "libduckdb_java.so_$other"; fi; \
       done

FROM eclipse-temurin:21-jre-noble
COPY --from=slim /opt/blackwater/blackwater.jar /opt/blackwater/blackwater.jar
COPY blackwater-aws/src/lambda/ca/rds-global-bundle.pem /opt/blackwater/rds-global-bundle.pem
# The JVM takes a quarter of the task's memory (its heap stays small), DuckDB half (the task
# definition's BLACKWATER_MEMORY_LIMIT). TLS is verified by default, as on Lambda (a local test sets BLACKWATER_*_SSLMODE=disable
# explicitly); the task's /tmp is its ephemeral storage (terraform: fargate_ephemeral_storage_gb).
ENV HOME=/tmp \
    BLACKWATER_LOG_FORMAT=json \
    BLACKWATER_SOURCE_SSLMODE=verify-full \
    BLACKWATER_SOURCE_SSLROOTCERT=/opt/blackwater/rds-global-bundle.pem \
    BLACKWATER_WAREHOUSE_SSLMODE=verify-full \
    BLACKWATER_WAREHOUSE_SSLROOTCERT=/opt/blackwater/rds-global-bundle.pem
USER 65532:65532
WORKDIR /tmp
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-XX:MaxRAMPercentage=25", "-jar", "/opt/blackwater/blackwater.jar"]
CMD ["--help"]
