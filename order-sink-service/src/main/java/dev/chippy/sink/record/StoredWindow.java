package dev.chippy.sink.record;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import dev.chippy.event.WindowTallied;
import dev.chippy.event.WindowTallied.Measure;

/** One partition's share of one of the analyst's windows, as last tallied. */
@Entity
@Table(name = "shop_windows")
public class StoredWindow {

    @EmbeddedId
    private Key key;
    private Instant windowEnd;
    private long count;
    private long total;
    private long largest;
    private Instant talliedAt;

    protected StoredWindow() {
    }

    /** The tally as the analyst wrote it (its event id made up from the key: the record keeps no event ids of tallies). */
    public WindowTallied toTally() {
        return new WindowTallied(UUID.nameUUIDFromBytes(key.toString().getBytes(StandardCharsets.UTF_8)),
                key.measure, key.subject, key.share, key.windowStart, windowEnd, count, total, largest, talliedAt);
    }

    @Embeddable
    public static class Key implements Serializable {

        @Enumerated(EnumType.STRING)
        private Measure measure;
        private String subject;
        private Instant windowStart;
        @Column(name = "share")
        private int share;

        protected Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && measure == that.measure && share == that.share
                    && subject.equals(that.subject) && windowStart.equals(that.windowStart);
        }

        @Override
        public int hashCode() {
            return Objects.hash(measure, subject, windowStart, share);
        }

        @Override
        public String toString() {
            return measure + "/" + subject + "/" + windowStart + "/" + share;
        }
    }
}
