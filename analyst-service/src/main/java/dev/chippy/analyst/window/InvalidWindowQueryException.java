package dev.chippy.analyst.window;

/** A question about windows that cannot be answered as asked. */
class InvalidWindowQueryException extends RuntimeException {

    InvalidWindowQueryException(String message) {
        super(message);
    }
}
