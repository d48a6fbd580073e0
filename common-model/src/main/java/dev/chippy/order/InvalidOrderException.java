package dev.chippy.order;

/** An order that breaks one of the shop's rules (no lines, too many, a silly quantity). */
public class InvalidOrderException extends IllegalArgumentException {

    public InvalidOrderException(String message) {
        super(message);
    }
}
