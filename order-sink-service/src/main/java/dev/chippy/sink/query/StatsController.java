package dev.chippy.sink.query;

import org.springframework.web.bind.annotation.GetMapping;

import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /stats}. The sums scan whole tables, on the pool that also stores the shop's
 * events: one answer is given to every caller for {@code chippy.sink.stats-for}, and only one
 * caller at a time asks PostgreSQL, however many call at once. Storing never waits behind a
 * crowd of queries.
 */
@RestController
class StatsController {

    private record Answer(Stats stats, long at) {
    }

    private final StatsQueries queries;
    private final long answerNanos;
    private volatile Answer latest;

    StatsController(StatsQueries queries, QueryProperties properties) {
        this.queries = queries;
        this.answerNanos = properties.statsFor().toNanos();
    }

    @GetMapping("/stats")
    Stats stats() {
        Answer answer = latest;
        if (answer != null && System.nanoTime() - answer.at() < answerNanos) {
            return answer.stats();
        }
        synchronized (this) {
            // Those who waited here get the answer of whoever asked before them.
            answer = latest;
            if (answer == null || System.nanoTime() - answer.at() >= answerNanos) {
                answer = new Answer(queries.stats(), System.nanoTime());
                latest = answer;
            }
            return answer.stats();
        }
    }
}
