package dev.chippy.sink.record;

/**
 * Told, after each stored batch has committed, what it brought. Called on the record
 * keeper's listener thread: implementations only take note and return at once.
 */
public interface StoredBatchListener {

    void stored(StoredBatch batch);
}
