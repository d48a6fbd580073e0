package dev.chippy.sink.board;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import dev.chippy.sink.record.StoredOrder;

/** The stored orders the board recalls when it starts. */
interface RecentOrders extends Repository<StoredOrder, UUID> {

    @Query("select o.id from StoredOrder o order by o.placedAt desc")
    List<UUID> latest(Limit limit);

    @Query("select o.id from StoredOrder o where o.status <> dev.chippy.order.OrderStatus.READY order by o.placedAt desc")
    List<UUID> unfinished(Limit limit);

    @Query("select distinct o from StoredOrder o left join fetch o.lines where o.id in :ids")
    List<StoredOrder> withLines(Collection<UUID> ids);
}
