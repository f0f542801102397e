package dev.lithair.benchmarks.harness.axon;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Axon's {@link TransactionManager} over a Spring {@link PlatformTransactionManager} (here Spring's
 * {@code JpaTransactionManager}), as Axon's own {@code axon-spring} module does; that module targets
 * Spring 6 and is not on this Spring 7 classpath. A nested start (the event store reading or appending
 * inside a command's unit of work) joins the outer transaction, which alone commits.
 */
final class SpringTransactionManager implements TransactionManager {

    private final PlatformTransactionManager transactions;

    SpringTransactionManager(PlatformTransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public Transaction startTransaction() {
        TransactionStatus status = transactions.getTransaction(new DefaultTransactionDefinition());
        return new Transaction() {
            @Override
            public void commit() {
                if (status.isNewTransaction()) {
                    transactions.commit(status);
                }
            }

            @Override
            public void rollback() {
                if (status.isNewTransaction()) {
                    transactions.rollback(status);
                }
            }
        };
    }
}
