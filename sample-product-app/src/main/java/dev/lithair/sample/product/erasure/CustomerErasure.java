package dev.lithair.sample.product.erasure;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lithair.sample.product.auth.AccessToken;
import dev.lithair.sample.product.auth.AccessTokenRepository;
import dev.lithair.sample.product.order.Order;
import dev.lithair.sample.product.order.OrderRepository;
import dev.lithair.sample.product.user.Role;
import dev.lithair.sample.product.user.UserAccount;
import dev.lithair.sample.product.user.UserAccountRepository;
import dev.lithair.sample.product.web.NotFoundException;

/**
 * Erases a customer (right to erasure, GDPR art. 17): their account, their sessions, and their name from their
 * orders, which stay for the books under a pseudonym.
 *
 * <p>Everything is erased in one transaction, so one atomic commit: a failure leaves the customer as they
 * were, never half erased. {@code LithairRepository.erase} removes an entity with all its retained history,
 * and the next compaction ({@code POST /lithair/admin/compact}) removes its values from the data directory.
 * An order's {@code customer} is {@code @Immutable}, so an order is erased and stored again under the same id,
 * with the pseudonym in place of the username: its status history goes with the erasure, since it names the
 * customer as the actor of the order's creation.
 */
@Service
public class CustomerErasure {

    /**
     * The pseudonyms' prefix. A pseudonym is this and a random UUID, 43 characters: longer than any username
     * (at most 40), so nobody can register one and see the erased customer's orders as their own.
     */
    static final String PSEUDONYM_PREFIX = "erased-";

    private static final Logger log = LoggerFactory.getLogger(CustomerErasure.class);

    private final UserAccountRepository users;
    private final AccessTokenRepository tokens;
    private final OrderRepository orders;
    private final TransactionTemplate transaction;

    public CustomerErasure(UserAccountRepository users, AccessTokenRepository tokens, OrderRepository orders,
            PlatformTransactionManager transactionManager) {
        this.users = users;
        this.tokens = tokens;
        this.orders = orders;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * Erases the customer's account and sessions and puts their orders under a new pseudonym, in one commit.
     *
     * @throws NotFoundException      when no account has this username
     * @throws NotACustomerException  when the account is an employee's or an admin's
     * @throws org.springframework.dao.OptimisticLockingFailureException when one of the orders changed
     *         status meanwhile: nothing is erased, and the erasure can be asked again
     */
    public ErasedCustomer erase(String username) {
        String pseudonym = PSEUDONYM_PREFIX + UUID.randomUUID();
        SessionsAndOrders erased = transaction.execute(status -> {
            UserAccount account = users.findByUsername(username)
                    .orElseThrow(() -> new NotFoundException("User", "username", username));
            if (account.role() != Role.CUSTOMER) {
                throw new NotACustomerException(username, account.role());
            }
            users.erase(account.id());
            return eraseSessionsAndOrders(username, pseudonym);
        });
        // A login or an order of the customer's in flight during the erasure (its checks passed before the
        // account went) may have been stored after the reads above: a second commit erases what it left.
        SessionsAndOrders late = transaction.execute(status -> eraseSessionsAndOrders(username, pseudonym));
        int sessions = erased.sessions() + late.sessions();
        int orderCount = erased.orders() + late.orders();
        // Not the username: the log would keep it.
        log.info("Erased a customer account with {} sessions; {} orders now under {}", sessions, orderCount,
                pseudonym);
        return new ErasedCustomer(username, sessions, orderCount, pseudonym);
    }

    private SessionsAndOrders eraseSessionsAndOrders(String username, String pseudonym) {
        List<AccessToken> sessions = tokens.findByUsername(username);
        List<Order> placed = orders.findAllByCustomer(username);
        for (AccessToken session : sessions) {
            tokens.erase(session.tokenHash());
        }
        for (Order order : placed) {
            // Saved unchanged first, with the version read: erasing and storing anew check no version, so a
            // status change committed meanwhile would be silently undone; this way it fails the commit instead.
            orders.save(order);
            orders.erase(order.id());
            orders.save(order.pseudonymisedAs(pseudonym));
        }
        return new SessionsAndOrders(sessions.size(), placed.size());
    }

    private record SessionsAndOrders(int sessions, int orders) {
    }
}
