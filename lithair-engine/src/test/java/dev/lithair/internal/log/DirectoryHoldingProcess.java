package dev.lithair.internal.log;

import java.io.IOException;
import java.nio.file.Path;

import tools.jackson.databind.node.JsonNodeFactory;

import dev.lithair.exception.DataDirectoryInUseException;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.Operation;

/**
 * The child JVM of {@link DataDirectoryLockTest}. {@code hold DIR}: opens a store on the directory,
 * commits one document, prints {@code READY <pid>} and keeps the store open until its standard input
 * closes. {@code open DIR}: tries to open a store on it and prints {@code OPENED}, or {@code REFUSED}
 * and the refusal's message, then exits.
 */
public final class DirectoryHoldingProcess {

    private DirectoryHoldingProcess() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[1]);
        if (args[0].equals("open")) {
            try (LithairStore store = LithairStore.open(StoreOptions.defaults(directory))) {
                System.out.println("OPENED");
            } catch (DataDirectoryInUseException refused) {
                System.out.println("REFUSED " + refused.getMessage());
            }
            System.out.flush();
            return;
        }
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(directory))) {
            store.commit(Commit.of(new Operation.Put("Doc", "from-child",
                    JsonNodeFactory.instance.objectNode().put("by", ProcessHandle.current().pid()))));
            System.out.println("READY " + ProcessHandle.current().pid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // held until the test closes our standard input (or dies)
            }
        }
    }
}
