package dev.chippy.event;

import java.time.Instant;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON mapping of Chippy's messages. Every service reads and writes Kafka
 * messages with this mapper, so they agree on the format.
 */
public final class ShopJson {

    private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

    private ShopJson() {
    }

    /** The shared, thread-safe mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * Applies Chippy's rules to a mapper builder: unknown fields are ignored (a newer
     * writer may add some); an explicit null number is an error, not a silent zero.
     * Missing fields are left to the records' own checks, so a field added later can be
     * optional for messages written before it existed. Times are read in the shape they are
     * written in without a formatter ({@link InstantsAsWritten}).
     */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder
                .addModule(new SimpleModule("chippy-instants").addDeserializer(Instant.class, new InstantsAsWritten()))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    public static String write(ShopEvent event) {
        return MAPPER.writeValueAsString(event);
    }

    public static ShopEvent read(String json) {
        return MAPPER.readValue(json, ShopEvent.class);
    }
}
