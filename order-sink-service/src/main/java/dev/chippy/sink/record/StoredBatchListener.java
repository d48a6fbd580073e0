package dev.chippy.sink.record;

import java.util.List;

/** Told, after each stored batch has committed, which orders it moved on. */
public interface OrderMovedListener {

    void moved(List<RecordKeeper.Moved> moved);
}
