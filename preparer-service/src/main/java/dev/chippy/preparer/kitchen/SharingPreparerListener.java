package dev.chippy.preparer.kitchen;

import java.util.List;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.ShareAcknowledgment;
import org.springframework.stereotype.Component;

import dev.chippy.event.OrderPlaced;
import dev.chippy.event.ShopEvent;
import dev.chippy.service.kafka.ShareGroupEvents;
import dev.chippy.service.time.ShopClock;
import dev.chippy.topic.ShopGroup;
import dev.chippy.topic.ShopTopic;

/**
 * One preparer of a share group (the {@code queue} scenario): Kafka hands it orders and cooked
 * plaice, one record at a time, from partitions it shares with other preparers, and it
 * acknowledges each one itself. Six preparers on three partitions all work, where a consumer
 * group would leave three idle.
 *
 * <p>The price: no order within a partition, and no transaction that takes in the acknowledgement,
 * so a preparer killed after writing an order's outcome and before acknowledging it leaves that
 * order to be prepared again by another. The outcome is the same event each time, and the record
 * keeper keeps one: every order is still READY exactly once in PostgreSQL ({@link ShareGroupEvents}).
 */
@Component
@ConditionalOnProperty(name = "chippy.preparer.share-group", havingValue = "true")
class SharingPreparerListener {

    /**
     * A share consumer's client id is its listener's id: the preparer's name and the topic it reads
     * ({@code preparer-4-orders}), so that {@code kafka-share-groups --describe} and the board show
     * who holds what.
     */
    public static final String ORDERS_SUFFIX = "-orders";
    public static final String COOKED_SUFFIX = "-cooked";

    private static final Log LOG = LogFactory.getLog(SharingPreparerListener.class);

    private final Preparer preparer;
    private final Announcer announcer;
    private final ShareGroupEvents events;
    private final ShopClock clock;

    SharingPreparerListener(Preparer preparer, Announcer announcer, ShareGroupEvents events, ShopClock clock) {
        this.preparer = preparer;
        this.announcer = announcer;
        this.events = events;
        this.clock = clock;
    }

    /**
     * New orders. Kafka shares a partition's records among members only when a topic has more
     * members reading it than partitions; a member reading orders and cooked plaice together
     * would count six partitions against six preparers and have one partition to itself, as in
     * a consumer group. So each preparer is two members of the group: one for each topic.
     */
    @KafkaListener(id = "#{@preparerIdentity.name()}" + ORDERS_SUFFIX, groupId = ShopGroup.PREPARERS_SHARING, containerFactory = SharingConfiguration.CONTAINER_FACTORY,
            topics = ShopTopic.Names.ORDERS)
    void prepare(ConsumerRecord<String, ShopEvent> record, ShareAcknowledgment acknowledgment) {
        take(record, acknowledgment);
    }

    /** Plaice back from the cook: the order is finished by whichever preparer Kafka hands it to. */
    @KafkaListener(id = "#{@preparerIdentity.name()}" + COOKED_SUFFIX, groupId = ShopGroup.PREPARERS_SHARING, containerFactory = SharingConfiguration.CONTAINER_FACTORY,
            topics = ShopTopic.Names.COOKED)
    void finish(ConsumerRecord<String, ShopEvent> record, ShareAcknowledgment acknowledgment) {
        take(record, acknowledgment);
    }

    private void take(ConsumerRecord<String, ShopEvent> record, ShareAcknowledgment acknowledgment) {
        int delivery = ShareGroupEvents.delivery(record);
        if (delivery > 1) {
            LOG.info("Handed out again (delivery " + delivery + "): " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + ", order " + record.key());
        }
        if (clock.closing()) {
            leave(record);
            return;
        }
        if (record.value() instanceof OrderPlaced placed) {
            try {
                announcer.announce(List.of(preparer.preparing(placed.order()).handedOut(delivery)));
            } catch (RuntimeException kafkaAway) {
                // Thrown out of here, the failure would have the container reject the order: lost.
                if (clock.closing()) {
                    leave(record);
                } else {
                    LOG.warn("Could not announce order " + placed.order().id() + "; it goes back to the share group", kafkaAway);
                    acknowledgment.release();
                }
                return;
            }
        }
        Optional<AcknowledgeType> outcome = events.process(record, preparer::handle, preparer::rejected);
        if (outcome.isEmpty()) {
            leave(record);
            return;
        }
        switch (outcome.get()) {
            case ACCEPT -> acknowledgment.acknowledge();
            case REJECT -> acknowledgment.reject();
            default -> acknowledgment.release();
        }
    }

    /**
     * The preparer is closing: the record stays unacknowledged, and closing the consumer gives it
     * back to the group. Released now, it would come straight back to this closing consumer.
     */
    private static void leave(ConsumerRecord<String, ShopEvent> record) {
        LOG.info("Closing: order " + record.key() + " goes back to the share group as this preparer leaves");
    }
}
