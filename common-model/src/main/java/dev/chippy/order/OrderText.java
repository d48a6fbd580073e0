package dev.chippy.order;

/**
 * The words people see about an order, the same on every till, screen and log:
 * {@code "Order 17: cod & chips, large chips"}.
 */
public final class OrderText {

    private OrderText() {
    }

    /** As the till shows it: "Order 17: cod &amp; chips, large chips". */
    public static String placed(Order order) {
        return "Order " + order.number() + ": " + order.describeLines();
    }

    /** As the preparer shows it once done: "Order ready 17: ✓ cod &amp; chips, large chips". */
    public static String ready(Order order) {
        return "Order ready " + order.number() + ": ✓ " + order.describeLines();
    }

    /** As the cook shows it while frying: "Cooking 7: plaice &amp; chips". */
    public static String cooking(Order order) {
        return "Cooking " + order.number() + ": " + order.describeLines();
    }

    /** As the cook shows it when done: "Cooked 7: ✓ plaice &amp; chips". */
    public static String cooked(Order order) {
        return "Cooked " + order.number() + ": ✓ " + order.describeLines();
    }

}
