package dev.chippy.runner.fault;

import java.time.Instant;
import java.util.List;

/** The faults a shop offers, as the fault panel sees them: {@link ShopFaults} for a real shop. */
public interface Faults {

    /** One fault, as the panel offers it. */
    record Fault(String id, String label, String detail) {
    }

    /** Something a fault did, and when. */
    record Happening(Instant at, String text) {
    }

    /** The faults on offer. */
    List<Fault> available();

    /** Causes the fault of this id, and returns once the shop has been put right again. */
    void cause(String id);

    /** What the faults did, newest first. */
    List<Happening> happenings();

    /** Tells the log what happened. */
    void tell(String text);

    /** True when {@code id} names one of {@link #available()}. */
    default boolean offers(String id) {
        return available().stream().anyMatch(fault -> fault.id().equals(id));
    }
}
