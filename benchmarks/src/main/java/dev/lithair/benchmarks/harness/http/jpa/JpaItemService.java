package dev.lithair.benchmarks.harness.http.jpa;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.lithair.benchmarks.harness.http.ItemForm;
import dev.lithair.benchmarks.harness.http.ItemService;
import dev.lithair.benchmarks.harness.http.ItemView;

/**
 * The shop's items in Spring Data JPA, as such an application is usually written: a new entity with
 * an assigned UUID and no version is persisted without a select; an update loads the entity and lets
 * the transaction's flush write it, checking and raising {@code version}, with Envers auditing it.
 */
@Service
public class JpaItemService implements ItemService {

    private static final int PRELOAD_BATCH = 1000;

    private final JpaItemRepository items;

    public JpaItemService(JpaItemRepository items) {
        this.items = items;
    }

    @Override
    @Transactional
    public ItemView create(ItemForm form) {
        return view(items.save(new JpaItem(UUID.randomUUID().toString(), form.name(), form.category(), form.price(),
                form.sku())));
    }

    @Override
    @Transactional(readOnly = true)
    public ItemView find(String id) {
        return items.findById(id).map(JpaItemService::view).orElse(null);
    }

    @Override
    @Transactional
    public ItemView update(String id, ItemForm form) {
        JpaItem item = items.findById(id).orElse(null);
        if (item == null) {
            return null;
        }
        item.edit(form.name(), form.price());
        // flushed here rather than at commit, so that the answer carries the version the update wrote
        return view(items.saveAndFlush(item));
    }

    @Override
    public void preload(List<String> ids) {
        for (int from = 0; from < ids.size(); from += PRELOAD_BATCH) {
            List<JpaItem> batch = new ArrayList<>(PRELOAD_BATCH);
            for (String id : ids.subList(from, Math.min(ids.size(), from + PRELOAD_BATCH))) {
                ItemForm form = ItemForm.preloaded(id);
                batch.add(new JpaItem(id, form.name(), form.category(), form.price(), form.sku()));
            }
            items.saveAll(batch);
        }
    }

    private static ItemView view(JpaItem item) {
        return new ItemView(item.getId(), item.getName(), item.getCategory(), item.getPrice(), item.getSku(),
                item.getVersion());
    }
}
