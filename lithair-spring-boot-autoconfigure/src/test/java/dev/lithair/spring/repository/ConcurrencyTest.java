package dev.lithair.spring.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.lithair.spring.repository.shop.Account;

class ConcurrencyTest extends ShopTest {

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void concurrentReadModifyWriteTransactionsLoseNoUpdateWhenTheyRetryOnAStaleVersion() throws Exception {
        String id = accounts.save(new Account("pool@example.com", "gold", 0)).getId();
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        AtomicInteger conflicts = new AtomicInteger();
        int threads = 8;
        int incrementsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < incrementsEach; i++) {
                        while (true) {
                            try {
                                transaction.executeWithoutResult(status -> {
                                    Account account = accounts.findById(id).orElseThrow();
                                    account.setBalance(account.getBalance() + 1);
                                    accounts.save(account);
                                });
                                break;
                            } catch (OptimisticLockingFailureException stale) {
                                conflicts.incrementAndGet();
                            }
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }

        Account account = accounts.findById(id).orElseThrow();
        assertThat(account.getBalance()).isEqualTo(threads * incrementsEach);
        assertThat(account.getVersion()).isEqualTo(threads * incrementsEach);
    }
}
