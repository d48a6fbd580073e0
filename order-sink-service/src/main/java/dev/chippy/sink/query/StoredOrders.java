package dev.chippy.sink.query;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

import dev.chippy.sink.record.StatusChange;
import dev.chippy.sink.record.StoredOrder;

/** Reading stored orders. */
interface StoredOrders extends JpaRepository<StoredOrder, UUID>, JpaSpecificationExecutor<StoredOrder> {

    @Query("select s from StatusChange s where s.orderId = :orderId order by s.at, s.kafkaOffset")
    List<StatusChange> history(UUID orderId);
}
