# The service as App Platform (and any container runtime) runs it: built with Maven, run on a JRE 17 as a non-root
# user. docker build -t intelia-expert . && docker run -p 8080:8080 --env-file prod.env intelia-expert
# src/test/java/com/intelia/expert/deploy/DockerfileTest checks this file's structure and runs its command line.

# Build: the shaded jar, with the tests left to CI (mvn -B verify)
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
COPY migrations.xml .
RUN mvn -B -q -DskipTests package

# Run: the JRE, the jar and config.yml, nothing else
FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 expert && useradd --system --uid 10001 --gid expert --home-dir /app expert
WORKDIR /app
COPY --from=build /build/target/intelia-expert.jar /app/intelia-expert.jar
COPY config.yml /app/config.yml
RUN mkdir -p /app/data && chown expert:expert /app/data
USER expert
# config.yml reads PORT (App Platform sets it to http_port); the admin port stays on loopback
ENV PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=2s --start-period=60s --retries=3 \
    CMD curl -fsS --max-time 2 "http://127.0.0.1:${PORT}/api/health" > /dev/null || exit 1
# The heap is sized from the container's memory: 75 % of 512 MiB or 1 GiB, the rest for metaspace, threads and buffers.
CMD ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/intelia-expert.jar", "server", "/app/config.yml"]
