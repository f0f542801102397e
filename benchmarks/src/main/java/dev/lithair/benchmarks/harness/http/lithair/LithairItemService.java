package dev.lithair.benchmarks.harness.http.lithair;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import dev.lithair.benchmarks.harness.http.ItemForm;
import dev.lithair.benchmarks.harness.http.ItemService;
import dev.lithair.benchmarks.harness.http.ItemView;

/** The shop's items in a Lithair repository; each save is one durable commit. */
@Service
public class LithairItemService implements ItemService {

    private static final int PRELOAD_BATCH = 1000;

    private final LithairItemRepository items;

    public LithairItemService(LithairItemRepository items) {
        this.items = items;
    }

    @Override
    public ItemView create(ItemForm form) {
        return view(items.save(new LithairItem(null, form.name(), form.category(), form.price(), form.sku(), null)));
    }

    @Override
    public ItemView find(String id) {
        return items.findById(id).map(LithairItemService::view).orElse(null);
    }

    @Override
    public ItemView update(String id, ItemForm form) {
        return items.findById(id)
                .map(read -> items.save(new LithairItem(id, form.name(), read.category(), form.price(), read.sku(),
                        read.version())))
                .map(LithairItemService::view)
                .orElse(null);
    }

    @Override
    public void preload(List<String> ids) {
        for (int from = 0; from < ids.size(); from += PRELOAD_BATCH) {
            List<LithairItem> batch = new ArrayList<>(PRELOAD_BATCH);
            for (String id : ids.subList(from, Math.min(ids.size(), from + PRELOAD_BATCH))) {
                ItemForm form = ItemForm.preloaded(id);
                batch.add(new LithairItem(id, form.name(), form.category(), form.price(), form.sku(), null));
            }
            items.saveAll(batch);
        }
    }

    private static ItemView view(LithairItem item) {
        return new ItemView(item.id(), item.name(), item.category(), item.price(), item.sku(), item.version());
    }
}
