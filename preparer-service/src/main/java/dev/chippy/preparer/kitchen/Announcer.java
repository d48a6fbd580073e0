package dev.chippy.preparer.kitchen;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

import dev.chippy.event.OrderStatusChanged;
import dev.chippy.topic.ShopTopic;

/**
 * Tells the shop at once that orders are being prepared. {@code PREPARING} is written
 * before the work starts, outside the batch's transaction, so that screens show what a
 * preparer is doing while it does it; everything else a preparer writes waits for the
 * transaction. The cost is honest history: if a preparer dies mid-order, the order shows
 * {@code PREPARING} twice, once for each preparer that picked it up, and is still
 * {@code READY} only once.
 *
 * <p>The announcements are acknowledged before the batch's transaction writes anything,
 * so each order's {@code PREPARING} comes before its later statuses in the topic.
 *
 * <p>A preparer of the consumer group announces only while time is simulated; with time off
 * its {@code PREPARING} goes in the transaction ({@link PreparerListener}). A preparer of the
 * share group always announces: it has no transaction to put it in.
 */
public class Announcer {

    private final Producer<Object, Object> producer;

    public Announcer(Producer<Object, Object> producer) {
        this.producer = producer;
    }

    public void announce(List<OrderStatusChanged> statuses) {
        if (statuses.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(statuses.size());
        for (OrderStatusChanged status : statuses) {
            acks.add(producer.send(new ProducerRecord<>(ShopTopic.ORDER_STATUS.topicName(), status.key(), status)));
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while announcing orders", e);
            } catch (ExecutionException e) {
                throw new KafkaException("could not announce that orders are being prepared", e.getCause());
            }
        }
    }
}
