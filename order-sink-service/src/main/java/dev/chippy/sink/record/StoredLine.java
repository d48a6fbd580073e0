package dev.chippy.sink.record;

import jakarta.persistence.Embeddable;

/** One line of a stored order, with the price it was sold at. */
@Embeddable
public record StoredLine(String item, int quantity, int unitPricePence) {
}
