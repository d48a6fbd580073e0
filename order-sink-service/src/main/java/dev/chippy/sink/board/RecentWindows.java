package dev.chippy.sink.board;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import dev.chippy.sink.record.StoredWindow;

/** The analyst's stored windows the board recalls when it starts. */
interface RecentWindows extends Repository<StoredWindow, StoredWindow.Key> {

    @Query("select w from StoredWindow w where w.key.windowStart >= :since")
    List<StoredWindow> since(Instant since);
}
