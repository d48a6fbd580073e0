-- The partition each order came on. A till numbers its orders in the order it writes them,
-- so on each partition its numbers only go up: a missing number is certainly lost once every
-- partition has brought a later one from that till, and may still be on its way until then.
alter table orders add column kafka_partition integer;

-- Orders stored before: every event of an order shares its partition number.
update orders set kafka_partition = known.kafka_partition
from (select order_id, min(kafka_partition) as kafka_partition from status_changes group by order_id) known
where orders.id = known.order_id;
