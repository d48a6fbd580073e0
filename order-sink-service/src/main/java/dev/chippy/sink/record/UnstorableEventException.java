package dev.chippy.sink.record;

/** A readable event that PostgreSQL cannot hold; it goes to the dead-letter topic with this reason. */
class UnstorableEventException extends IllegalArgumentException {

    UnstorableEventException(String reason) {
        super(reason);
    }

    UnstorableEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
