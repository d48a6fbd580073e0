package dev.chippy.sink.query;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /stats}. */
@RestController
class StatsController {

    private final StatsQueries queries;

    StatsController(StatsQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/stats")
    Stats stats() {
        return queries.stats();
    }
}
