package dev.chippy.event;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Everything Chippy writes to Kafka. In JSON every event names its {@code type} and
 * its schema {@code version}; readers ignore fields they do not know, so a newer
 * writer never breaks an older reader. A change that would break old readers gets
 * a new type name instead of a new meaning for an old one.
 *
 * <pre>{"type":"OrderPlaced","version":1,"eventId":"…","order":{…}}</pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = OrderPlaced.class, name = "OrderPlaced"),
        @JsonSubTypes.Type(value = OrderStatusChanged.class, name = "OrderStatusChanged"),
        @JsonSubTypes.Type(value = CookRequested.class, name = "CookRequested"),
        @JsonSubTypes.Type(value = FoodCooked.class, name = "FoodCooked"),
        @JsonSubTypes.Type(value = FoodNotCooked.class, name = "FoodNotCooked"),
        @JsonSubTypes.Type(value = TillCheckpoint.class, name = "TillCheckpoint"),
        @JsonSubTypes.Type(value = OrderReceipt.class, name = "OrderReceipt"),
        @JsonSubTypes.Type(value = TillServiceOpened.class, name = "TillServiceOpened"),
        @JsonSubTypes.Type(value = WindowTallied.class, name = "WindowTallied"),
        @JsonSubTypes.Type(value = CabinetToppedUp.class, name = "CabinetToppedUp"),
        @JsonSubTypes.Type(value = CabinetStocked.class, name = "CabinetStocked"),
})
public sealed interface ShopEvent
        permits OrderEvent, TillCheckpoint, OrderReceipt, TillServiceOpened, WindowTallied,
                CabinetToppedUp, CabinetStocked {

    /** The version every event type has today. */
    int SCHEMA_VERSION = 1;

    /** Unique per event; a reader that sees the same id twice has seen a duplicate. */
    UUID eventId();

    /** The Kafka record key. */
    @JsonIgnore
    String key();

    @JsonProperty(value = "version", access = JsonProperty.Access.READ_ONLY)
    default int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /** When the thing the event tells of happened. */
    Instant at();
}
