package dev.chippy.preparer.cabinet;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.chippy.event.CabinetStocked;
import dev.chippy.menu.Portion;
import dev.chippy.service.kitchen.CabinetLedger;

/**
 * Reads a cabinet's stock back from its partition of the cabinet topic: its latest committed
 * record. Only the cabinet's owner writes that partition; when a preparer takes a cabinet over,
 * the one before it may have left a transaction open there (it crashed), or committed one whose
 * commit markers are still being written. So the reader first waits until no transaction is
 * open in the partition: then what it reads is all there will ever be from before.
 */
public class CabinetStockReader implements IntFunction<Map<Portion, Integer>> {

    private static final Log LOG = LogFactory.getLog(CabinetStockReader.class);

    private final Map<String, Object> consumerConfig;
    private final Duration openTransactionsWait;

    /**
     * @param consumerConfig       how to reach Kafka (the preparer's consumer settings)
     * @param openTransactionsWait how long to wait for an open transaction to end: longer than the
     *                             preparers' transaction timeout, after which Kafka aborts it
     */
    public CabinetStockReader(Map<String, Object> consumerConfig, Duration openTransactionsWait) {
        this.consumerConfig = consumerConfig;
        this.openTransactionsWait = openTransactionsWait;
    }

    @Override
    public Map<Portion, Integer> apply(int cabinet) {
        try (CabinetLedger ledger = new CabinetLedger(consumerConfig, List.of(cabinet))) {
            if (!ledger.awaitNoOpenTransactions(openTransactionsWait)) {
                LOG.warn("Cabinet " + cabinet + " still has a transaction open after " + openTransactionsWait
                        + "; its stock is read as committed so far");
            }
            CabinetStocked latest = CabinetLedger.latest(ledger.readOn()).get(cabinet);
            Map<Portion, Integer> stock = latest == null ? Map.of() : latest.stock();
            LOG.info("Cabinet " + cabinet + " holds " + stock);
            return stock;
        }
    }
}
