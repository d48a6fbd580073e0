#!/bin/bash
# Runs a class of Kafka's with its jars, as the official image's bin/kafka-run-class.sh does.
exec java ${KAFKA_HEAP_OPTS:--Xmx256m} -XX:TieredStopAtLevel=1 -cp '/opt/kafka/libs/*' \
    -Dlogback.configurationFile=/opt/kafka/config/tools-logback.xml "$@"
