# leakpath, built from this repository: docker build -t leakpath .
# Stage 1 builds the jar with the Maven Wrapper (tests run in CI, not here); stage 2 runs it as a non-root user
# on a JRE, from Spring Boot's layers so that a code change does not re-ship the dependencies.
#
# The image runs the production jar: no demo, no embedded PostgreSQL, no made-up key, so none of its state lives
# in the container. It needs, in its environment (README "Running in production"):
#   SPRING_R2DBC_URL=r2dbc:postgresql://HOST:5432/leakpath  SPRING_R2DBC_USERNAME  SPRING_R2DBC_PASSWORD
#     (Flyway migrates the same database with the same account unless SPRING_FLYWAY_URL, _USER, _PASSWORD say)
#   LEAKPATH_FINGERPRINT_KEY (32+ characters, kept for ever), or LEAKPATH_FINGERPRINT_KEY_FILE naming a mounted
#     secret that holds it
# and, to do anything, provider credentials (LEAKPATH_GITHUB_TOKEN, ...) and API tokens or OIDC sign-in.
# Without the first two it stops at once with one line naming what is missing.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q -DskipTests package \
 && java -Djarmode=tools -jar target/leakpath-*.jar extract --layers --launcher --destination target/layers

FROM eclipse-temurin:17-jre
RUN groupadd --system leakpath && useradd --system --gid leakpath --home-dir /app --shell /usr/sbin/nologin leakpath
WORKDIR /app
COPY --from=build /src/target/layers/dependencies/ ./
COPY --from=build /src/target/layers/spring-boot-loader/ ./
COPY --from=build /src/target/layers/snapshot-dependencies/ ./
COPY --from=build /src/target/layers/application/ ./
COPY config/application.yml config/application.yml
USER leakpath
EXPOSE 8080
# readiness: up, and the database answers (no curl in the image: bash's /dev/tcp does)
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 CMD ["bash", "-c", \
  "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '\"UP\"' <&3"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "org.springframework.boot.loader.launch.JarLauncher"]
