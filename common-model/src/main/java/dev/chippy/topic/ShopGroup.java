package dev.chippy.topic;

/**
 * The shop's consumer groups, named once: the services join them, and the board and the
 * tests watch them by the same names. Constants, so that listener annotations can use them.
 * Different readers of a topic are different groups, and each group gets every record:
 * the preparers share the orders out among themselves, while the record keeper reads all
 * of them too.
 */
public final class ShopGroup {

    /** Every preparer: the group shares the orders' partitions out. */
    public static final String PREPARERS = "chippy-preparers";
    /**
     * Every preparer of the {@code queue} scenario: a share group (Kafka queues, KIP-932), in
     * which the preparers share the records of every partition rather than the partitions. Its
     * own name: a group id is a consumer group or a share group, never both.
     */
    public static final String PREPARERS_SHARING = "chippy-preparers-sharing";
    /** Every cook: the group shares the cook requests' partitions out. */
    public static final String COOKS = "chippy-cooks";
    /** The record keeper, which reads every order and status into PostgreSQL. */
    public static final String RECORD_KEEPER = "chippy-record-keeper";
    /**
     * The analyst: a Kafka Streams application, whose application id is its consumer group. It
     * reads every order and status again, for its own purpose, without taking any from the others.
     */
    public static final String ANALYST = "chippy-analyst";

    private ShopGroup() {
    }
}
