# One Dockerfile for every Chippy service: the jars are built once, in the first stage,
# and each service's image takes its own jar. docker-compose.yml picks the target.
# It builds with BuildKit and with the classic builder alike, so it uses nothing
# BuildKit-only (no "# syntax" line, which would pull a frontend image, and no cache mounts).

FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
# maven.test.skip: the tests are neither run nor compiled here; the build that ran them made the same jars.
RUN ./mvnw --batch-mode --no-transfer-progress -Dmaven.test.skip=true package \
        -pl till-service,preparer-service,cook-service,order-sink-service,analyst-service -am \
 && mkdir /jars \
 && for service in till-service preparer-service cook-service order-sink-service analyst-service; do \
        cp "$service"/target/"$service"-*.jar /jars/"$service".jar; \
    done

FROM eclipse-temurin:25-jre AS service
RUN useradd --system --uid 10001 chippy
USER chippy
WORKDIR /app
# The demo's JVM, as ./chippy run gives its services: the quick JIT only and the serial
# collector. A dozen JVMs open on a laptop's cores with less work, and the demo's few
# orders a second need no more. A service under real load would drop -XX:TieredStopAtLevel=1.
# Compact object headers (JEP 519) put the same objects in less heap; two malloc arenas
# hold the JVM's native memory in less than glibc's eight per core (ServiceJvm, decision 8).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:+UseCompactObjectHeaders" \
    MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-jar", "/app/app.jar"]

FROM service AS till-service
COPY --from=build /jars/till-service.jar /app/app.jar
EXPOSE 8081

FROM service AS preparer-service
COPY --from=build /jars/preparer-service.jar /app/app.jar
EXPOSE 8082

FROM service AS cook-service
COPY --from=build /jars/cook-service.jar /app/app.jar
EXPOSE 8083

FROM service AS order-sink-service
COPY --from=build /jars/order-sink-service.jar /app/app.jar
EXPOSE 8084

FROM service AS analyst-service
COPY --from=build /jars/analyst-service.jar /app/app.jar
EXPOSE 8090
